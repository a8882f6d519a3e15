"""The search page and stored reports, when the server has a history store (Blueprint "search")."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request

from ..text.dates import be_year
from . import store, view
from .render import json_download, result_page, t

bp = Blueprint("search", __name__)

FIELDS = ("q", "agency", "year", "rule")


def db() -> Any:
    return current_app.config["ITA_DB"]


@bp.get("/search")
def search_page():
    if db() is None:
        return render_template("message.html", heading=t("search_heading"), message=t("search_disabled")), 404
    form = {k: (request.args.get(k) or "").strip() for k in FIELDS}
    year, error = parse_year(form["year"])
    query = (form["q"], form["agency"] or None, year, form["rule"] or None)
    options, result = store.search_page_data(db(), *query, run=error is None and any(form.values()))
    hits = [dict(h, segments=view.snippet_segments(h["snippet"], h["highlights"]))
            for h in (result or {}).get("hits", [])]
    return render_template("search.html", form=form, options=options, result=result, hits=hits, error=error)


@bp.get("/reports/<int:report_id>")
def stored_page(report_id: int):
    return result_page(stored_or_404(report_id), job=None, stored_id=report_id)


@bp.get("/reports/<int:report_id>.json")
def stored_json(report_id: int):
    data = stored_or_404(report_id)
    return json_download(data, Path((data.get("source") or {}).get("file") or f"report-{report_id}").stem)


def stored_or_404(report_id: int) -> dict[str, Any]:
    data = store.load_report(db(), report_id) if db() is not None else None
    if data is None:
        abort(404)
    return data


def parse_year(text: str) -> tuple[int | None, str | None]:
    """"๒๕๖๘" / "2568" / "2025" → 2568; an error text when it is not a year."""
    if not text:
        return None, None
    try:
        return be_year(text), None
    except ValueError:
        return None, t("search_bad_year")
