"""weekday-mismatch: a weekday written beside a date that the calendar contradicts.

"วันจันทร์ที่ ๕ มีนาคม ๒๕๖๙" is a Thursday. Dates are read by the one date
finder (:func:`extractor.text.dates.find_dates`): B.E. or C.E. years, two-digit
B.E. years, abbreviated months, Thai or Arabic digits; the weekday is the
"วัน…(ที่)" right before the first day.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..text.dates import WEEKDAYS, find_dates
from .engine import Context, Example, Hit, rule


_ANY_WEEKDAY = re.compile("วัน(?:" + "|".join(WEEKDAYS + ["พฤหัส"]) + ")")


def wrong_weekdays(text: str) -> Iterator[tuple[str, str, str]]:
    """(the weekday and date as written, the same with the right weekday, the right weekday's number).

    >>> [w for w, _, _ in wrong_weekdays("ประชุมวันจันทร์ที่ ๕ มีนาคม ๒๕๖๙ ณ ห้องประชุม")]
    ['วันจันทร์ที่ ๕ มีนาคม ๒๕๖๙']
    >>> list(wrong_weekdays("วันพฤหัสบดีที่ 5 มี.ค. 69"))
    []
    """
    if not _ANY_WEEKDAY.search(text):
        return  # most text names no weekday: skip the date finder
    for s in find_dates(text):
        if s.weekday is None or s.weekday_at is None or s.day != s.start.day:
            continue  # no weekday, or a day the month does not have (another rule's business)
        right = s.start.weekday()
        if right == s.weekday:
            continue
        written = text[s.weekday_at:s.pos[1]]
        head = text[s.weekday_at:s.pos[0]]
        name = next(w for w in sorted(WEEKDAYS + ["พฤหัส"], key=len, reverse=True) if head.startswith("วัน" + w))
        yield written, "วัน" + WEEKDAYS[right] + head[3 + len(name):] + text[s.pos[0]:s.pos[1]], right


@rule("weekday-mismatch", severity="error", fixable=True,
      message="วันในสัปดาห์ไม่ตรงกับวันที่ตามปฏิทิน",
      message_en="the weekday written does not fall on that date",
      example=Example("จัดประชุมคณะทำงานในวันจันทร์ที่ ๕ มีนาคม ๒๕๖๘"))
def weekday_mismatch(ctx: Context) -> Iterator[Hit]:
    """Flags a date written with its weekday when the calendar puts it on another day.

    **Why is this bad?** An official memo or report that names a Monday for a
    Thursday is either a wrong day, a wrong month, or a date left over from a
    template of another year; a reader cannot tell which date is meant.

    **Example:** ``วันจันทร์ที่ ๕ มีนาคม ๒๕๖๙`` (๕ มีนาคม ๒๕๖๙ is a Thursday);
    also ``วันพฤหัสบดีที่ 5 มี.ค. 69`` style dates, B.E. or C.E. years.

    **Fix:** the suggestion gives the right weekday for the date as written;
    if the day itself is wrong, correct the day instead. Memo and table alike.
    """
    for seg in ctx.segments:
        for written, suggestion, right in wrong_weekdays(seg.text):
            if seg.owns(written):
                yield Hit(text=written, measure=seg.measure, field=seg.field, page=seg.page, suggestion=suggestion,
                          message=f"วันในสัปดาห์ไม่ตรงกับวันที่ตามปฏิทิน (ตามปฏิทินเป็นวัน{WEEKDAYS[right]})",
                          message_en=f"the weekday written does not fall on that date (it is a {DAY_EN[right]})")


DAY_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
