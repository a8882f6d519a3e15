"""Repairs for what Tesseract's Thai model is known to get wrong, one small step each.

Applied to every OCR line in this order (the order matters):

1. :func:`fix_digit_runs` — ๔ ๖ ๗ ๘ ๙ are not in the model: digit runs (and a Thai
   letter or Latin cluster standing where a digit belongs) are re-read by shape
   (:mod:`.digits`);
2. :func:`spaced_text` — spaces rebuilt from the blank columns on the page, since
   Tesseract returns Thai as single clusters;
3. :func:`drop_specks` — dust read as ' . , @ at a line's edge or in a label's gap;
4. :func:`fix_marks` — ``ํา`` → ``ำ`` (the model has no ำ), no space before a mark,
   no tone mark inside an abbreviation (``พ่.ศ.``);
5. :func:`close_thai_gaps` — a Thai–Thai space the dictionary says splits a word goes;
6. :func:`restore_marks` — marks dropped from a lexicon phrase or a memo label put back
   (bold titles lose them while the confidence stays high);
7. :func:`correct_low_confidence` — a stretch Tesseract was unsure of is snapped
   to a frequent ITA phrase, header or local-authority name (rapidfuzz), and
   ONLY then: a slip the author really typed, read with confidence, is kept
   for the rules to report.

Unsure Latin words get a Thai-only second reading before all this
(:mod:`.recheck`).
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import yaml
from rapidfuzz import fuzz, process

from ...resources import OCR_LEXICON as LEXICON, gazetteer
from ...text.chars import COMBINING, CONSONANTS, THAI_CHAR as THAI, TONES
from .digits import read_digits
from .types import OcrLine, OcrSettings, Word
_DIGITS = re.compile(r"^[(\[/]?[0-9๐-๙]+[)\].,:;]?$")  # a bracket or stop may share the cluster
_EDGE_PUNCT = re.compile(r"^([(\[/]?)[0-9๐-๙]*?([)\].,:;]?)$")
_THAI_DIGIT = re.compile(r"[๐-๙]")
# the eng model sometimes takes a Thai digit for Latin: ๓๐ → "mo", ๓. → "on."
_LATIN_DIGITISH = re.compile(r"^[a-z]{1,3}\.?$")
LATIN_AS_DIGIT = 0.8   # a Latin cluster in Thai text becomes a digit only on a clear shape match
ITEM_AS_DIGIT = 0.6    # … or a fair one where an item number stands: line start, before "."
LETTER_AS_DIGIT = 0.8  # a Thai letter glued to a digit run joins it only on a clear match
_LETTER_CLUSTER = re.compile(f"^[{THAI}]{{1,2}}$")
LOW_CONF = 0.75        # below this a cluster is "unsure" (Tesseract's own 0–1 confidence)
MATCH_SCORE = 86       # rapidfuzz ratio a stretch must reach to be snapped to a lexicon phrase


# ------------------------------------------------------------------ 1. digits
def fix_digit_runs(line: OcrLine, image: np.ndarray, s: OcrSettings) -> None:
    """Replace each run of digit clusters that holds a Thai digit by its shape reading."""
    words = line.words
    spaces = space_before(line, image, s)
    thai_line = _mostly_thai(words)
    out: list[Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        latin = thai_line and bool(_LATIN_DIGITISH.match(w.text))
        if not (_DIGITS.match(w.text) or latin):
            out.append(w)
            i += 1
            continue
        j = i + 1
        # digits go on through a ๔ ๖ ๗ ๘ ๙ that the model wrote as a Thai letter ("๒๕อ๒๓" for
        # ๒๕๖๙, "๓๘สฒ" for ๓๘๙): a letter cluster joins the run when its shape is a clear digit
        while not latin and j < len(words) and not spaces[j] and (
                _DIGITS.match(words[j].text)
                or (_LETTER_CLUSTER.match(words[j].text) and _reads_as_digit(words[j], image, line, s))):
            j += 1
        item_no = latin and i == 0 and (w.text.endswith(".") or (j < len(words) and words[j].text.startswith(".")))
        run = words[i:j]
        i = j
        if not latin and not any(_THAI_DIGIT.search(r.text) for r in run):
            out.extend(run)
            continue
        x0 = min(r.box[0] for r in run)
        y0 = min(r.box[1] for r in run)
        x1 = max(r.box[2] for r in run)
        y1 = max(r.box[3] for r in run)
        x0, x1 = ink_extent(image, x0, y0, x1, y1, line.height)
        crop = image[max(0, y0 - 2):y1 + 2, max(0, x0 - 2):x1 + 2]
        got = read_digits(crop)
        if got is None or (latin and got[1] < (ITEM_AS_DIGIT if item_no else LATIN_AS_DIGIT)):
            out.extend(run)
            continue
        digits, score = got
        head = _EDGE_PUNCT.match(run[0].text)
        tail = _EDGE_PUNCT.match(run[-1].text)
        h, t = (head.group(1) if head else ""), (tail.group(2) if tail else "")
        digits = ("" if digits.startswith(h) else h) + digits + ("" if digits.endswith(t) else t)
        if latin and w.text.endswith("."):
            digits += "."
        changed = digits != "".join(r.text for r in run)
        conf = min(r.conf for r in run) if not changed else min(0.99, max(0.5, score))
        out.append(type(w)(digits, conf, (x0, y0, x1, y1)))
    line.words = out


def _reads_as_digit(w: Word, image: np.ndarray, line: OcrLine, s: OcrSettings) -> bool:
    x0, x1 = ink_extent(image, w.box[0], line.box[1], w.box[2], line.box[3], line.height)
    got = read_digits(image[max(0, w.box[1] - 2):w.box[3] + 2, max(0, x0 - 1):x1 + 1])
    return bool(got) and len(got[0]) == 1 and got[1] >= LETTER_AS_DIGIT


def _mostly_thai(words: list[Word]) -> bool:
    text = "".join(w.text for w in words)
    thai = len(re.findall(f"[{THAI}]", text))
    return thai >= 0.6 * max(1, len(re.findall(r"[^\W\d_]", text)))


def ink_extent(image: np.ndarray, x0: int, y0: int, x1: int, y1: int, height: int) -> tuple[int, int]:
    """Widen [x0, x1) to the blank columns around it: Tesseract's cluster boxes often cut
    the first or last glyph of a run short."""
    band = image[max(0, y0):y1] < 128
    if band.size == 0:
        return x0, x1
    ink = band.any(axis=0)
    limit = int(0.8 * height)
    a = x0
    while a > 0 and x0 - a < limit and ink[a - 1]:
        a -= 1
    b = x1
    while b < ink.size and b - x1 < limit and ink[b]:
        b += 1
    return a, b


# ------------------------------------------------------------------ 2. spaces
def blank_runs(image: np.ndarray, line: OcrLine, min_px: float) -> list[tuple[int, int]]:
    """Runs of ink-free columns at least ``min_px`` wide across the line's band (image x)."""
    x0, y0, x1, y1 = line.box
    band = image[max(0, y0):y1, max(0, x0):x1] < 128
    if band.size == 0:
        return []
    ink = band.any(axis=0)
    runs, start = [], None
    for i, v in enumerate(ink):
        if not v and start is None:
            start = i
        elif v and start is not None:
            if i - start >= min_px:
                runs.append((x0 + start, x0 + i))
            start = None
    return runs


def space_before(line: OcrLine, image: np.ndarray, s: OcrSettings) -> list[bool]:
    """For each word: is there a real word gap between it and the previous one?

    Measured on the ink, not on Tesseract's boxes (those overlap and cut glyphs):
    a blank stretch wider than ``s.space_gap`` × the body height, given to the
    word boundary nearest to it. Inside Thai words the gaps are a third of that.
    """
    runs = blank_runs(image, line, s.space_gap * s.text_height)
    words = line.words
    out = [False] * len(words)
    if len(words) < 2:
        return out
    if len(runs) >= max(6, 0.5 * (len(words) - 1)):
        # letter-spaced (justified) line: every cluster stands apart, so only gaps
        # clearly wider than the usual one are word spaces
        widths = sorted(r1 - r0 for r0, r1 in runs)
        usual = widths[len(widths) // 2]
        runs = [r for r in runs if r[1] - r[0] >= 1.6 * usual]
    cuts = [(words[i - 1].box[2] + words[i].box[0]) / 2 for i in range(1, len(words))]
    for r0, r1 in runs:
        mid = (r0 + r1) / 2
        i = min(range(len(cuts)), key=lambda k: abs(cuts[k] - mid))
        if abs(cuts[i] - mid) <= s.text_height:  # Tesseract's boxes drift, never by a whole glyph
            out[i + 1] = True
    return out


def spaced_text(line: OcrLine, image: np.ndarray, s: OcrSettings) -> tuple[str, list[float]]:
    """Text of the line and a confidence for every character of it."""
    chars: list[str] = []
    confs: list[float] = []
    for w, space in zip(line.words, space_before(line, image, s)):
        if space and chars:
            chars.append(" ")
            confs.append(1.0)
        chars.extend(w.text)
        confs.extend([w.conf] * len(w.text))
    return "".join(chars), confs


def sub_tracked(pattern: re.Pattern[str], repl, text: str, confs: list[float]) -> tuple[str, list[float]]:
    """``re.sub`` that keeps one confidence per character (a replaced span gets its lowest)."""
    out, oc, last = [], [], 0
    for m in pattern.finditer(text):
        out.append(text[last:m.start()])
        oc.extend(confs[last:m.start()])
        new = repl(m) if callable(repl) else m.expand(repl)
        low = min(confs[m.start():m.end()] or [1.0])
        out.append(new)
        oc.extend([low] * len(new))
        last = m.end()
    out.append(text[last:])
    oc.extend(confs[last:])
    return "".join(out), oc


# ------------------------------------------------------------------ 3. marks
_AM = re.compile(f"\u0e4d ?([{TONES}]?) ?\u0e32|\u0e32 ?([{TONES}]?) ?\u0e4d")
_TONE_AFTER_AM = re.compile(f"\u0e33([{TONES}])")
_SPACE_MARK = re.compile(f"(?<=[{THAI}]) +(?=[{COMBINING}])")
_LATIN_GAP_AM = re.compile(f"([{CONSONANTS}][{TONES}]?) \u0e32")


_ABBR_TONE = re.compile(f"(?<![{THAI}])([{CONSONANTS}])[{TONES}](?=\\.)|([{CONSONANTS}])[{TONES}](?=\\.[{CONSONANTS}]\\.)")


def fix_marks(text: str, confs: list[float]) -> tuple[str, list[float]]:
    """``ด ํ า`` → ``ดำ``; ``น ้ ํา`` → ``น้ำ``; no space before a mark; no tone mark in an
    abbreviation (``พ่.ศ.`` → ``พ.ศ.``: a speck over the letter, never Thai spelling)."""
    text, confs = sub_tracked(_SPACE_MARK, "", text, confs)
    text, confs = sub_tracked(_ABBR_TONE, lambda m: m.group(1) or m.group(2), text, confs)
    text, confs = sub_tracked(_AM, lambda m: (m.group(1) or m.group(2) or "") + "\u0e33", text, confs)
    return sub_tracked(_TONE_AFTER_AM, lambda m: m.group(1) + "\u0e33", text, confs)


# ------------------------------------------------------------------ 4. Thai gaps
_THAI_GAP = re.compile(f"(?<=[{THAI}]) (?=[{THAI}])")


def close_thai_gaps(text: str, confs: list[float]) -> tuple[str, list[float]]:
    """Drop a Thai–Thai space where joining makes dictionary words (pythainlp newmm + thai_words)."""
    from ...text.normalize import space_belongs

    def keep(m: re.Match[str]) -> str:
        left = re.search(f"[{THAI}]+$", text[:m.start()])
        right = re.match(f"[{THAI}]+", text[m.end():])
        lt, rt = (left.group() if left else ""), (right.group() if right else "")
        after = text[m.end() + len(rt):m.end() + len(rt) + 1]
        return " " if space_belongs(lt, rt, after) else ""

    for _ in range(4):  # a letter-spaced word closes one gap per pass
        new, confs = sub_tracked(_THAI_GAP, keep, text, confs)
        if new == text:
            break
        text = new
    return text, confs


# ------------------------------------------------------------------ 5. lexicon
@lru_cache(maxsize=1)
def lexicon() -> tuple[str, ...]:
    """ITA phrases + the six headers (lexicon.yaml) + local-authority names with their type."""
    phrases: list[str] = []
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8")) or {}
    for v in data.values():
        phrases.extend(str(p) for p in (v or []))
    return tuple(dict.fromkeys(phrases))


@lru_cache(maxsize=1)
def authorities() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(type words, place names) of Thai local authorities, longest type first."""
    data = gazetteer()
    types = sorted(set(data.get("types", {}).values()), key=len, reverse=True)
    names = sorted({a["name"] for a in data.get("local_authorities", []) if a.get("name")})
    return tuple(types), tuple(names)


@lru_cache(maxsize=1)
def _name_set() -> frozenset[str]:
    return frozenset(authorities()[1])


def _unsure(confs: list[float], a: int, b: int) -> bool:
    return any(c < LOW_CONF for c in confs[a:b])


def _snap(text: str, confs: list[float], a: int, b: int, choices, score: float) -> tuple[str, list[float]] | None:
    """Replace text[a:b] by the best choice if it is close and the stretch was read unsure."""
    if b <= a or not _unsure(confs, a, b):
        return None
    piece = text[a:b]
    best = process.extractOne(piece, choices, scorer=fuzz.ratio, score_cutoff=score)
    if not best or best[0] == piece:
        return None
    new = best[0]
    return text[:a] + new + text[b:], confs[:a] + [LOW_CONF] * len(new) + confs[b:]


def _best_window(phrase: str, text: str, a: int, b: int) -> tuple[int, int]:
    """partial_ratio's window is as long as the phrase; an extra or missing character in
    the text shifts its true edges by one or two: take the edges that match best."""
    best = (fuzz.ratio(phrase, text[a:b]), a, b)
    for da in range(-2, 3):
        for db in range(-2, 3):
            x, y = a + da, b + db
            if 0 <= x < y <= len(text):
                r = fuzz.ratio(phrase, text[x:y])
                if r > best[0]:
                    best = (r, x, y)
    return best[1], best[2]


def correct_low_confidence(text: str, confs: list[float]) -> tuple[str, list[float]]:
    """Snap unsure stretches to lexicon phrases, and unsure place names after an authority type."""
    if not any(c < LOW_CONF for c in confs):
        return text, confs
    phrases = lexicon()
    for phrase in phrases:
        if len(phrase) < 6 or len(phrase) > len(text) + 2:
            continue
        al = fuzz.partial_ratio_alignment(phrase, text, score_cutoff=MATCH_SCORE)
        if al is None or al.score >= 100:
            continue
        a, b = _best_window(phrase, text, al.dest_start, al.dest_end)
        if abs((b - a) - len(phrase)) > 2:
            continue
        snapped = _snap(text, confs, a, b, [phrase], MATCH_SCORE)
        if snapped:
            text, confs = snapped
    types, names = authorities()
    for t in types:
        for m in re.finditer(re.escape(t), text):
            rest = re.match(f"[{THAI}]+", text[m.end():])
            if not rest:
                continue
            a, b = m.end(), m.end() + len(rest.group())
            for cut in range(b, a + 1, -1):  # the name may be followed by more words
                if text[a:cut] in _name_set():  # read right: nothing to do
                    break
                snapped = _snap(text, confs, a, cut, names, 90)
                if snapped:
                    text, confs = snapped
                    break
    return text, confs


_MARKS = COMBINING
_MARK_RE = re.compile(f"[{_MARKS}]")


def _skeleton(text: str) -> tuple[str, list[int]]:
    """Text without above/below marks, and where each kept character came from."""
    keep = [i for i, ch in enumerate(text) if not _MARK_RE.match(ch)]
    return "".join(text[i] for i in keep), keep


_THAI_TOKEN = re.compile(f"[{THAI}]+")


def _restore_token(text: str, confs: list[float], phrase: str, bare: str) -> tuple[str, list[float]]:
    """A whole token, not a dictionary word, whose bare letters are a short label → the label."""
    from ...text.lexicon import dictionary
    words = dictionary()
    for m in reversed(list(_THAI_TOKEN.finditer(text))):
        tok = m.group()
        before = text[:m.start()]
        if before and not re.search(r"[0-9๐-๙] +$", before):  # labels open a line or follow a number
            continue
        if tok == phrase or tok in words or _skeleton(tok)[0] != bare:
            continue
        if len(_MARK_RE.findall(tok)) >= len(_MARK_RE.findall(phrase)):
            continue
        a, b = m.span()
        text = text[:a] + phrase + text[b:]
        confs = confs[:a] + [LOW_CONF] * len(phrase) + confs[b:]
    return text, confs


def restore_marks(text: str, confs: list[float]) -> tuple[str, list[float]]:
    """Put back marks Tesseract dropped, when the bare letters are exactly a lexicon phrase.

    Large bold titles lose their marks ("บนทกขอความ" for บันทึกข้อความ) while the
    confidence stays high, so this step does not wait for low confidence; it only
    ADDS marks to letters that match a phrase of ≥ 6 letters, never changes a letter.
    """
    sk, where = _skeleton(text)
    for phrase, bare in _bare_lexicon():
        if len(bare) < 6:
            if _THAI_TOKEN.fullmatch(phrase) and bare in sk:
                text, confs = _restore_token(text, confs, phrase, bare)
                sk, where = _skeleton(text)
            continue
        at = sk.find(bare)
        if at < 0:
            continue
        a, b = where[at], where[at + len(bare) - 1] + 1
        while b < len(text) and _MARK_RE.match(text[b]):
            b += 1
        piece = text[a:b]
        if piece == phrase or len(_MARK_RE.findall(piece)) >= len(_MARK_RE.findall(phrase)):
            continue
        text = text[:a] + phrase + text[b:]
        confs = confs[:a] + [LOW_CONF] * len(phrase) + confs[b:]
        sk, where = _skeleton(text)
    return text, confs


@lru_cache(maxsize=1)
def _bare_lexicon() -> tuple[tuple[str, str], ...]:
    return tuple((p, _skeleton(p)[0]) for p in lexicon())


# ------------------------------------------------------------------ all steps
_LEADING_SPECK = re.compile(f"^[\'`‘’.,:;_~\"@©®°*“”]+ ?(?=[0-9๐-๙{THAI}])")
_TRAILING_SPECK = re.compile(f"(?<=[{THAI}]) ?[\'`‘’,:;_~\"]+$|(?<=[{THAI}]) [.]$")


# a stop glued between a long Thai word and the next one ("เรื่อง.รายงาน"): Thai puts a stop
# only after the 1–3 letters of an abbreviation (พ.ศ. ป.ป.ช. อบต.), so this is dust in a gap
_INNER_SPECK = re.compile(f"(?<=[{THAI}]{{4}}) ?[.,'`] ?(?=[{THAI}])(?![{CONSONANTS}]{{1,3}}\\.)")


def drop_specks(text: str, confs: list[float]) -> tuple[str, list[float]]:
    """Dust read as ' . , at a line's edge ("'๒. มอบหมาย", "ตั้งไว้ .") or in a label's gap."""
    text, confs = sub_tracked(_LEADING_SPECK, "", text, confs)
    text, confs = sub_tracked(_INNER_SPECK, " ", text, confs)
    return sub_tracked(_TRAILING_SPECK, "", text, confs)


def fix_line(line: OcrLine, image: np.ndarray, s: OcrSettings) -> str:
    """All repairs of one OCR line, in the order documented above."""
    fix_digit_runs(line, image, s)
    text, confs = spaced_text(line, image, s)
    text, confs = drop_specks(text, confs)
    text, confs = fix_marks(text, confs)
    text, confs = close_thai_gaps(text, confs)
    text, confs = restore_marks(text, confs)
    text, confs = correct_low_confidence(text, confs)
    return text.strip()


def warm() -> None:
    """Build the lexicon and gazetteer caches now (a parent does it once before forking readers)."""
    _bare_lexicon()
    _name_set()
