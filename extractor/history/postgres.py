"""The PostgreSQL history store (``--db postgresql://…``): many searchers and many writers at once.

The same schema ideas as the SQLite store (:mod:`.store`): reports, measures,
findings and passages cut into newmm words. Full-text search is a ``tsvector``
column per passage with a GIN index, built token by token like FTS5 cuts them
(:mod:`.tsvector`, ``simple`` configuration); the substring fallback is a
``pg_trgm`` GIN index over the passage as written. The questions are in
:mod:`.postgres_search`, with the same semantics and ranking as :mod:`.search`.

Migrations are the ``MIGRATIONS`` list, applied in order under an advisory
lock and counted in ``ita_schema_migrations`` (one row per applied entry), so
many workers starting at once migrate once.

Writers: one transaction per report, as in SQLite, but without a store-wide
lock: each report takes transaction-scoped advisory locks on its content hash
and on its identity (source file, agency, fiscal year), so writers of
different reports never wait for each other and two writers of the same
report are serialized (the second finds it "unchanged").
"""
from __future__ import annotations

import hashlib
import json
import zlib
from datetime import datetime, timezone
from typing import Any

from ..errors import UnusableInput
from .segment import display
from .store import canonical_sha256, prepare
from .tsvector import tsvector

MIGRATION_LOCK = 0x17A_5C4E  # advisory lock key taken while migrating

MIGRATIONS: list[str] = [
    # 1: reports, measures, findings, passages (+ GIN full-text and trigram indexes)
    """
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE TABLE reports (
        id BIGSERIAL PRIMARY KEY,
        content_sha256 TEXT NOT NULL UNIQUE,
        json_sha256 TEXT NOT NULL,
        source_file TEXT NOT NULL,
        agency TEXT, fiscal_year INTEGER, date TEXT, reference TEXT, subject TEXT,
        ita_score DOUBLE PRECISION, ita_result TEXT,
        indexed_at TEXT NOT NULL,
        json BYTEA NOT NULL
    );
    CREATE INDEX reports_identity ON reports(source_file, agency, fiscal_year);
    CREATE INDEX reports_agency ON reports(agency, fiscal_year);
    CREATE TABLE measures (
        report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, number INTEGER, title TEXT NOT NULL,
        period_start TEXT, period_end TEXT,
        PRIMARY KEY (report_id, position)
    );
    CREATE TABLE findings (
        report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        rule TEXT NOT NULL, severity TEXT, measure INTEGER, field TEXT, page INTEGER,
        text TEXT, suggestion TEXT, message TEXT
    );
    CREATE INDEX findings_rule ON findings(rule, report_id);
    CREATE INDEX findings_report ON findings(report_id);
    CREATE TABLE passages (
        id BIGSERIAL PRIMARY KEY,
        report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, measure INTEGER, field TEXT, rule TEXT,
        words TEXT NOT NULL,
        tags TEXT NOT NULL,
        text TEXT NOT NULL,
        tsv TSVECTOR NOT NULL
    );
    CREATE INDEX passages_report ON passages(report_id);
    CREATE INDEX passages_tsv ON passages USING gin (tsv);
    CREATE INDEX passages_text_trgm ON passages USING gin (text gin_trgm_ops)
    """,
]


class PostgresStore:
    engine = "postgresql"

    def __init__(self, conn: Any, url: str) -> None:
        self.conn, self.url = conn, url

    @classmethod
    def connect(cls, url: str, *, create: bool = True) -> "PostgresStore":
        """Connect (and migrate, when ``create``); one clear line when the server is not there."""
        import psycopg
        try:
            conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as e:
            first = " ".join(str(e).split())[:200]
            raise UnusableInput(f"เชื่อมต่อฐานข้อมูลประวัติไม่ได้ (cannot connect to {_safe(url)}: {first})") from None
        store = cls(conn, url)
        if create:
            store.migrate()
        elif store.version() == 0:
            conn.close()
            raise UnusableInput(f"ฐานข้อมูล {_safe(url)} ยังไม่มีประวัติ — ใช้คำสั่ง index ก่อน "
                                f"(no history store in {_safe(url)}; run `ita index` first)")
        return store

    # ------------------------------------------------------------ schema

    def version(self) -> int:
        row = self.conn.execute("SELECT to_regclass('ita_schema_migrations')").fetchone()
        if row[0] is None:
            return 0
        return self.conn.execute("SELECT coalesce(max(version), 0) FROM ita_schema_migrations").fetchone()[0]

    def migrate(self) -> int:
        if self.version() >= len(MIGRATIONS):
            return len(MIGRATIONS)
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            self.conn.execute("CREATE TABLE IF NOT EXISTS ita_schema_migrations ("
                              " version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            version = self.conn.execute("SELECT coalesce(max(version), 0) FROM ita_schema_migrations").fetchone()[0]
            for i, sql in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in (s.strip() for s in sql.split(";\n")):
                    if statement:
                        self.conn.execute(statement)
                self.conn.execute("INSERT INTO ita_schema_migrations (version) VALUES (%s)", (i,))
        return len(MIGRATIONS)

    # ------------------------------------------------------------ writing

    def index_report(self, data: dict[str, Any]) -> str:
        """Store one ita-extract/1 document: "added", "replaced", "updated" or "unchanged"."""
        json_sha = canonical_sha256(data)
        content = (data.get("source") or {}).get("sha256") or json_sha
        if self.conn.execute("SELECT 1 FROM reports WHERE content_sha256 = %s AND json_sha256 = %s",
                             (content, json_sha)).fetchone():
            return "unchanged"  # the common case of a resumed batch: no segmenting at all
        p = prepare(data)  # newmm segmenting: before the transaction
        rows = [(k, n, f, r, w, t, display(w), tsvector(w, t)) for k, n, f, r, w, t in p.rows]
        src, doc = data.get("source") or {}, data.get("document") or {}
        source_file = src.get("file") or ""
        agency, year = doc.get("agency"), doc.get("fiscal_year")
        blob = zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"))
        c = self.conn
        with c.transaction():
            for key in sorted({_lock_key("content", p.content_sha256), _lock_key("identity", source_file, agency, year)}):
                c.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
            same = c.execute("SELECT id, json_sha256 FROM reports WHERE content_sha256 = %s",
                             (p.content_sha256,)).fetchone()
            if same and same[1] == p.json_sha256:
                return "unchanged"
            old = [same[0]] if same else [r[0] for r in c.execute(
                "SELECT id FROM reports WHERE source_file = %s AND agency IS NOT DISTINCT FROM %s"
                " AND fiscal_year IS NOT DISTINCT FROM %s", (source_file, agency, year))]
            if old:
                c.execute("DELETE FROM reports WHERE id = ANY(%s)", (old,))  # measures, findings, passages cascade
            rid = c.execute(
                "INSERT INTO reports (content_sha256, json_sha256, source_file, agency, fiscal_year, date,"
                " reference, subject, ita_score, ita_result, indexed_at, json)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id",
                (p.content_sha256, p.json_sha256, source_file, agency, year, doc.get("date"),
                 doc.get("reference"), doc.get("subject"), doc.get("ita_score"), doc.get("ita_result"),
                 datetime.now(timezone.utc).isoformat(timespec="seconds"), blob)).fetchone()[0]
            with c.cursor() as cur:
                cur.executemany(
                    "INSERT INTO measures (report_id, position, number, title, period_start, period_end)"
                    " VALUES (%s,%s,%s,%s,%s,%s)",
                    [(rid, i, m.get("number"), m.get("measure") or "", (m.get("period") or {}).get("start"),
                      (m.get("period") or {}).get("end")) for i, m in enumerate(data.get("measures") or [])])
                cur.executemany(
                    "INSERT INTO findings (report_id, rule, severity, measure, field, page, text, suggestion, message)"
                    " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
                    [(rid, f.get("rule") or "", f.get("severity"), f.get("measure"), f.get("field"), f.get("page"),
                      f.get("text"), f.get("suggestion"), f.get("message")) for f in data.get("findings") or []])
                with cur.copy("COPY passages (report_id, kind, measure, field, rule, words, tags, text, tsv)"
                              " FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row((rid, *row))
        if same:
            return "updated"
        return "replaced" if old else "added"

    def optimize(self) -> None:
        """Refresh the planner's statistics (the GIN indexes need no merging)."""
        self.conn.execute("ANALYZE reports, measures, findings, passages")

    # ------------------------------------------------------------ reading

    def search(self, query: str, *, agency: str | None = None, year: int | None = None,
               rule: str | None = None, limit: int = 20) -> dict[str, Any]:
        from .postgres_search import search
        return search(self.conn, query, agency=agency, year=year, rule=rule, limit=limit)

    def agency_history(self, agency: str) -> dict[str, Any]:
        from .postgres_search import agency_history
        return agency_history(self.conn, agency)

    def previous_report(self, agency: str, fiscal_year: int) -> dict[str, Any] | None:
        from .search import previous_report
        return previous_report(self.conn, agency, fiscal_year, ph="%s")

    def indexed_plan(self, agency: str, fiscal_year: int) -> dict[str, Any] | None:
        from .search import indexed_plan
        return indexed_plan(self.conn, agency, fiscal_year, ph="%s")

    def stored_report(self, report_id: int) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT json FROM reports WHERE id = %s", (report_id,)).fetchone()
        return json.loads(zlib.decompress(row[0])) if row else None

    def choices(self) -> dict[str, list[Any]]:
        c = self.conn
        return {
            "agencies": [r[0] for r in c.execute(
                "SELECT DISTINCT agency COLLATE \"C\" FROM reports WHERE agency IS NOT NULL ORDER BY 1")],
            "years": [r[0] for r in c.execute(
                "SELECT DISTINCT fiscal_year FROM reports WHERE fiscal_year IS NOT NULL ORDER BY 1 DESC")],
            "rules": [r[0] for r in c.execute("SELECT DISTINCT rule COLLATE \"C\" FROM findings ORDER BY 1")],
        }

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("reports", "measures", "findings", "passages")}

    def close(self) -> None:
        self.conn.close()


def _lock_key(*parts: object) -> int:
    """A signed 64-bit advisory-lock key for ``parts``."""
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        from psycopg.conninfo import conninfo_to_dict
        info = conninfo_to_dict(url)
    except Exception:
        return "postgresql://…"
    host = info.get("host") or "localhost"
    return f"postgresql://{info.get('user', '') + '@' if info.get('user') else ''}{host}/{info.get('dbname', '')}"
