"""The rules engine: checks an extracted report for the slips officers make.

One entry point for the pipeline::

    check(report_json, memo_lines, rules_files=[...]) -> [finding dict, ...]

``report`` is the ita-extract/1 JSON without findings; ``memo`` the report's
non-table lines (text, page). Rules live one family per module and register
themselves with :func:`extractor.rules.engine.rule`; their data (severities,
typo lexicon, agency forms, ITA levels, the DLA gazetteer) is in ``rules/``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from . import agency, cells, dates, numbering, repeats, score, typos, weekday, province, copied, plan  # noqa: F401  (registers the rules)
from .config import load
from .engine import RULES, Context, Example, run
from .examples import example_input
from .ocrnoise import gate_unsure

__all__ = ["RULES", "check"]


def check(report: dict[str, Any], memo: list[tuple[str, int | None]], *,
          rules_files: list[Path] | tuple = (),
          items: dict[int, dict[str, list[tuple[int | None, str | None]]]] | None = None,
          item_pages: dict[int, dict[str, list[int | None]]] | None = None,
          previous: dict[str, Any] | None = None, plan: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Findings for one report: dicts with exactly :class:`extractor.model.Finding`'s keys.

    ``items`` gives, per measure number and list field, the item numbers as the
    table stage read them (the JSON keeps items without their numbers);
    ``item_pages`` the page each list item starts on. ``previous`` is the same agency's
    report of the fiscal year before (from the history), ``plan`` the plan the report
    answers (``ita check --plan``): the rules that need them stay quiet without them.
    """
    ctx = Context(report=report, memo=list(memo or []), config=load(list(rules_files)), items=items or {},
                  item_pages=item_pages or {}, previous=previous, plan=plan)
    return gate_unsure(run(ctx), report)


def run_example(rid: str, ex: Example, config: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The findings of rule ``rid`` on its example (every rule runs; only ``rid``'s are kept)."""
    report, memo = example_input(ex)
    found = check(report, memo, previous=ex.history, plan=ex.plan)
    return [f for f in found if f["rule"] == rid]
