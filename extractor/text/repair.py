"""Dictionary-guided repair of the damage PDF exporters leave in Thai text.

PDF text layers lose or misplace Thai marks in a few regular ways (see
``docs/real-pdfs.md``). Each way is a *candidate edit* here; an edit
is kept only when the dictionary (PyThaiNLP's word list, plus the gazetteer's place names so
"สบเมย" is not "fixed" into "สบเมย์") says it turns
non-words into words, or when it fixes a sequence Thai spelling cannot have.
No list of particular words is involved, so the same rules repair reports from
any agency:

- sara am lost to a space (Word → TH Sarabun): ``"ส านักงาน"`` → ``"สำนักงาน"``,
  but ``"น าที"`` → ``"นาที"`` when only the join makes a word;
- marks one letter too far right (glyph x-order): ``"บนัทกึ"`` → ``"บันทึก"``,
  and with a stray space after them: ``"ปฏบิ ตั ติ าม"`` → ``"ปฏิบัติตาม"``;
- tone before vowel (``"ก่ิ"`` → ``"กิ่"``), tone after sara aa (``"จา่ย"`` → ``"จ่าย"``);
- า read as ำ and ำ lost to า (PowerPoint, Word): ``"กำรแพทย์"`` → ``"การแพทย์"``;
- marks the text layer lost (no ToUnicode entry): ``"ใหเปน"`` → ``"ให้เป็น"``;
- glyphs with no Unicode (``(cid:N)``, U+FFFD): the mark that makes a word, or dropped.

An edit must leave every letter it touched inside a dictionary word of three or
more letters, so names and foreign words the dictionary lacks, and a report's
own typos (which the rules report), come through as written.

:func:`repair_damage` is pure and runs on every line and cell; results are
cached per line and chunk, so an 80-page document repairs in seconds.
:func:`needs_ocr` tells a reader which pages no text repair can save (a font
that maps glyphs to the wrong letters): OCR them instead.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from .chars import COMBINING as MARK
from .chars import CONSONANTS as CONS
from .chars import LEADING_VOWELS as LEAD
from .chars import SARA_AA as AA
from .chars import SARA_AM as AM
from .chars import THAI_CHAR as THAI
from .chars import THANTHAKHAT, TONES, char_set
from .chars import VOWELS_ABOVE_BELOW as UPPER_LOWER
from .lexicon import repair_trie

PLACEHOLDER = re.compile(r"\(cid:\d+\)|\ufffd")
# What a lost glyph most often was, in the order tried (marks are what fonts fail to map).
PLACEHOLDER_GUESSES = ("\u0e48", "\u0e49", "\u0e4d", "\u0e4c", "\u0e35", "\u0e34", "\u0e31",
                       "\u0e37", "\u0e36", "\u0e38", "\u0e39", "\u0e47", "\u0e4a", "\u0e4b")


class Settings:
    """Every threshold of the repair, with why it is what it is."""

    max_word = 22        # longest dictionary word tried by the segmentation DP (Thai words rarely exceed it)
    unknown_weight = 3   # a character in no word costs 3, a word costs 1: the word list is full of
                         # short fragments (ประ, จา, ที), so damage shows as *more, shorter* words
    min_gain = 2         # an edit must save ≥ 2: one character into a word, or two words into one
    invalid_weight = 6   # a sequence Thai spelling forbids costs like two unknown characters
    max_rounds = 6       # greedy edits per chunk; real damage needs ≤ 4 (one per displaced mark)
    placeholder_finalists = 6  # guesses for a lost glyph that get the full (slower) repair before the vote
    space_gain = 1       # a space goes when the joined words are cheaper at all (its site is already suspect)
    ocr_threshold = 0.15  # residual damage that sends a page to OCR (real PDFs: ≤ 0.06 fixable, ≥ 0.23 not)
    ocr_min_thai = 50     # too little Thai on a page to judge it
    insert_max_strays = 4  # lost marks are sparse: a run with more strays is not missing just a mark
    garbage_share = 0.3   # a run with more strays than this is beyond adding marks (send it to OCR)
    placeholder_window = 8  # Thai letters either side of a lost glyph that decide what it was
    window = 12          # characters either side of an edit on which its gain is measured
    min_chunk = 2        # a lone letter ("(ก)") is a list marker, not a damaged word
    reach = 3            # edits are tried within 3 characters of a stray or impossible character


S = Settings()


# ---------------------------------------------------------------- dictionary cost
_INVALID = re.compile(
    f"(?<![{CONS}{MARK}])[{MARK}]"            # a mark on nothing (after a vowel letter or at a start)
    f"|[{UPPER_LOWER}][{UPPER_LOWER}]"         # two vowels on one consonant
    f"|[{TONES}{THANTHAKHAT}][{MARK}]"         # anything after a tone or thanthakhat
    f"|^[\u0e30\u0e32\u0e33\u0e45]"            # a following vowel starting a run
    f"|[{LEAD}](?![{CONS}])"                  # a leading vowel before no consonant
    f"|{THANTHAKHAT}[\u0e30\u0e32\u0e33\u0e45]"      # a vowel after a silenced (์) letter
)


def invalid_count(chunk: str) -> int:
    """Sequences Thai spelling cannot have: ``"โ์"``, ``"บิั"``, ``"่ิ"``, a run starting with ``า``."""
    return len(_INVALID.findall(chunk))


@lru_cache(maxsize=262144)
def segment(chunk: str) -> tuple[int, tuple[int, ...], frozenset[int]]:
    """Cheapest split of ``chunk`` into dictionary words (1 each) and stray characters (3 each).

    Returns the cost, the positions of the stray characters, and the *weak*
    positions (strays and letters of two-letter words). Clean text splits into
    few long words; damaged text into fragments and strays.
    >>> segment("การแพทย์")[:2], segment("กำรแพทย์")[:2]
    ((1, ()), (5, (2,)))
    """
    starts, n, unk, longest = repair_trie().starts, len(chunk), S.unknown_weight, S.max_word
    best, back = [0] + [n * unk + 1] * n, [0] * (n + 1)
    for j in range(n):  # forward: every dictionary word of 2…max_word letters starting at j
        bj = best[j]
        if bj + unk < best[j + 1]:
            best[j + 1], back[j + 1] = bj + unk, j
        for word in starts(chunk[j:j + longest]):  # shortest first, as a trie walk finds them
            i = j + len(word)
            if i > j + 1 and bj + 1 < best[i]:
                best[i], back[i] = bj + 1, j
    strays, weak, i = [], set(), n
    while i > 0:
        j = back[i]
        if i - j == 1 and best[i] - best[j] == unk:
            strays.append(j)
        if i - j <= 2:  # a stray or a two-letter fragment: proves little about the spelling
            weak.update(range(j, i))
        i = j
    return best[n], tuple(reversed(strays)), frozenset(weak)


def cost(chunk: str) -> int:
    """How damaged a Thai run looks: its segmentation cost plus weighted impossible sequences."""
    return segment(chunk)[0] + S.invalid_weight * invalid_count(chunk)


def suspects(chunk: str) -> list[int]:
    """Positions where damage may be: stray characters, two-letter fragments, impossible sequences."""
    _, strays, weak = segment(chunk)
    if not strays and not _INVALID.search(chunk) and len(weak) < 2:
        return []
    return sorted(set(strays) | weak | {m.start() for m in _INVALID.finditer(chunk)})


# ---------------------------------------------------------------- deterministic steps
_TONE_BEFORE_VOWEL = re.compile(f"([{TONES}{THANTHAKHAT}])([{UPPER_LOWER}])")
_TONE_AFTER_AA = re.compile(f"(?<=[{CONS}{UPPER_LOWER}]){AA}([{TONES}])")
_AM_PARTS = re.compile(f"\u0e4d([{TONES}]?){AA}|{AA}([{TONES}]?)\u0e4d")
_TONE_AFTER_AM = re.compile(f"{AM}([{TONES}])")


_DOUBLED = re.compile(f"([{MARK}{AM}])(?: ?\\1)+")


def canonical_order(text: str) -> str:
    """Marks in the order Thai is typed: vowel, then tone; tone before ำ/า; no mark twice.

    >>> canonical_order("ก\u0e48\u0e34ง") == "กิ่ง", canonical_order("จา\u0e48ย") == "จ่าย"
    (True, True)
    >>> canonical_order("ประจำำปีี")  # a font that draws a mark twice (10, contents page)
    'ประจำปี'
    """
    text = _DOUBLED.sub(r"\1", text)
    text = _AM_PARTS.sub(lambda m: (m.group(1) or m.group(2) or "") + AM, text)
    text = _TONE_AFTER_AM.sub(lambda m: m.group(1) + AM, text)
    text = _TONE_BEFORE_VOWEL.sub(r"\2\1", text)
    return _TONE_AFTER_AA.sub(lambda m: m.group(1) + AA, text)


# ---------------------------------------------------------------- candidate edits inside a run
def _mark_moves(s: str):
    """Marks one letter too far right: ``C1 C2 M`` → ``C1 M C2`` (k marks of a cluster)."""
    i, n = 1, len(s)
    while i < n:
        if s[i] in _MARK_SET and s[i - 1] not in _MARK_SET:
            j = i
            while j < n and s[j] in _MARK_SET:
                j += 1
            if i >= 2 and (s[i - 2] in _CONS_SET or s[i - 2] in _MARK_SET):
                for k in range(i + 1, j + 1):  # the first k marks of the cluster
                    yield i, s[:i - 1] + s[i:k] + s[i - 1] + s[k:]
                if j - i >= 2:  # its last mark alone (ผูสู้ง → ผู้สูง, แตวั่น → แต่วัน)
                    yield i, s[:i - 1] + s[j - 1] + s[i - 1:j - 1] + s[j:]
            i = j
        else:
            i += 1


def _vowel_swaps(s: str):
    """ำ read for า (PowerPoint) and า for ำ (nikhahit lost): one at a time, then every ำ
    whose swap alone does no harm, at once (a PowerPoint line has many; a real ำ stays)."""
    helpful = []
    for i, ch in enumerate(s):
        if ch == AM:
            cand = s[:i] + AA + s[i + 1:]
            if _gain(s, cand, i) > 0:
                helpful.append(i)
            yield i, cand
        elif ch == AA and i and (s[i - 1] in _CONS_SET or s[i - 1] in _TONE_SET):
            yield i, s[:i] + AM + s[i + 1:]
    if len(helpful) > 1:
        chars = list(s)
        for i in helpful:
            chars[i] = AA
        yield None, "".join(chars)


def _mark_drops(s: str):
    """A stray mark (doubled tone, a mark on a vowel letter): drop it when it is invalid."""
    for m in _INVALID.finditer(s):
        i = m.start() if s[m.start()] in _MARK_SET else m.end() - 1
        if s[i] in _MARK_SET:
            yield i, s[:i] + s[i + 1:]


LOST_MARKS = ("\u0e48", "\u0e49", "\u0e47", "\u0e4c")  # ่ ้ ็ ์ : what fonts without a ToUnicode entry lose


def _mark_inserts(s: str):
    """A tone, mai taikhu or thanthakhat the text layer lost (``"ใหเปน"`` → ``"ให้เป็น"``)."""
    if len(s) < 3:
        return
    for i in range(1, len(s) + 1):
        if s[i - 1] in _CONS_SET or s[i - 1] in _UPPER_LOWER_SET:
            if i < len(s) and s[i] in _MARK_SET and s[i] not in _UPPER_LOWER_SET:
                continue
            for mark in LOST_MARKS:
                yield i, s[:i] + mark + s[i:]


def _edits(s: str):
    """(position, candidate) for every cheap edit; position None for edits of the whole run."""
    yield from _mark_moves(s)
    yield from _vowel_swaps(s)
    yield from _mark_drops(s)
    i = s.find("เเ")
    if i >= 0:
        yield i, s.replace("เเ", "แ")


# (edits, how far from a suspect character they are tried): inserting a lost mark is tried
# only when moving and swapping leave stray letters, and only right beside one
EDIT_TIERS = ((_edits, S.reach), (_mark_inserts, 2))


_CONS_SET = char_set(CONS)
_UPPER_LOWER_SET = char_set(UPPER_LOWER)
_MARK_SET = char_set(MARK)
_TONE_SET = char_set(TONES)


@lru_cache(maxsize=65536)
def repair_chunk(chunk: str) -> str:
    """Greedy best edit near a suspect position, repeated while the dictionary keeps gaining.

    >>> repair_chunk("บนัทกึ"), repair_chunk("กำรแพทย์")
    ('บันทึก', 'การแพทย์')
    """
    if len(chunk) < S.min_chunk:
        return chunk
    cur, states, risky = chunk, [(chunk, False)], False
    for _ in range(S.max_rounds):
        near = suspects(cur)
        if not near:
            break
        best, gain = cur, 0
        strays = segment(cur)[1]
        garbage = len(strays) > S.insert_max_strays or (
            len(cur) >= 12 and len(strays) > S.garbage_share * len(cur))
        for tier, reach in EDIT_TIERS[:1] if garbage else EDIT_TIERS:
            for pos, cand in tier(cur):
                if pos is not None and not any(abs(pos - p) <= reach for p in near):
                    continue
                cand = canonical_order(cand)
                g = _gain(cur, cand, pos)
                if g > gain:
                    best, gain = cand, g
            # a cheaper edit that leaves no stray letter is good enough; else try the next tier too
            if gain >= S.min_gain and not segment(best)[1]:
                break
        if gain < S.min_gain:
            break
        risky = risky or not _only_vowel_swaps(cur, best)
        cur = best
        states.append((cur, risky))
    # the last state whose every changed character now sits inside a word: a half-repaired
    # run, or a name the dictionary does not know, is left as it was
    return next(st for st, strict in reversed(states) if _changes_in_words(chunk, st, strict))


def _only_vowel_swaps(a: str, b: str) -> bool:
    """ำ↔า swaps only: they cannot make a word out of a name, so they may sit beside one."""
    return len(a) == len(b) and all(x == y or {x, y} == {AA, AM} for x, y in zip(a, b))


def _changes_in_words(orig: str, new: str, strict: bool = True) -> bool:
    """Does every place where ``new`` differs from ``orig`` now sit inside a word of 3+ letters?

    ``strict`` (marks were moved or added): and has no stray letter right beside it,
    since moving marks around an unknown name can always spell some short word."""
    if new == orig:
        return True
    _, strays, weak = segment(new)
    for op, _, _, b1, b2 in SequenceMatcher(None, orig, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if any(x in weak for x in range(b1 - (b1 == b2), max(b2, b1 + 1))):
            return False
        # garbage left right beside the change (a name the edit only half "fixed"); the run's
        # last two letters are let off: the run may be a window cut out of a longer one
        if strict and any(b1 - S.reach <= x < b2 + S.reach and 2 <= x < len(new) - 2 for x in strays):
            return False
    return True


def _gain(cur: str, cand: str, pos: int | None) -> int:
    """How much cheaper ``cand`` is, measured on the window an edit at ``pos`` can change."""
    if pos is None or len(cur) <= 2 * S.window:
        return cost(cur) - cost(cand)
    a, b = max(0, pos - S.window), pos + S.window
    return cost(cur[a:b]) - cost(cand[a:b + len(cand) - len(cur)])


# ---------------------------------------------------------------- edits across spaces
_SPLIT_AM = re.compile(f"(?<=[{CONS}])([{TONES}]?) ([{AA}{AM}])")
_RUN_LEFT = re.compile(f"[{THAI}]*$")
_RUN_RIGHT = re.compile(f"^[{THAI}]*")


def _context(line: str, start: int, end: int) -> tuple[str, str]:
    return _RUN_LEFT.search(line, 0, start).group(), _RUN_RIGHT.match(line[end:]).group()


def join_split_am(line: str) -> str:
    """``"ส านักงาน"`` → ``"สำนักงาน"``; ``"น าที"`` → ``"นาที"`` (the one the dictionary knows).

    A run never starts with า or ำ, so the space is always damage; whether the
    lost glyph was the nikhahit of ำ or nothing is the dictionary's call, ำ on a
    tie (Word's TH Sarabun export loses ำ this way far more often than it splits า).
    """
    def fix(m: re.Match) -> str:
        left, right = _context(line, m.start(), m.end())
        tone = m.group(1)
        am = left + tone + AM + right
        aa = left + tone + AA + right
        score_am = (cost(repair_chunk(am)), cost(am))
        return tone + (AA if (cost(repair_chunk(aa)), cost(aa)) < score_am else AM)

    return _SPLIT_AM.sub(fix, line)


_AA_SPACE = re.compile(f"(?<=[{CONS}{TONES}]){AA} (?=[{CONS}{LEAD}])")


def join_lost_nikhahit(line: str) -> str:
    """``"ประจา วนั"`` → ``"ประจำวัน"``: ำ whose nikhahit left a gap *after* the า.

    The space goes, and า becomes ำ, only when the joined run makes more of a
    word than the two halves did; a real space after า stays.
    """
    def fix(m: re.Match) -> str:
        left, right = _context(line, m.start(), m.end())
        apart = cost(repair_chunk(left + AA)) + cost(repair_chunk(right))
        fixed = repair_chunk(left + AM + right)
        am = cost(fixed)
        kept = AM in fixed[max(0, len(left) - 2):len(left) + 3]  # the chunk repair keeps the ำ
        if kept and am <= apart - S.space_gain and am <= cost(repair_chunk(left + AA + right)):
            return AM
        return m.group()  # a plain wrap space is the wrap-space step's business, not ours

    return _AA_SPACE.sub(fix, line)


_SHIFTED_SPACE = re.compile(f"(?<=[{CONS}])([{CONS}])([{MARK}]+) (?=[{THAI}])")
_SEGMENT = re.compile(f"[{THAI}]+(?: [{THAI}]+)*")


def _segment_cost(seg: str) -> int:
    """Cost of a run of words as the chunk repair would leave it (so only spaces are judged)."""
    return sum(cost(repair_chunk(c)) for c in seg.split(" ") if c)


def _unshift(seg: str, skip: frozenset[int] = frozenset()) -> tuple[str, list[str]]:
    """Undo ``C1 C2 M␣`` → ``C1 M C2`` left to right (each fix makes the next site); skip some.

    Returns the text and, per site, the run that ended at it (as it then stood).
    """
    out, pos, k, runs = seg, 0, 0, []
    while True:
        m = _SHIFTED_SPACE.search(out, pos)
        if not m:
            return canonical_order(out), runs
        runs.append(_RUN_LEFT.search(out, 0, m.end() - 1).group())
        if k in skip:
            pos = m.end()
        else:
            out = out[:m.start()] + m.group(2) + m.group(1) + out[m.end():]
            pos = m.start() + len(m.group(1)) + len(m.group(2))
        k += 1


def unshift_spaced(seg: str) -> str:
    """Marks pushed one letter right with a space after them (InDesign, some Word fonts).

    ``"ปฏบิ ตั ติ าม"`` → ``"ปฏิบัติตาม"``: the sites are undone left to right
    (the damage cascades, so no single fix makes a word), kept when the
    dictionary gains; then a site whose undoing gains nothing is left as it was,
    unless the run before it is itself misspelt ("จนั ทรโ์" is, "เขมรินทร์ อภิ…" is not).
    """
    if not _SHIFTED_SPACE.search(seg):
        return seg
    base = _segment_cost(seg)
    best, runs = _unshift(seg)
    best_cost = _segment_cost(best)
    if best_cost > base - S.space_gain:
        return seg
    skip: frozenset[int] = frozenset()
    for k, run in enumerate(runs):
        trial, _ = _unshift(seg, skip | {k})
        tc = _segment_cost(trial)
        if tc < best_cost or (tc == best_cost and repair_chunk(run) == run):
            skip, best, best_cost = skip | {k}, trial, tc
    return best


_SPACE_AFTER_MARK = re.compile(f"(?<=[{MARK}]) (?=[{THAI}])")


def join_after_mark(line: str) -> str:
    """``"เปรี ยบเทียบ"`` → ``"เปรียบเทียบ"``: a space a font left after a mark, inside a word.

    It goes only when the joined run, repaired, is cheaper than its two halves
    repaired (so ``"ที่ดี และ"`` keeps its space); left to the wrap-space step
    it would come too late, after the halves were "repaired" into other words.
    """
    def fix(m: re.Match) -> str:
        left, right = _context(line, m.start(), m.end())
        apart = cost(repair_chunk(left)) + cost(repair_chunk(right))
        joined = cost(repair_chunk(left + right))
        return "" if joined <= apart - S.min_gain else " "

    return _SPACE_AFTER_MARK.sub(fix, line)


def _placeholder_choice(line: str, token: str) -> str:
    """The one guess that best turns every run holding ``token`` into words.

    A ``(cid:N)`` is one glyph of one font, so all its occurrences in the line
    get the same answer (ทงั(cid:202) and ส(cid:202)นิ vote together for ้);
    U+FFFD hides different glyphs, so each is decided alone by the caller.
    """
    contexts = []
    for m in re.finditer(re.escape(token), line):
        left, right = _context(line, m.start(), m.end())
        if left or right:
            contexts.append((left[-S.placeholder_window:], right[:S.placeholder_window]))
    if not contexts:
        return ""
    def total(opt: str, deep: bool) -> int:
        texts = (canonical_order(lt + opt + rt) for lt, rt in contexts)
        return sum(cost(repair_chunk(t) if deep else t) for t in texts)

    options = PLACEHOLDER_GUESSES + ("",)
    quick = sorted(options, key=lambda o: (total(o, False), options.index(o)))
    # the few best as they stand are judged again after the chunk repair (marks may also be misplaced)
    return min(quick[:S.placeholder_finalists], key=lambda o: (total(o, True), quick.index(o)))


def fill_placeholders(line: str) -> str:
    """``(cid:201)`` / U+FFFD: the mark that makes the run a word, else nothing.

    >>> fill_placeholders("ประจ\ufffdาปี")
    'ประจำปี'
    """
    line = _SPACE_AFTER_PLACEHOLDER.sub(r"\1", line)
    while True:
        m = PLACEHOLDER.search(line)
        if not m:
            return line
        token = m.group()
        if token == "\ufffd":
            opt = _placeholder_choice(line[:m.end()] + _RUN_RIGHT.match(line[m.end():]).group(), token)
            line = canonical_order(line[:m.start()] + opt + line[m.end():])
        else:
            line = canonical_order(line.replace(token, _placeholder_choice(line, token)))


# A glyph the font left unmapped, which pdfium reports as the Latin-1 letter of its code
# ("ทีÉ" = ที + glyph 201, the same glyph pdfplumber shows as "(cid:201)"): a Latin letter
# glued to Thai is never real text.
_LATIN_GLYPH = re.compile(f"(?<=[{THAI}])[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]"
                          f"|[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff](?=[{THAI}])")
_SPACE_AFTER_PLACEHOLDER = re.compile(f"(\\(cid:\\d+\\)|\ufffd) +(?=[{MARK}])")


# ---------------------------------------------------------------- entry point
_HAS_THAI = re.compile(f"[{THAI}]")
_SPACE_BEFORE_MARK = re.compile(f"(?<=[{THAI}]) +(?=[{MARK}])")


@lru_cache(maxsize=16384)
def repair_line(line: str) -> str:
    if not _HAS_THAI.search(line):
        return PLACEHOLDER.sub("", line)  # a lost glyph with no Thai around it: nothing to guess from
    line = _LATIN_GLYPH.sub(lambda m: f"(cid:{ord(m.group())})", line)
    line = canonical_order(_SPACE_BEFORE_MARK.sub("", line))
    if "\ufffd" in line or "(cid:" in line:
        line = fill_placeholders(line)
    line = join_split_am(line)
    line = join_lost_nikhahit(line)
    line = _SEGMENT.sub(lambda m: unshift_spaced(m.group()), line)
    line = join_after_mark(line)
    return re.sub(f"[{THAI}]+", lambda m: repair_chunk(m.group()), line)


def repair_damage(text: str) -> str:
    """Repair Thai PDF-export damage line by line (pure; idempotent on clean text).

    >>> repair_damage("ส านักงานสาธารณสุขอ าเภอ")
    'สำนักงานสาธารณสุขอำเภอ'
    """
    if not _HAS_THAI.search(text) and not PLACEHOLDER.search(text):
        return text
    return "\n".join(repair_line(ln) for ln in text.split("\n"))


# ---------------------------------------------------------------- what repair cannot reach
_THAI_RUN = re.compile(f"[{THAI}]+")


def residual_damage(text: str) -> float:
    """Share of the Thai letters of (already repaired) ``text`` that fall in no dictionary word.

    Clean and repaired pages score 0.00–0.06 on the real PDFs; pages whose font
    maps glyphs to the wrong characters, or prints every letter twice (fake
    bold), score 0.23–0.35: no edit of the text brings those back.
    """
    total = strays = 0
    for run in _THAI_RUN.findall(text):
        total += len(run)
        strays += len(segment(run)[1])
    return strays / total if total else 0.0


def needs_ocr(text: str) -> bool:
    """Should this page's text layer be replaced by OCR? (repaired page text in, yes/no out)"""
    return sum(len(r) for r in _THAI_RUN.findall(text)) >= S.ocr_min_thai and \
        residual_damage(text) >= S.ocr_threshold
