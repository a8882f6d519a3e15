"""repeated-phrase: the same word sequence written twice in a row (a paste slip)."""
from __future__ import annotations

from typing import Iterator

from ..text.lexicon import dictionary

from .engine import Context, Example, Hit, iter_hits, rule
from .thaitext import letters, tokens

MAX_PHRASE = 8  # tokens in the longest repeated phrase looked for


def _wordlike(tok: str) -> bool:
    """A token that can be part of a phrase: letters, not digits, marks or punctuation."""
    return any(ch.isalpha() for ch in tok) and "ๆ" not in tok


def has_doubled_run(text: str, min_chars: int = 4, max_chars: int = 120) -> bool:
    """Cheap test before tokenizing: is some run of ``min_chars``+ characters followed
    right away by itself (spaces ignored)? Any such run starts with a repeated
    ``min_chars``-gram, so only positions sharing a gram are compared.

    >>> has_doubled_run("ข้อมูลการเปิดเผยข้อมูล"), has_doubled_run("การเปิดเผย การเปิดเผย")
    (False, True)
    """
    bare = "".join(text.split()).casefold()
    seen: dict[str, list[int]] = {}
    for i in range(len(bare) - min_chars + 1):
        gram = bare[i:i + min_chars]
        for p in reversed(seen.get(gram, ())):
            n = i - p
            if n > max_chars:
                break
            if n >= min_chars and bare[p:i] == bare[i:i + n]:
                return True
        seen.setdefault(gram, []).append(i)
    return False


PLACE_WORDS = ("ตำบล", "อำเภอ", "จังหวัด", "เขต", "แขวง", "หมู่", "บ้าน")


def _name_then_place(text: str, start: int, end: int, next_start: int) -> bool:
    """"สำนักงานสาธารณสุขอำเภอหนองใหญ่ อำเภอหนองใหญ่ จังหวัดชลบุรี": a name that ends in
    a place, then the address (after a space) starting with the same place."""
    return bool(text[end:next_start].strip() == "" and end < next_start
                and text[start:end].startswith(PLACE_WORDS))


def find_repeats(text: str, min_letters: int = 4) -> Iterator[tuple[str, str]]:
    """(doubled text as written, the phrase once) for each immediate repeat.

    >>> list(find_repeats("ตามแบบวัดการเปิดเผยข้อมูลการเปิดเผยข้อมูลสาธารณะ"))
    [('การเปิดเผยข้อมูลการเปิดเผยข้อมูล', 'การเปิดเผยข้อมูล')]
    >>> list(find_repeats("เร็วเร็ว ต่างๆ นานา"))
    []
    """
    if not has_doubled_run(text, min_letters):
        return
    words = [t for t in tokens(text) if not t[0].isspace()]
    folded = [w[0].casefold() for w in words]
    i = 0
    while i < len(words):
        found = None
        for k in range(min(MAX_PHRASE, (len(words) - i) // 2), 0, -1):
            if folded[i] != folded[i + k] or folded[i:i + k] != folded[i + k:i + 2 * k]:
                continue
            a, b = words[i:i + k], words[i + k:i + 2 * k]
            if not all(_wordlike(w[0]) for w in a):
                continue
            phrase = text[a[0][1]:a[-1][2]]
            if letters(phrase) < min_letters:
                continue
            if k == 1 and (phrase + phrase) in dictionary():
                continue  # a reduplicated word the dictionary knows
            if _name_then_place(text, a[0][1], a[-1][2], b[0][1]):
                continue
            if "\t" in text[a[-1][2]:b[0][1]] or "\n" in text[a[-1][2]:b[0][1]]:
                continue  # two cells or two lines, not one phrase written twice
            found = (text[a[0][1]:b[-1][2]], phrase, k)
            break
        if found:
            yield found[0], found[1]
            i += 2 * found[2]
        else:
            i += 1




@rule("repeated-phrase", severity="warning", fixable=True,
      message="ข้อความซ้ำติดกันสองครั้ง", message_en="phrase written twice in a row",
      example=Example("แบบวัดการเปิดเผยข้อมูลการเปิดเผยข้อมูลสาธารณะ"))
def repeated_phrase(ctx: Context) -> Iterator[Hit]:
    """Flags a word or phrase written twice in a row (newmm tokens).

    **Why is this bad?** A doubled phrase is a copy-paste or editing slip; it
    reads badly and can change the name of an official indicator.

    **Example:** ``แบบวัดการเปิดเผยข้อมูลการเปิดเผยข้อมูลสาธารณะ``

    **Fix:** keep the phrase once (``การเปิดเผยข้อมูล``). Legitimate doubling
    is left alone: ไม้ยมก (ต่างๆ), reduplicated words in the dictionary (นานา)
    and short reduplication such as เร็วเร็ว, ดีดี (fewer than ``min_letters``).
    """
    n = int(ctx.settings("repeated_phrase").get("min_letters", 4))
    yield from iter_hits(ctx.segments, lambda t: find_repeats(t, n))
