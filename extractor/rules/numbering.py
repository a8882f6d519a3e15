"""numbering: measure numbers, and item numbers inside cells, skipped, repeated or out of order."""
from __future__ import annotations

from typing import Iterator

from ..text.digits import thai_digits
from .examples import BASE_MEASURE
from .engine import Context, Example, Hit, rule



def numbering_problems(numbers: list[int | None]) -> Iterator[tuple[int, str, str]]:
    """(index, Thai reason, English reason) for each measure whose number does not follow.

    A restart at 1 after a run of two or more begins a new section (มิติที่ ๒ …),
    not an error. Unnumbered measures are skipped.

    >>> [(i, en) for i, _, en in numbering_problems([1, 2, 4, 4, 3])]
    [(2, 'number 3 skipped'), (3, 'number 4 repeated'), (4, 'number 3 out of order')]
    """
    prev: int | None = None
    run = 0
    seen: set[int] = set()
    for i, n in enumerate(numbers):
        if n is None:
            continue
        if prev is None:
            if n > 1:
                yield i, f"ไม่มีมาตรการลำดับที่ {_th(1)}–{_th(n - 1)}", f"numbers 1–{n - 1} missing" if n > 2 else "number 1 missing"
        elif n == 1 and run >= 2:
            seen = set()  # a new section
        elif n == prev:
            yield i, f"ลำดับที่ {_th(n)} ซ้ำ", f"number {n} repeated"
        elif n < prev or n in seen:
            yield i, f"ลำดับที่ {_th(n)} ไม่เรียงลำดับ (ต่อจาก {_th(prev)})", f"number {n} out of order"
        elif n > prev + 1:
            gap = f"{prev + 1}" if n == prev + 2 else f"{prev + 1}–{n - 1}"
            yield i, f"ข้ามลำดับที่ {_th_range(prev + 1, n - 1)}", f"number {gap} skipped" if n == prev + 2 else f"numbers {gap} skipped"
        restart = prev is not None and n == 1 and run >= 2
        run = 1 if restart else run + 1
        seen.add(n)
        prev = n if (prev is None or restart) else max(prev, n)  # a stray number does not move the count


def _th(n: int) -> str:
    return thai_digits(str(n))


def _th_range(a: int, b: int) -> str:
    return _th(a) if a == b else f"{_th(a)}–{_th(b)}"


@rule("numbering", severity="warning",
      message="เลขลำดับมาตรการไม่ต่อเนื่อง", message_en="measure numbers skipped, repeated or out of order",
      example=Example("๑, ๒, ๔", place="number", measures=[dict(BASE_MEASURE, number=n) for n in (1, 2, 4)]))
def numbering(ctx: Context) -> Iterator[Hit]:
    """Flags measure numbers, and item numbers inside cells, that skip, repeat or go backwards.

    **Why is this bad?** A gap or repeat usually means a measure was deleted or
    pasted twice while editing, or a row was lost; the reader cannot tell
    which measure the plan's number refers to.

    **Example:** measures numbered ๑, ๒, ๔; a methods cell numbered ๑. ๒. ๒.

    **Fix:** renumber the measures (or items), or restore the missing one. A
    restart at ๑ for a new section is accepted.
    """
    yield from item_numbering(ctx)
    measures = ctx.measures
    for i, th, en in numbering_problems([m.get("number") if isinstance(m.get("number"), int) else None
                                         for m in measures]):
        m = measures[i]
        yield Hit(text=_th(m["number"]), measure=m["number"], field="number", page=ctx.measure_page(m, field="number"),
                  message=f"เลขลำดับมาตรการไม่ต่อเนื่อง: {th}", message_en=en)


def item_problems(numbers: list[int | None]) -> Iterator[tuple[int, int]]:
    """(index, the number expected there) for each item whose number does not follow.

    >>> list(item_problems([1, 2, 2]))
    [(2, 3)]
    """
    expected = None
    for i, n in enumerate(numbers):
        if n is None:
            continue
        if expected is not None and n != expected:
            yield i, expected
        expected = (n if expected is None or n >= expected - 1 else expected) + 1


def item_numbering(ctx: Context) -> Iterator[Hit]:
    """Item numbers inside a cell (๑. ๒. ๒.) that skip, repeat or go backwards; the
    table stage hands them over in ``ctx.items`` since the JSON drops them."""
    by_number = {m.get("number"): m for m in ctx.measures}
    for number, fields in ctx.items.items():
        m = by_number.get(number)
        if m is None:
            continue
        for fld, seq in fields.items():
            for i, expected in item_problems([n for n, _ in seq]):
                raw = seq[i][1] or _th(seq[i][0])
                thai = any("๐" <= ch <= "๙" for ch in raw)
                suggestion = (_th(expected) if thai else str(expected)) + ("." if raw.endswith(".") else ")")
                yield Hit(text=raw, measure=number, field=fld, page=ctx.measure_page(m, field=fld),
                          suggestion=suggestion,
                          message=f"เลขลำดับข้อในช่องไม่ต่อเนื่อง: ข้อที่ {_th(i + 1)} ควรเป็น {suggestion}",
                          message_en=f"item {i + 1} is numbered {raw}, expected {suggestion}")
