"""What the web page asks of the history store (read only): hits, filter choices, one report.

The search itself is the store's own (:meth:`extractor.history.base.HistoryStore.search`),
the same as the `search` command, on SQLite or PostgreSQL. The pages call only the three
functions that take the store's address (:func:`check_store`, :func:`search_page_data`,
:func:`load_report`): each opens and closes its own connection.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..history.base import HistoryStore, open_store as _open


def open_store(db: str | Path) -> HistoryStore:
    """A read connection (UnusableInput when the store does not exist)."""
    return _open(db, create=False)


def choices(store: HistoryStore) -> dict[str, list[Any]]:
    """Agencies, fiscal years and rules present in the store, for the form's lists."""
    return store.choices()


def find(store: HistoryStore, query: str, *, agency: str | None, year: int | None,
         rule: str | None, limit: int = 50) -> dict[str, Any]:
    return store.search(query, agency=agency, year=year, rule=rule, limit=limit)


def stored_report(store: HistoryStore, report_id: int) -> dict[str, Any] | None:
    """The ita-extract/1 JSON stored under ``report_id``, or None."""
    return store.stored_report(report_id)


def check_store(db: str | Path) -> None:
    """Raise UnusableInput (the CLI's message) when the store does not exist."""
    open_store(db).close()


def search_page_data(db: str | Path, query: str, agency: str | None, year: int | None, rule: str | None, *,
                     run: bool) -> tuple[dict[str, list[Any]], dict[str, Any] | None]:
    """The form's choices, and the search result when ``run``."""
    store = open_store(db)
    try:
        return choices(store), (find(store, query, agency=agency, year=year, rule=rule) if run else None)
    finally:
        store.close()


def load_report(db: str | Path, report_id: int) -> dict[str, Any] | None:
    store = open_store(db)
    try:
        return stored_report(store, report_id)
    finally:
        store.close()
