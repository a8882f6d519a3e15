"""Questions asked of the history store: full-text search, and one agency across years.

Search cuts the query into newmm words like the indexed text and looks the
words up as one phrase in ``passages_fts`` (ranked by BM25, snippet() cut from
the segmented text and joined back for display); the year, agency and rule
filters are tag tokens in the same MATCH. When the word cut finds
nothing — a name newmm cut differently inside a longer word — the raw-text
trigram index ``passages_tri`` answers the same query as a plain substring.

Agency names are matched loosely (:func:`resolve_agency`): "อบต.หินเหล็กไฟ",
"หินเหล็กไฟ" and a one-letter misspelling all reach
"องค์การบริหารส่วนตำบลหินเหล็กไฟ".
"""
from __future__ import annotations

import json
import re
import sqlite3
import zlib
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from .segment import ORIGINAL_SPACE, display, phrase, query_phrases, tag

HIT_OPEN, HIT_CLOSE = "\x02", "\x03"  # snippet() markers, turned into offsets by _highlights
SNIPPET_TOKENS = 24     # words of context in a snippet (FTS5 allows at most 64)
FUZZY_CUTOFF = 80       # rapidfuzz ratio (0–100) on the name without its agency-type prefix
TRIGRAM_MIN_CHARS = 3   # the trigram tokenizer cannot match anything shorter
RANK_WINDOW = 500       # matches scored at most (the newest): a few ms, whatever the store's size

# Agency-type words and their common abbreviations: a fuzzy match compares what follows them.
AGENCY_TYPES = {
    "องค์การบริหารส่วนตำบล": ("อบต.", "อบต"),
    "องค์การบริหารส่วนจังหวัด": ("อบจ.", "อบจ"),
    "เทศบาลตำบล": ("ทต.",),
    "เทศบาลเมือง": ("ทม.",),
    "เทศบาลนคร": ("ทน.",),
    "สำนักงานสาธารณสุขอำเภอ": ("สสอ.", "สสอ"),
    "สำนักงานสาธารณสุขจังหวัด": ("สสจ.", "สสจ"),
    "โรงพยาบาลส่งเสริมสุขภาพตำบล": ("รพ.สต.", "รพสต."),
    "โรงพยาบาล": ("รพ.",),
}
_PREFIXES = sorted(((p, full) for full, abbrs in AGENCY_TYPES.items() for p in (full, *abbrs)),
                   key=lambda pf: -len(pf[0]))  # longest first: รพ.สต. before รพ.


@dataclass
class Hit:
    """One passage that matched (the `search --json` shape, see docs/history.md)."""

    agency: str | None
    fiscal_year: int | None
    source_file: str
    report_id: int
    kind: str               # memo | measure | finding
    measure: int | None
    field: str | None
    rule: str | None
    snippet: str
    highlights: list[list[int]] = field(default_factory=list)  # [start, end) offsets into snippet
    score: float = 0.0      # bm25 (lower is better); 0 for substring and filter-only hits


# ---------------------------------------------------------------- agencies

def split_agency(name: str) -> tuple[str | None, str]:
    """("องค์การบริหารส่วนตำบล", "หินเหล็กไฟ") from the full name or its abbreviation."""
    name = re.sub(r"\s+", "", name)
    for prefix, full in _PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return full, name[len(prefix):]
    return None, name


def resolve_agency(conn: sqlite3.Connection, query: str) -> list[str]:
    """The stored agency names ``query`` means: exact, else containing it, else the closest spelling."""
    wanted = agency_spellings(query)
    exact = [r[0] for r in conn.execute(
        f"SELECT DISTINCT agency FROM reports WHERE agency IN ({','.join('?' * len(wanted))})", wanted)]
    if exact:
        return exact
    names = [r[0] for r in conn.execute("SELECT DISTINCT agency FROM reports WHERE agency IS NOT NULL")]
    return closest_agencies(query, names)


def agency_spellings(query: str) -> list[str]:
    """The names that match ``query`` exactly: as typed, without spaces, abbreviation expanded."""
    q_type, q_core = split_agency(query)
    return sorted({(q_type or "") + q_core, re.sub(r"\s+", "", query), query.strip()})


def closest_agencies(query: str, names: list[str]) -> list[str]:
    """Among ``names`` (no exact match): those containing the query's name, else the closest spellings.

    Engine-neutral, so SQLite and PostgreSQL resolve a name the same way
    (``names`` taken in code-point order: the SQLite index's order).
    """
    names = sorted(names)
    q_type, q_core = split_agency(query)
    if len(q_core) >= 2:
        contains = [n for n in names if q_core in n.replace(" ", "")
                    and (q_type is None or split_agency(n)[0] == q_type)]
        if contains:
            return contains
    cores = {n: split_agency(n) for n in names}
    candidates = {n: core for n, (t, core) in cores.items() if q_type is None or t in (None, q_type)}
    best = process.extract(q_core, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
    if not best:
        return []
    top = best[0][1]
    return [key for _, score, key in best if score >= top - 0.01]


# ---------------------------------------------------------------- search

def search(conn: sqlite3.Connection, query: str, *, agency: str | None = None, year: int | None = None,
           rule: str | None = None, limit: int = 20) -> dict[str, Any]:
    """Passages matching ``query`` (best first) within the filters: the `search --json` object.

    An empty query lists the reports the filters select, one hit each.
    """
    agencies = resolve_agency(conn, agency) if agency is not None else None
    result: dict[str, Any] = {"query": query, "filters": {"agency": agency, "year": year, "rule": rule},
                              "agencies": agencies, "mode": "words", "count": 0, "hits": []}
    if agencies == []:
        return result  # no such agency in the store
    where, params = _filters(agencies, year, rule)
    hits: list[Hit] = []
    if query.strip():
        hits = _fts(conn, query, _tags(agencies, year, rule), limit)
        if not hits and len(re.sub(r"\s+", "", query)) >= TRIGRAM_MIN_CHARS:
            hits = _substring(conn, query, where, params, limit)
            result["mode"] = "substring"
    else:
        hits = _reports_only(conn, where, params, limit)
        result["mode"] = "filters"
    result["count"] = len(hits)
    result["hits"] = [asdict(h) for h in hits]
    return result


def _filters(agencies: list[str] | None, year: int | None, rule: str | None) -> tuple[str, list[Any]]:
    """SQL conditions on the reports row ``r``, and their parameters."""
    conds, params = ["1"], []
    if agencies is not None:
        conds.append(f"r.agency IN ({','.join('?' * len(agencies))})")
        params.extend(agencies)
    if year is not None:
        conds.append("r.fiscal_year = ?")
        params.append(year)
    if rule is not None:
        conds.append("EXISTS (SELECT 1 FROM findings f WHERE f.report_id = r.id AND f.rule = ?)")
        params.append(rule)
    return " AND ".join(conds), params


def _tags(agencies: list[str] | None, year: int | None, rule: str | None) -> list[list[str]]:
    """The filters as groups of tag tokens: one token of each group must be on the passage."""
    groups = [[tag("agency", a) for a in agencies]] if agencies is not None else []
    if year is not None:
        groups.append([tag("year", year)])
    if rule is not None:
        groups.append([tag("rule", rule)])
    return groups


_HIT_COLUMNS = "r.agency, r.fiscal_year, r.source_file, r.id, p.kind, p.measure, p.field, p.rule"


def _fts(conn: sqlite3.Connection, query: str, tags: list[list[str]], limit: int) -> list[Hit]:
    """Best ``limit`` passages by BM25, then a snippet() for each of those only.

    Filters are tag tokens AND'ed into the MATCH, so FTS5 intersects them.
    FTS5's own bm25() first counts every match of every phrase in the store
    (its IDF), which grows with the store (~20 ms at 3,000 reports); so the
    candidates — all matches, or for a very common phrase its ``RANK_WINDOW``
    newest — are scored here with the same Okapi BM25 formula. For one phrase
    the IDF is the same for every candidate, so the order is unchanged without it.
    """
    phrases = query_phrases(query)
    if not phrases:
        return []
    words_match = "words : (" + " OR ".join(phrase(p) for p in phrases) + ")"
    match = words_match + "".join(f" AND tags : ({' OR '.join(group)})" for group in tags)
    cut = conn.execute("SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?"
                       " ORDER BY rowid DESC LIMIT 1 OFFSET ?", (match, RANK_WINDOW - 1)).fetchone()
    candidates = conn.execute("SELECT rowid, words FROM passages_fts WHERE passages_fts MATCH ? AND rowid >= ?",
                              (match, cut[0] if cut else 0)).fetchall()
    ranked = sorted(_bm25(candidates, phrases), key=lambda sr: (sr[0], -sr[1]))[:limit]  # ties: newest first
    hits = []
    for score, rowid in ranked:
        row = conn.execute(
            f"SELECT {_HIT_COLUMNS},"
            f" snippet(passages_fts, 0, ?, ?, '{ORIGINAL_SPACE}…{ORIGINAL_SPACE}', {SNIPPET_TOKENS})"
            " FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid JOIN reports r ON r.id = p.report_id"
            " WHERE passages_fts MATCH ? AND passages_fts.rowid = ?",
            (HIT_OPEN, HIT_CLOSE, words_match, rowid)).fetchone()
        hits.append(_hit(tuple(row)[:8], display(row[8]), score))
    return hits


def _bm25(candidates: list[tuple[int, str]], phrases: list[list[str]],
          k1: float = 1.2, b: float = 0.75) -> list[tuple[float, int]]:
    """(−score, rowid) per candidate: Okapi BM25 of the phrases' counts, FTS5's k1 and b, lower is better.

    Counted on the newmm words of the passage (cut like the query), with
    string operations only: this runs on up to RANK_WINDOW passages per query.
    FTS5 matched every candidate, so a phrase it found across punctuation
    still counts once.
    """
    needles = [" " + " ".join(p).lower() + " " for p in phrases]
    docs = [(rowid, " " + words.replace(" " + ORIGINAL_SPACE, "").lower() + " ") for rowid, words in candidates]
    lengths = [text.count(" ") - 1 for _, text in docs]
    avg = sum(lengths) / len(lengths) if lengths else 1.0
    out = []
    for (rowid, text), length in zip(docs, lengths):
        tf = sum(text.count(n) for n in needles) or 1
        norm = k1 * (1 - b + b * length / avg)
        out.append((round(-tf * (k1 + 1) / (tf + norm), 4), rowid))
    return out


def _substring(conn: sqlite3.Connection, query: str, where: str, params: list[Any], limit: int) -> list[Hit]:
    """The query as a raw substring of the text as written (trigram index + LIKE), newest first.

    Newest-indexed first lets SQLite stop after ``limit`` verified rows instead
    of sorting every candidate the trigrams allow.
    """
    needle = re.sub(r"\s+", " ", query.strip())
    rows = conn.execute(
        f"SELECT {_HIT_COLUMNS}, passages_tri.text"
        " FROM passages_tri JOIN passages p ON p.id = passages_tri.rowid JOIN reports r ON r.id = p.report_id"
        f" WHERE passages_tri.text LIKE ? AND {where}"  # no ESCAPE: it would stop the index being used
        " ORDER BY passages_tri.rowid DESC LIMIT ?", (f"%{needle}%", *params, limit)).fetchall()
    # a '%' or '_' in the query is a LIKE wildcard: keep only the literal matches
    return [_hit(tuple(row)[:8], _window(row[8], needle), 0.0) for row in rows
            if needle.lower() in re.sub(r"\s+", " ", row[8]).lower()]


def _reports_only(conn: sqlite3.Connection, where: str, params: list[Any], limit: int) -> list[Hit]:
    rows = conn.execute(
        "SELECT r.agency, r.fiscal_year, r.source_file, r.id, 'memo', NULL, 'subject', NULL, r.subject"
        f" FROM reports r WHERE {where} ORDER BY r.agency, r.fiscal_year, r.id LIMIT ?",
        (*params, limit)).fetchall()
    return [_hit(tuple(row)[:8], row[8] or "", 0.0) for row in rows]


def _window(text: str, needle: str, context: int = 60) -> str:
    """A snippet around the first case-insensitive occurrence of ``needle``, marked like snippet()."""
    flat = re.sub(r"\s+", " ", text)
    i = flat.lower().find(needle.lower())
    if i < 0:
        return flat[: 2 * context]
    a, b = max(0, i - context), min(len(flat), i + len(needle) + context)
    return (("… " if a else "") + flat[a:i] + HIT_OPEN + flat[i:i + len(needle)] + HIT_CLOSE
            + flat[i + len(needle):b] + (" …" if b < len(flat) else ""))


def _hit(cols: tuple, marked: str, score: float) -> Hit:
    snippet, spans = _highlights(marked)
    return Hit(cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7],
               snippet, spans, round(float(score), 4))


def _highlights(marked: str) -> tuple[str, list[list[int]]]:
    """Strip the markers; [start, end) offsets of each highlighted run (adjacent runs merged)."""
    out, spans, start = [], [], None
    for ch in marked:
        if ch == HIT_OPEN:
            start = sum(map(len, out))
        elif ch == HIT_CLOSE and start is not None:
            end = sum(map(len, out))
            if spans and spans[-1][1] == start:
                spans[-1][1] = end
            else:
                spans.append([start, end])
            start = None
        else:
            out.append(ch)
    return "".join(out), spans


# ---------------------------------------------------------------- one agency across years

def _fiscal_year_of(iso_date: str | None) -> int:
    """The Thai fiscal year (B.E.) a date falls in — to place a report whose year is unknown."""
    if not iso_date or not re.match(r"\d{4}-\d{2}", iso_date):
        return 9999
    year, month = int(iso_date[:4]), int(iso_date[5:7])
    return year + 543 + (1 if month >= 10 else 0)


def agency_history(conn: sqlite3.Connection, agency: str) -> dict[str, Any]:
    """The `history --json` object: every stored report of the agency ``agency`` means, by fiscal year."""
    names = resolve_agency(conn, agency)
    out: dict[str, Any] = {"query": agency, "agencies": names, "reports": []}
    if not names:
        return out
    reports = conn.execute(
        "SELECT id, agency, fiscal_year, date, source_file, content_sha256, ita_score, ita_result"
        f" FROM reports WHERE agency IN ({','.join('?' * len(names))})"
        " ORDER BY id", names).fetchall()
    by_year: dict[int, dict[str, Any]] = {}
    for r in sorted(reports, key=lambda r: (r["fiscal_year"] or _fiscal_year_of(r["date"]), r["date"] or "")):
        measures = conn.execute("SELECT number, title FROM measures WHERE report_id = ? ORDER BY position",
                                (r["id"],)).fetchall()
        rules = conn.execute("SELECT rule, count(*) FROM findings WHERE report_id = ? GROUP BY rule ORDER BY rule",
                             (r["id"],)).fetchall()
        out["reports"].append({
            "agency": r["agency"], "fiscal_year": r["fiscal_year"], "date": r["date"],
            "source_file": r["source_file"], "sha256": r["content_sha256"],
            "ita_score": r["ita_score"], "ita_result": r["ita_result"],
            "measures": [{"number": m[0], "title": m[1]} for m in measures],
            "findings": {rule: n for rule, n in rules},
            "copied_from_previous": copied_count(_stored(conn, r["id"]), r["fiscal_year"], by_year),
        })
    return out


def _stored(conn: sqlite3.Connection, report_id: int) -> dict[str, Any]:
    from .store import stored_report
    return stored_report(conn, report_id)


def copied_count(data: dict[str, Any], year: int | None, by_year: dict[int, dict[str, Any]]) -> int | None:
    """Summary and outcomes entries of ``data`` (the agency's report of ``year``) repeated from its
    report of the year before (rule copied-from-previous-year); None when that report is not in
    ``by_year``, which the caller fills walking the years in order (every store does the same)."""
    from ..rules.copied import copied_entries
    if isinstance(year, int) and (data.get("document") or {}).get("kind", "report") == "report":
        prev = by_year.get(year - 1)
        by_year[year] = data
        if prev is not None:
            return sum(1 for _ in copied_entries(data, prev))
    return None



# ---------------------------------------------------------------- last year's report

def previous_report(conn: Any, agency: str | None, fiscal_year: int | None, ph: str = "?") -> dict[str, Any] | None:
    """The same agency's report of fiscal year ``fiscal_year - 1`` (its ita-extract/1 JSON), or None.

    The one look-up rule ``copied-from-previous-year`` needs. The agency is the
    stored name as written, or the same type + name spelt with its abbreviation or
    spaces (``split_agency``); never a fuzzy guess, since the finding would name
    another agency's report. Plans (``document.kind: "plan"``) are not reports; the
    newest indexed wins. ``conn`` is either store's connection (SQLite, or PostgreSQL
    with ``ph="%s"``): the two queries are the same in both dialects.
    """
    if not isinstance(fiscal_year, int):
        return None
    return _newest(conn, agency, fiscal_year - 1, "report", ph)


def indexed_plan(conn: Any, agency: str | None, fiscal_year: int | None, ph: str = "?") -> dict[str, Any] | None:
    """The same agency's plan (``document.kind: "plan"``) of ``fiscal_year`` when it was indexed,
    so ``ita check REPORT --db H`` compares the report with its plan without ``--plan``."""
    return _newest(conn, agency, fiscal_year, "plan", ph)


def _newest(conn: Any, agency: str | None, fiscal_year: int | None, kind: str, ph: str) -> dict[str, Any] | None:
    """The newest indexed document of ``kind`` of the agency (same name, or same type + name) for a year."""
    if not agency or not isinstance(fiscal_year, int):
        return None
    key = split_agency(agency)
    names = [n for (n,) in conn.execute(f"SELECT DISTINCT agency FROM reports WHERE fiscal_year = {ph}",
                                        (fiscal_year,)) if n == agency or split_agency(n or "") == key]
    rows = [row for name in names for row in conn.execute(
        f"SELECT id, json FROM reports WHERE fiscal_year = {ph} AND agency = {ph}", (fiscal_year, name)).fetchall()]
    for _, blob in sorted(rows, key=lambda r: r[0], reverse=True):
        data = json.loads(zlib.decompress(blob))
        if (data.get("document") or {}).get("kind", "report") == kind:
            return data
    return None
