"""known-typo: misspellings from the YAML lexicon (``rules/typos.yaml``)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .engine import Context, Example, Hit, iter_hits, rule
from .thaitext import inside_word


@lru_cache(maxsize=8)
def _pattern(entries: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    """One alternation, longest first; Latin entries need non-letters around them."""
    alts = []
    for wrong, _ in sorted(entries, key=lambda e: -len(e[0])):
        p = r"\s+".join(re.escape(w) for w in wrong.split())
        if wrong.isascii():
            p = rf"(?<![A-Za-z0-9]){p}(?![A-Za-z0-9])"
        alts.append(p)
    return re.compile("|".join(alts), re.IGNORECASE) if alts else None


@lru_cache(maxsize=8)
def _entries(items: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in items if k and v))


@lru_cache(maxsize=8)
def _folded(entries: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {" ".join(k.split()).casefold(): v for k, v in entries}


def find_typos(text: str, lexicon: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(typo as written, correction) for each lexicon entry in ``text``.

    >>> list(find_typos("จัดทำ OR Code ตามกฏหมาย", {"OR Code": "QR Code", "กฏหมาย": "กฎหมาย"}))
    [('OR Code', 'QR Code'), ('กฏหมาย', 'กฎหมาย')]
    """
    entries = _entries(tuple(lexicon.items()))
    rx = _pattern(entries)
    if rx is None:
        return
    folded = _folded(entries)
    for m in rx.finditer(text):
        written = m.group(0)
        if not written.isascii() and inside_word(text, m.start(), m.end()):
            continue
        yield written, folded[" ".join(written.split()).casefold()]


@rule("known-typo", severity="error", fixable=True,
      message="คำสะกดผิดที่พบบ่อย", message_en="known misspelling",
      example=Example("จัดทำ OR Code ณ จุดบริการต่างๆ"))
def known_typo(ctx: Context) -> Iterator[Hit]:
    """Flags a word from the typo lexicon (``rules/typos.yaml``).

    **Why is this bad?** A published ITA report is an official document; a
    misspelt term (กฏหมาย, เจตนารมย์, OR Code) looks careless to the assessor
    and the public.

    **Example:** ``จัดทำ OR Code ณ จุดบริการต่างๆ``

    **Fix:** write the correction given as the suggestion (``QR Code``).
    Entries never match inside a longer valid word.
    """
    lexicon = ctx.config.get("typos") or {}
    yield from iter_hits(ctx.segments, lambda t: find_typos(t, lexicon))
