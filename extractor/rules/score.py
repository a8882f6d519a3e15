"""score-result-mismatch: the ITA score and the stated result or level disagree."""
from __future__ import annotations

import re
from typing import Any, Iterator

from .engine import Context, Example, Hit, rule

_LEVEL = re.compile(r"(?<![A-Za-z])(AA|A|B|C|D|E|F)(?![A-Za-z])")


def scale(config: dict[str, Any], year: int | None) -> dict[str, Any]:
    """Pass mark and levels for an assessment year (B.E.), from ``rules/ita-levels.yaml``."""
    spec = config.get("ita_levels") or {}
    out = dict(spec.get("default") or {})
    years = spec.get("years") or {}
    if year is not None:
        out.update(years.get(year) or years.get(str(year)) or {})
    return out


def level_of(score: float, levels: dict[str, list[float]]) -> str | None:
    """AA for 95.33 on the NACC scale: the level with the highest lower bound ≤ score
    (so a score in a rounding gap such as 94.995 gets the lower level)."""
    for name, (low, _high) in sorted(levels.items(), key=lambda kv: -float(kv[1][0])):
        if score >= float(low):
            return name
    return None


def mismatch(score: float, result: str, sc: dict[str, Any]) -> tuple[str, str, str] | None:
    """(Thai reason, English reason, suggestion) when ``result`` does not fit ``score``.

    >>> sc = {"pass_mark": 85, "levels": {"AA": [95, 100], "A": [85, 94.99], "B": [75, 84.99]}}
    >>> mismatch(80.0, "ผ่าน", sc)[2]
    'ไม่ผ่าน'
    >>> mismatch(95.33, "ผ่าน", sc) is None
    True
    """
    if not 0 <= score <= 100:
        return f"คะแนน {score:g} อยู่นอกช่วง ๐–๑๐๐", f"score {score:g} outside 0–100", None
    levels = sc.get("levels") or {}
    m = _LEVEL.search(result.upper())
    if m and levels:
        want = level_of(score, levels)
        if want and m.group(1) != want:
            return (f"คะแนน {score:g} อยู่ในระดับ {want} ไม่ใช่ {m.group(1)}",
                    f"score {score:g} is level {want}, not {m.group(1)}", want)
    pass_mark = sc.get("pass_mark")
    if pass_mark is not None and "ผ่าน" in result:
        stated_pass = "ไม่ผ่าน" not in result
        if stated_pass != (score >= float(pass_mark)):
            want = "ผ่าน" if score >= float(pass_mark) else "ไม่ผ่าน"
            return (f"คะแนน {score:g} (เกณฑ์ผ่าน {float(pass_mark):g}) ควรเป็น \"{want}\"",
                    f"score {score:g} with pass mark {float(pass_mark):g} means '{want}'", want)
    return None


@rule("score-result-mismatch", severity="error",
      message="คะแนน ITA ไม่สอดคล้องกับผลการประเมินที่ระบุ",
      message_en="ITA score and stated result/level disagree",
      example=Example("ได้คะแนน ๘๐.๕๐ คะแนน อยู่ในระดับ ผ่าน", place="memo",
                      document={"ita_score": 80.5, "ita_result": "ผ่าน"}))
def score_result_mismatch(ctx: Context) -> Iterator[Hit]:
    """Flags an ITA score whose stated result (ผ่าน/ไม่ผ่าน) or level (AA…F) does not fit it.

    **Why is this bad?** The score and the level are both quoted to the public;
    when they disagree one of them is wrong (a typo in the score, or a level
    copied from last year).

    **Example:** ``ได้คะแนน ๘๐.๕๐ คะแนน อยู่ในระดับ ผ่าน`` (the pass mark is ๘๕).

    **Fix:** check the NACC result and correct the score or the level. Levels and
    pass marks per assessment year are in ``rules/ita-levels.yaml``.
    """
    doc = ctx.document
    score, result = doc.get("ita_score"), doc.get("ita_result")
    if not isinstance(score, (int, float)) or isinstance(score, bool):
        return
    result = result if isinstance(result, str) else ""
    if not result and 0 <= score <= 100:
        return
    found = mismatch(float(score), result, scale(ctx.config, doc.get("fiscal_year")))
    if found:
        th, en, suggestion = found
        yield Hit(text=result or f"{score:g}", field="ita_result" if result else "ita_score",
                  suggestion=suggestion, message=f"คะแนน ITA ไม่สอดคล้องกับผลการประเมิน: {th}", message_en=en)
