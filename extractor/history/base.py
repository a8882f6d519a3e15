"""What every history store does, whatever engine keeps it: the interface and how to open one.

Two engines behind one interface (:class:`HistoryStore`):

- SQLite (:mod:`.sqlite`, the default): one file, for one officer on one laptop.
- PostgreSQL (:mod:`.postgres`): ``--db postgresql://…``, for many people
  searching at once and many batch workers indexing at once.

Both keep the same schema ideas (reports, measures, findings, passages cut
into newmm words), answer the same questions with the same semantics and
ranking, and return the same JSON shapes (``search --json``, ``history --json``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, runtime_checkable

URL_SCHEMES = ("postgresql://", "postgres://")


@runtime_checkable
class HistoryStore(Protocol):
    """A history store: one open connection; ``close()`` when done."""

    engine: str  # "sqlite" | "postgresql"

    def index_report(self, data: dict[str, Any]) -> str:
        """Store one ita-extract/1 document: "added", "replaced", "updated" or "unchanged"."""

    def search(self, query: str, *, agency: str | None = None, year: int | None = None,
               rule: str | None = None, limit: int = 20) -> dict[str, Any]:
        """The ``search --json`` object: passages matching ``query``, best first, within the filters."""

    def agency_history(self, agency: str) -> dict[str, Any]:
        """The ``history --json`` object: the reports of the agency ``agency`` means, by fiscal year."""

    def previous_report(self, agency: str, fiscal_year: int) -> dict[str, Any] | None:
        """The agency's ita-extract/1 report of the fiscal year before ``fiscal_year`` (same name, or
        the same type + name spelt otherwise; plans skipped; newest first), or None."""

    def indexed_plan(self, agency: str, fiscal_year: int) -> dict[str, Any] | None:
        """The agency's indexed plan (``document.kind: "plan"``) of ``fiscal_year``, or None."""

    def stored_report(self, report_id: int) -> dict[str, Any] | None:
        """The ita-extract/1 document stored under ``report_id``, or None."""

    def choices(self) -> dict[str, list[Any]]:
        """Agencies, fiscal years and rules present: the lists a search form offers."""

    def counts(self) -> dict[str, int]:
        """Rows per table (reports, measures, findings, passages)."""

    def optimize(self) -> None:
        """Make lookups fast again after a large batch of writes."""

    def close(self) -> None:
        ...


def is_url(db: str | Path) -> bool:
    return isinstance(db, str) and db.startswith(URL_SCHEMES)


def db_arg(text: str) -> str | Path:
    """argparse type for ``--db``: a PostgreSQL URL stays a string, anything else is a file path."""
    return text if is_url(text) else Path(text)


def open_store(db: str | Path, *, create: bool = True) -> HistoryStore:
    """The store at ``db``: a ``postgresql://`` URL, else an SQLite file (created unless ``create=False``)."""
    if is_url(db):
        from .postgres import PostgresStore
        return PostgresStore.connect(str(db), create=create)
    from .sqlite import SqliteStore
    return SqliteStore.connect(Path(db), create=create)


def previous_report(store: Any, agency: str, fiscal_year: int) -> dict[str, Any] | None:
    """The agency's report of the fiscal year before ``fiscal_year`` as a JSON dict, or None.

    ``store`` is a :class:`HistoryStore` or, as the rules that compare with last
    year may hold, a plain ``sqlite3.Connection`` from :func:`.store.connect`.
    """
    if not isinstance(store, HistoryStore):
        from .sqlite import SqliteStore
        store = SqliteStore(store)
    return store.previous_report(agency, fiscal_year)


def store_errors() -> tuple[type[BaseException], ...]:
    """The engines' own error classes (to report a database failure on one file and go on)."""
    import sqlite3
    errors: list[type[BaseException]] = [sqlite3.Error]
    try:
        import psycopg
        errors.append(psycopg.Error)
    except ImportError:
        pass
    return tuple(errors)
