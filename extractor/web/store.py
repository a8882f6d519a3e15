"""What the search page asks of the history store (read only): hits, filter choices, one report.

The search itself is :func:`extractor.history_search.search`, the same as the
`search` command; this module only adds the lists the form offers and reads
back one stored report for display.
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
