"""What the web page asks of the history store (read only): hits, filter choices, one report.

The search itself is :func:`extractor.history.search.search`, the same as the
`search` command; this module only adds the lists the form offers and reads
back one stored report for display. The pages call only the three functions
that take the store's address (:func:`check_store`, :func:`search_page_data`,
:func:`load_report`): each opens and closes its own connection, so another
store behind them changes this file alone.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from ..history import store as history
from ..history.store import connect
from ..history.search import search


def open_store(db: Path) -> sqlite3.Connection:
    """A read connection (UnusableInput when the store does not exist)."""
    return connect(db, create=False)


def choices(conn: sqlite3.Connection) -> dict[str, list[Any]]:
    """Agencies, fiscal years and rules present in the store, for the form's lists."""
    return {
        "agencies": [r[0] for r in conn.execute(
            "SELECT DISTINCT agency FROM reports WHERE agency IS NOT NULL ORDER BY agency")],
        "years": [r[0] for r in conn.execute(
            "SELECT DISTINCT fiscal_year FROM reports WHERE fiscal_year IS NOT NULL ORDER BY fiscal_year DESC")],
        "rules": [r[0] for r in conn.execute("SELECT DISTINCT rule FROM findings ORDER BY rule")],
    }


def find(conn: sqlite3.Connection, query: str, *, agency: str | None, year: int | None,
         rule: str | None, limit: int = 50) -> dict[str, Any]:
    return search(conn, query, agency=agency, year=year, rule=rule, limit=limit)


def stored_report(conn: sqlite3.Connection, report_id: int) -> dict[str, Any] | None:
    """The ita-extract/1 JSON stored under ``report_id``, or None."""
    if conn.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is None:
        return None
    return history.stored_report(conn, report_id)


def check_store(db: Path) -> None:
    """Raise UnusableInput (the CLI's message) when the store does not exist."""
    open_store(db).close()


def search_page_data(db: Path, query: str, agency: str | None, year: int | None, rule: str | None, *,
                     run: bool) -> tuple[dict[str, list[Any]], dict[str, Any] | None]:
    """The form's choices, and the search result when ``run``."""
    conn = open_store(db)
    try:
        return choices(conn), (find(conn, query, agency=agency, year=year, rule=rule) if run else None)
    finally:
        conn.close()


def load_report(db: Path, report_id: int) -> dict[str, Any] | None:
    conn = open_store(db)
    try:
        return stored_report(conn, report_id)
    finally:
        conn.close()
