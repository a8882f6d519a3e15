"""The SQLite history store (the default) behind :class:`.base.HistoryStore`.

A thin object over :mod:`.store` (schema, writing) and :mod:`.search`
(questions): their functions stay the SQLite engine itself, this only gives
them the interface the PostgreSQL store shares.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from . import search as _search
from . import store as _store


class SqliteStore:
    engine = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    def connect(cls, db: Path, *, create: bool = True) -> "SqliteStore":
        return cls(_store.connect(db, create=create))

    def index_report(self, data: dict[str, Any]) -> str:
        return _store.index_report(self.conn, data)

    def search(self, query: str, *, agency: str | None = None, year: int | None = None,
               rule: str | None = None, limit: int = 20) -> dict[str, Any]:
        return _search.search(self.conn, query, agency=agency, year=year, rule=rule, limit=limit)

    def agency_history(self, agency: str) -> dict[str, Any]:
        return _search.agency_history(self.conn, agency)

    def previous_report(self, agency: str, fiscal_year: int) -> dict[str, Any] | None:
        return _search.previous_report(self.conn, agency, fiscal_year)

    def indexed_plan(self, agency: str, fiscal_year: int) -> dict[str, Any] | None:
        return _search.indexed_plan(self.conn, agency, fiscal_year)

    def stored_report(self, report_id: int) -> dict[str, Any] | None:
        if self.conn.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is None:
            return None
        return _store.stored_report(self.conn, report_id)

    def choices(self) -> dict[str, list[Any]]:
        c = self.conn
        return {
            "agencies": [r[0] for r in c.execute(
                "SELECT DISTINCT agency FROM reports WHERE agency IS NOT NULL ORDER BY agency")],
            "years": [r[0] for r in c.execute(
                "SELECT DISTINCT fiscal_year FROM reports WHERE fiscal_year IS NOT NULL ORDER BY fiscal_year DESC")],
            "rules": [r[0] for r in c.execute("SELECT DISTINCT rule FROM findings ORDER BY rule")],
        }

    def counts(self) -> dict[str, int]:
        return _store.counts(self.conn)

    def optimize(self) -> None:
        _store.optimize(self.conn)

    def close(self) -> None:
        self.conn.close()
