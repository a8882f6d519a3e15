"""The searchable history of past reports: one SQLite file, read by `search` and `history`.

A report goes in as its ita-extract/1 JSON. The memo fields, every measure
cell and every finding become *passages*, cut into Thai words (see
:mod:`extractor.history_text`) and indexed by FTS5; a second FTS5 index over
the raw text (trigram) finds what the word cut missed. The schema is the
``MIGRATIONS`` list below, applied in order and counted by
``PRAGMA user_version``.

Writers are safe side by side: WAL journal, a busy timeout, and one
``BEGIN IMMEDIATE`` transaction per report, so two ``index`` processes lose
nothing and an interrupted run leaves whole reports or none.

Identity of a report:
- ``content_sha256``: the source file's hash (``source.sha256``), or the
  canonical JSON's own hash when the source hash is null. Indexing the same
  content again changes nothing.
- ``(source_file, agency, fiscal_year)``: a new hash under the same key is a
  new version of the same report and replaces the old one (the file name alone
  is too common — "report.pdf" — to identify a report across agencies and years).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from .. import SCHEMA
from ..errors import UnusableInput
from .segment import FTS_TOKENIZER, report_tags, segment

DEFAULT_DB = Path("output/history.sqlite")
BUSY_TIMEOUT_MS = 60_000  # a writer waits this long for the other one's transaction
DISPLAY_SQL = "replace(replace({}, ' ', ''), char(8203), ' ')"  # history_text.display in SQL

MIGRATIONS: list[str] = [
    # 1: reports, their measures and findings, and the passages the search reads.
    f"""
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        content_sha256 TEXT NOT NULL UNIQUE,  -- source.sha256, or the JSON's own hash
        json_sha256 TEXT NOT NULL,            -- the extraction itself (a re-extraction updates)
        source_file TEXT NOT NULL,
        agency TEXT, fiscal_year INTEGER, date TEXT, reference TEXT, subject TEXT,
        ita_score REAL, ita_result TEXT,
        indexed_at TEXT NOT NULL,
        json BLOB NOT NULL                    -- the whole ita-extract/1 document, zlib-compressed
    );
    CREATE INDEX reports_identity ON reports(source_file, agency, fiscal_year);
    CREATE INDEX reports_agency ON reports(agency, fiscal_year);
    CREATE TABLE measures (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, number INTEGER, title TEXT NOT NULL,
        period_start TEXT, period_end TEXT,
        PRIMARY KEY (report_id, position)
    );
    CREATE TABLE findings (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        rule TEXT NOT NULL, severity TEXT, measure INTEGER, field TEXT, page INTEGER,
        text TEXT, suggestion TEXT, message TEXT
    );
    CREATE INDEX findings_rule ON findings(rule, report_id);
    CREATE INDEX findings_report ON findings(report_id);
    CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,       -- memo | measure | finding
        measure INTEGER,          -- measure number (measure cells, findings)
        field TEXT,               -- subject, addressee, …, methods, summary, … (or the finding's field)
        rule TEXT,                -- findings only
        words TEXT NOT NULL,      -- newmm words joined by ' ', the text's own spaces as U+200B
        tags TEXT NOT NULL        -- filter tokens of the report: agency, year, rules (history_text.tag)
    );
    CREATE INDEX passages_report ON passages(report_id);
    CREATE VIEW passages_text AS  -- the passage as written (history_text.display)
        SELECT id, {DISPLAY_SQL.format("words")} AS text FROM passages;
    CREATE VIRTUAL TABLE passages_fts USING fts5(
        words, tags, content='passages', content_rowid='id', tokenize="{FTS_TOKENIZER}");
    INSERT INTO passages_fts(passages_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)');  -- tags do not rank
    CREATE VIRTUAL TABLE passages_tri USING fts5(  -- substrings (LIKE), when the word cut misses
        text, content='passages_text', content_rowid='id', tokenize='trigram', detail='none');
    CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
        INSERT INTO passages_fts(rowid, words, tags) VALUES (new.id, new.words, new.tags);
        INSERT INTO passages_tri(rowid, text) VALUES (new.id, {DISPLAY_SQL.format("new.words")});
    END;
    CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts(passages_fts, rowid, words, tags) VALUES ('delete', old.id, old.words, old.tags);
        INSERT INTO passages_tri(passages_tri, rowid, text) VALUES ('delete', old.id, {DISPLAY_SQL.format("old.words")});
    END;
    """,
]

MEMO_FIELDS = ("agency", "subject", "division", "addressee", "reference")
CELL_FIELDS = ("measure", "methods", "responsible", "period", "summary", "outcomes")


def connect(db: str | Path = DEFAULT_DB, *, create: bool = True) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the store at ``db``.

    ``create=False`` is for readers: a missing store is the user's mistake, not an empty history.
    """
    db = Path(db)
    if not create and not db.is_file():
        raise UnusableInput(f"ไม่พบฐานข้อมูลประวัติ {db} — ใช้คำสั่ง index ก่อน "
                            f"(no history store at {db}; run `ita index` first)")
    if str(db) != ":memory:":
        db.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(db, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a crash loses at most the last commits, never consistency
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    except sqlite3.DatabaseError as e:
        raise UnusableInput(f"เปิดฐานข้อมูลประวัติไม่ได้ (cannot open history store {db}: {e})") from None
    conn.row_factory = sqlite3.Row
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations the store has not seen yet; returns the schema version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version >= len(MIGRATIONS):
        return version
    with transaction(conn):
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
        for i, sql in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {i}")
    return len(MIGRATIONS)


def _statements(sql: str) -> Iterator[str]:
    """Split a migration script into statements (triggers keep their inner ';')."""
    buf = ""
    for line in sql.strip().splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            yield buf.strip()
            buf = ""
    if buf.strip():
        yield buf.strip()


class transaction:
    """``with transaction(conn):`` one BEGIN IMMEDIATE … COMMIT, rolled back on any error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")  # take the write lock now: no deadlock on upgrade
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")


# ---------------------------------------------------------------- reading a report

def load_report_json(path: Path) -> dict[str, Any] | None:
    """The ita-extract/1 document in ``path``, or None when the file is not JSON at all.

    Detected by content, not extension: a JSON object whose "schema" is ours.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as e:
        raise UnusableInput(f"เปิดไฟล์ไม่ได้ (cannot open: {e.strerror})") from None
    if not head.startswith(b"{"):
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise UnusableInput(f"ไฟล์ JSON ไม่ใช่ผลลัพธ์ {SCHEMA} (JSON but not an {SCHEMA} document)")
    return data


def canonical_sha256(data: dict[str, Any]) -> str:
    """Hash of the JSON's content, independent of key order and indentation."""
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def passages(data: dict[str, Any]) -> Iterator[tuple[str, int | None, str | None, str | None, str]]:
    """(kind, measure, field, rule, text) for everything searchable in one report."""
    doc = data.get("document") or {}
    for name in MEMO_FIELDS:
        if doc.get(name):
            yield "memo", None, name, None, str(doc[name])
    people = [" ".join(filter(None, (s.get("name"), s.get("position")))) for s in doc.get("signatories") or []]
    if any(people):
        yield "memo", None, "signatories", None, "\n".join(p for p in people if p)
    for m in data.get("measures") or []:
        for name in CELL_FIELDS:
            value = m.get(name)
            if name == "period":
                value = (value or {}).get("text")
            if isinstance(value, list):
                value = "\n".join(str(v) for v in value if v)
            if value:
                yield "measure", m.get("number"), name, None, str(value)
    for f in data.get("findings") or []:
        text = "\n".join(str(v) for v in (f.get("text"), f.get("message"), f.get("suggestion")) if v)
        if text:
            yield "finding", f.get("measure"), f.get("field"), f.get("rule"), text


@dataclass
class Prepared:
    """A report ready to write: everything CPU-heavy (segmenting) done outside the lock."""

    data: dict[str, Any]
    content_sha256: str
    json_sha256: str
    rows: list[tuple[str, int | None, str | None, str | None, str, str]]  # kind, measure, field, rule, words, tags


def prepare(data: dict[str, Any]) -> Prepared:
    json_sha = canonical_sha256(data)
    content = (data.get("source") or {}).get("sha256") or json_sha
    doc = data.get("document") or {}
    tags = report_tags(doc.get("agency"), doc.get("fiscal_year"),
                       [f.get("rule") or "" for f in data.get("findings") or []])
    rows = [(k, n, f, r, segment(t), tags) for k, n, f, r, t in passages(data)]
    return Prepared(data, content, json_sha, rows)


# ---------------------------------------------------------------- writing

def index_report(conn: sqlite3.Connection, data: dict[str, Any]) -> str:
    """Store one ita-extract/1 document; returns "added", "replaced", "updated" or "unchanged"."""
    p = prepare(data)
    src, doc = data.get("source") or {}, data.get("document") or {}
    source_file = src.get("file") or ""
    agency, year = doc.get("agency"), doc.get("fiscal_year")
    with transaction(conn):
        same = conn.execute("SELECT id, json_sha256 FROM reports WHERE content_sha256 = ?",
                            (p.content_sha256,)).fetchone()
        if same and same[1] == p.json_sha256:
            return "unchanged"
        old = [same[0]] if same else [r[0] for r in conn.execute(
            "SELECT id FROM reports WHERE source_file = ? AND agency IS ? AND fiscal_year IS ?",
            (source_file, agency, year))]
        for rid in old:
            _delete(conn, rid)
        rid = conn.execute(
            "INSERT INTO reports (content_sha256, json_sha256, source_file, agency, fiscal_year, date,"
            " reference, subject, ita_score, ita_result, indexed_at, json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (p.content_sha256, p.json_sha256, source_file, agency, year, doc.get("date"),
             doc.get("reference"), doc.get("subject"), doc.get("ita_score"), doc.get("ita_result"),
             datetime.now(timezone.utc).isoformat(timespec="seconds"),
             zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8")))).lastrowid
        conn.executemany(
            "INSERT INTO measures (report_id, position, number, title, period_start, period_end)"
            " VALUES (?,?,?,?,?,?)",
            [(rid, i, m.get("number"), m.get("measure") or "", (m.get("period") or {}).get("start"),
              (m.get("period") or {}).get("end")) for i, m in enumerate(data.get("measures") or [])])
        conn.executemany(
            "INSERT INTO findings (report_id, rule, severity, measure, field, page, text, suggestion, message)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            [(rid, f.get("rule") or "", f.get("severity"), f.get("measure"), f.get("field"), f.get("page"),
              f.get("text"), f.get("suggestion"), f.get("message")) for f in data.get("findings") or []])
        conn.executemany(
            "INSERT INTO passages (report_id, kind, measure, field, rule, words, tags) VALUES (?,?,?,?,?,?,?)",
            [(rid, *row) for row in p.rows])
    if same:
        return "updated"
    return "replaced" if old else "added"


def _delete(conn: sqlite3.Connection, report_id: int) -> None:
    """Remove one report and everything hanging off it (explicit: the FTS triggers must see each row)."""
    conn.execute("DELETE FROM passages WHERE report_id = ?", (report_id,))
    conn.execute("DELETE FROM findings WHERE report_id = ?", (report_id,))
    conn.execute("DELETE FROM measures WHERE report_id = ?", (report_id,))
    conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))


def optimize(conn: sqlite3.Connection) -> None:
    """Merge each FTS index into one segment: after a big batch, lookups get ~10× faster.

    Many small transactions leave FTS5 with dozens of segments that every query
    must open; merging rewrites the index (about a second per 1,000 reports),
    so :func:`should_optimize` keeps it for large batches.
    """
    with transaction(conn):
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')")
        conn.execute("INSERT INTO passages_tri(passages_tri) VALUES ('optimize')")


def should_optimize(changed: int, total: int) -> bool:
    """A batch worth a full merge: at least 50 reports, or a tenth of the store."""
    return changed > 0 and (changed >= 50 or changed * 10 >= total)


def stored_report(conn: sqlite3.Connection, report_id: int) -> dict[str, Any]:
    """The ita-extract/1 document as it was indexed."""
    blob = conn.execute("SELECT json FROM reports WHERE id = ?", (report_id,)).fetchone()[0]
    return json.loads(zlib.decompress(blob))


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per table: a quick health check for tests and the bench."""
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("reports", "measures", "findings", "passages")}
