"""numbering: measure numbers skipped, repeated or out of order."""
from __future__ import annotations

from typing import Iterator

from .engine import Context, Hit, rule

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


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
    return str(n).translate(THAI)


def _th_range(a: int, b: int) -> str:
    return _th(a) if a == b else f"{_th(a)}–{_th(b)}"


@rule("numbering", severity="warning",
      message="เลขลำดับมาตรการไม่ต่อเนื่อง", message_en="measure numbers skipped, repeated or out of order")
def numbering(ctx: Context) -> Iterator[Hit]:
    """Flags measure numbers that skip, repeat or go backwards.

    **Why is this bad?** A gap or repeat usually means a measure was deleted or
    pasted twice while editing, or a row was lost; the reader cannot tell
    which measure the plan's number refers to.

    **Example:** measures numbered ๑, ๒, ๔.

    **Fix:** renumber the measures, or restore the missing one. A restart at ๑
    for a new section is accepted.
    """
    measures = ctx.measures
    for i, th, en in numbering_problems([m.get("number") if isinstance(m.get("number"), int) else None
                                         for m in measures]):
        m = measures[i]
        yield Hit(text=_th(m["number"]), measure=m["number"], field="number", page=ctx.measure_page(m, field="number"),
                  message=f"เลขลำดับมาตรการไม่ต่อเนื่อง: {th}", message_en=en)
