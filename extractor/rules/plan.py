"""plan-not-reported, not-in-plan, plan-period-changed: the report held against its plan.

Agencies publish a plan of measures (``document.kind: "plan"``) before the
results report. ``ita check REPORT --plan PLAN`` gives the plan as
``Context.plan``; without one these rules are quiet. Measures are matched by
the wording of their text, not their number or order: each measure's title
(and its methods, at half weight), spaces removed, compared with rapidfuzz
(the whole ratio, or a shorter wording found inside a longer one), and paired
greedily best-first above ``plan.min_score``. Characters rather than newmm
words: as good on the samples and sixteen times faster.
"""
from __future__ import annotations

from typing import Any, Iterator

from rapidfuzz import fuzz

from ..text.digits import squash, thai_digits
from .engine import Context, Example, Hit, rule
from .examples import BASE_MEASURE

# Measured (docs/rules-context.md): two different measures of one report score at most 55.3 on
# the samples; the same measure reworded between plan and report 85.7–93.7.
MIN_SCORE = 70
PARTIAL_WEIGHT = 0.95
METHODS_CHARS = 200  # methods compared by their beginning: whole cells make the pairs cost 10× more

_PLAN = {"document": {"kind": "plan", "fiscal_year": 2568}, "source": {"file": "plan-2568.pdf"},
         "measures": [dict(BASE_MEASURE, summary=[], outcomes=[]),
                      dict(BASE_MEASURE, number=2, measure="การจัดทำคู่มือการปฏิบัติงานตามภารกิจหลัก",
                           methods=["จัดทำคู่มือการปฏิบัติงาน"], summary=[], outcomes=[])]}


def _key(m: dict[str, Any]) -> tuple[str, str]:
    methods = " ".join(t for t in m.get("methods") or [] if isinstance(t, str))
    return squash(m.get("measure") or "")[:METHODS_CHARS], squash(methods)[:METHODS_CHARS]


def _alike(a: str, b: str) -> float:
    """Whole-text ratio, or a shorter wording inside a longer one (slightly discounted)."""
    return max(fuzz.ratio(a, b), PARTIAL_WEIGHT * fuzz.partial_ratio(a, b))


def similarity(a: dict[str, Any], b: dict[str, Any]) -> float:
    """How alike two measures are (0–100): the title counts twice as much as the methods."""
    return _similarity(_key(a), _key(b))


def _similarity(ka: tuple[str, str], kb: tuple[str, str]) -> float:
    (ta, ma), (tb, mb) = ka, kb
    title = _alike(ta, tb) if ta and tb else 0.0
    if not (ma and mb):
        return title
    return (2 * title + fuzz.ratio(ma[:METHODS_CHARS], mb[:METHODS_CHARS])) / 3


def match(plan: list[dict[str, Any]], report: list[dict[str, Any]], min_score: float = MIN_SCORE
          ) -> dict[int, int]:
    """Plan index → report index, best pairs first, each measure used once."""
    pk, rk = [_key(p) for p in plan], [_key(r) for r in report]
    pairs = sorted(((_similarity(a, b), i, j) for i, a in enumerate(pk) for j, b in enumerate(rk)), reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if score < min_score:
            break
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _matched(ctx: Context) -> tuple[list[dict[str, Any]], dict[int, int]] | None:
    plan = ctx.plan
    if not plan or ctx.document.get("kind") == "plan":
        return None
    planned = [m for m in plan.get("measures") or [] if isinstance(m, dict)]
    key = id(plan)
    cache = ctx.__dict__.setdefault("_plan_match", {})
    if key not in cache:
        cache[key] = match(planned, ctx.measures, float(ctx.settings("plan").get("min_score", MIN_SCORE)))
    return planned, cache[key]


def _plan_name(ctx: Context) -> str:
    plan = ctx.plan or {}
    ref = (plan.get("document") or {}).get("reference")
    return ", ".join(x for x in (f"ที่ {ref}" if ref else "", (plan.get("source") or {}).get("file")) if x) or "-"


@rule("plan-not-reported", severity="warning",
      message="มาตรการตามแผนไม่มีผลการดำเนินการในรายงาน",
      message_en="a planned measure has no result in the report",
      example=Example("การจัดทำคู่มือการปฏิบัติงานตามภารกิจหลัก", place="plan", plan=_PLAN))
def plan_not_reported(ctx: Context) -> Iterator[Hit]:
    """Flags a measure of the plan that no measure of the report answers.

    **Why is this bad?** The plan promised it; a results report that leaves
    it out hides a measure not carried out (or reported under a name nobody
    can match), and the assessor counts it as not done.

    **Example:** the plan's ``การจัดทำคู่มือการปฏิบัติงานตามภารกิจหลัก`` has no
    measure like it in the report (``ita check REPORT --plan PLAN``).

    **Fix:** report its result, or say why it was not carried out.
    """
    got = _matched(ctx)
    if got is None:
        return
    planned, pairs = got
    for i, p in enumerate(planned):
        if i not in pairs:
            no = p.get("number")
            yield Hit(text=p.get("measure") or "", field="measure",
                      message=f"มาตรการที่ {thai_digits(str(no))} ตามแผน ({_plan_name(ctx)}) "
                              f"ไม่มีผลการดำเนินการในรายงาน",
                      message_en=f"planned measure {no} ({_plan_name(ctx)}) has no result in the report")


@rule("not-in-plan", severity="info",
      message="มาตรการนี้ไม่อยู่ในแผน",
      message_en="a reported measure is not in the plan",
      example=Example("การเปิดเผยข้อมูลสาธารณะ", place="measure", plan={**_PLAN, "measures": _PLAN["measures"][1:]}))
def not_in_plan(ctx: Context) -> Iterator[Hit]:
    """Flags a measure of the report that matches no measure of the plan.

    **Why is this bad?** Not wrong in itself (an agency may add a measure
    during the year), but the assessor will ask where it was planned.

    **Example:** the report's ``การเปิดเผยข้อมูลสาธารณะ`` is not in the plan.

    **Fix:** nothing if the measure was added on purpose; else check that the
    plan's wording and the report's describe the same measure.
    """
    got = _matched(ctx)
    if got is None:
        return
    _, pairs = got
    reported = set(pairs.values())
    for j, m in enumerate(ctx.measures):
        if j not in reported:
            yield Hit(text=m.get("measure") or "", measure=m.get("number"), field="measure",
                      page=ctx.measure_page(m, field="measure"))


@rule("plan-period-changed", severity="info",
      message="ระยะเวลาดำเนินการต่างจากแผน",
      message_en="the period differs from the plan's",
      example=Example("มกราคม – มีนาคม ๒๕๖๘", place="period", plan=_PLAN))
def plan_period_changed(ctx: Context) -> Iterator[Hit]:
    """Flags a measure whose period is not the one its plan gave.

    **Why is this bad?** A changed period may be right (the work moved), but
    the report should say so; often the plan's period was copied wrongly.

    **Example:** planned ``ตุลาคม ๒๕๖๗ – กันยายน ๒๕๖๘``, reported ``มกราคม – มีนาคม ๒๕๖๘``.

    **Fix:** nothing if the change is meant (explain it); else write the planned period.
    Periods are compared as dates (start and end), or as text when unreadable.
    """
    got = _matched(ctx)
    if got is None:
        return
    planned, pairs = got
    for i, j in pairs.items():
        p, m = planned[i], ctx.measures[j]
        pp, mp = p.get("period") or {}, m.get("period") or {}
        if not isinstance(pp, dict) or not isinstance(mp, dict):
            continue
        if pp.get("start") and mp.get("start"):
            same = (pp.get("start"), pp.get("end")) == (mp.get("start"), mp.get("end"))
        else:
            same = "".join((pp.get("text") or "").split()) == "".join((mp.get("text") or "").split())
        if not same and (pp.get("text") or pp.get("start")):
            yield Hit(text=mp.get("text") or "", measure=m.get("number"), field="period",
                      page=ctx.measure_page(m, field="period"),
                      message=f"ระยะเวลาดำเนินการต่างจากแผน (แผน: {pp.get('text') or '-'})",
                      message_en=f"the period differs from the plan's ({pp.get('start')} – {pp.get('end')})")
