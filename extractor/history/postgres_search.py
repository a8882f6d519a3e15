"""The history questions on PostgreSQL, with the semantics and ranking of :mod:`.search` (SQLite).

- Words: the query's newmm phrases (every digit form) as a ``tsquery`` AND the
  filter tags, over the GIN-indexed ``passages.tsv``; the ``RANK_WINDOW``
  newest matches are scored by the same Okapi BM25 as SQLite
  (:func:`.search._bm25`), ties newest first; the snippet is cut with FTS5's
  snippet() rule (:func:`snippet`), so both engines show the same text.
- Substring fallback: ``ILIKE`` on the passage as written, served by a
  ``pg_trgm`` GIN index (SQLite: its trigram FTS5 table), newest first.
- Agencies: exact spellings by index; otherwise the engine-neutral
  :func:`.search.closest_agencies` (contains, then rapidfuzz ratio).
"""
from __future__ import annotations

import json
import re
import zlib
from dataclasses import asdict
from typing import Any

from .search import (HIT_CLOSE, HIT_OPEN, RANK_WINDOW, SNIPPET_TOKENS, TRIGRAM_MIN_CHARS, Hit, _bm25,
                     _fiscal_year_of, _hit, _tags, _window, agency_spellings, closest_agencies)
from .segment import ORIGINAL_SPACE, display, query_phrases
from .tsvector import _token_run, match_query, tokens

_HIT_COLUMNS = "r.agency, r.fiscal_year, r.source_file, r.id, p.kind, p.measure, p.field, p.rule"
ELLIPSIS = f"{ORIGINAL_SPACE}…{ORIGINAL_SPACE}"
ID_WINDOW = 20_000  # newest passages searched first (≈ 450 reports), then 8×, 64×, … until enough


def resolve_agency(conn: Any, query: str) -> list[str]:
    exact = [r[0] for r in conn.execute(
        "SELECT DISTINCT agency FROM reports WHERE agency = ANY(%s)", (agency_spellings(query),))]
    if exact:
        return sorted(exact)
    names = [r[0] for r in conn.execute("SELECT DISTINCT agency FROM reports WHERE agency IS NOT NULL")]
    return closest_agencies(query, names)


def search(conn: Any, query: str, *, agency: str | None = None, year: int | None = None,
           rule: str | None = None, limit: int = 20) -> dict[str, Any]:
    agencies = resolve_agency(conn, agency) if agency is not None else None
    result: dict[str, Any] = {"query": query, "filters": {"agency": agency, "year": year, "rule": rule},
                              "agencies": agencies, "mode": "words", "count": 0, "hits": []}
    if agencies == []:
        return result
    where, params = _filters(agencies, year, rule)
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
    conds, params = ["TRUE"], []
    if agencies is not None:
        conds.append("r.agency = ANY(%s)")
        params.append(agencies)
    if year is not None:
        conds.append("r.fiscal_year = %s")
        params.append(year)
    if rule is not None:
        conds.append("EXISTS (SELECT 1 FROM findings f WHERE f.report_id = r.id AND f.rule = %s)")
        params.append(rule)
    return " AND ".join(conds), params


def _fts(conn: Any, query: str, tags: list[list[str]], limit: int) -> list[Hit]:
    phrases = query_phrases(query)
    match = match_query(phrases, tags)
    if match is None:
        return []
    candidates = newest_matches(conn, match)
    ranked = sorted(_bm25(candidates, phrases), key=lambda sr: (sr[0], -sr[1]))[:limit]
    if not ranked:
        return []
    rows = {r[8]: r for r in conn.execute(
        f"SELECT {_HIT_COLUMNS}, p.id, p.words FROM passages p JOIN reports r ON r.id = p.report_id"
        " WHERE p.id = ANY(%s)", ([rowid for _, rowid in ranked],))}
    phrase_tokens = [tokens(" ".join(p)) for p in phrases]
    return [_hit(tuple(rows[rowid])[:8], display(snippet(rows[rowid][9], phrase_tokens)), score)
            for score, rowid in ranked]


def newest_matches(conn: Any, match: str) -> list[tuple[int, str]]:
    """(id, words) of the ``RANK_WINDOW`` newest passages matching ``match``: SQLite's candidate set.

    GIN keeps no word positions, so every row a phrase's words all occur in is
    re-read to check their order; for a phrase of common words that is most of
    the table. FTS5 walks its index newest first and stops; here the search
    looks at the newest ``ID_WINDOW`` passages first (the GIN bitmap AND'ed with
    an id range) and widens the range eightfold until it has enough or has
    covered the table: the same rows, re-checking only a window.
    """
    top = conn.execute("SELECT coalesce(max(id), 0) FROM passages").fetchone()[0]
    window = ID_WINDOW
    while True:
        low = top - window
        rows = conn.execute("SELECT id, words FROM passages WHERE tsv @@ %s::tsquery AND id > %s"
                            " ORDER BY id DESC LIMIT %s", (match, low, RANK_WINDOW)).fetchall()
        if len(rows) >= RANK_WINDOW or low <= 0:
            return rows
        window *= 8


def _substring(conn: Any, query: str, where: str, params: list[Any], limit: int) -> list[Hit]:
    needle = re.sub(r"\s+", " ", query.strip())
    rows = conn.execute(
        f"SELECT {_HIT_COLUMNS}, p.text FROM passages p JOIN reports r ON r.id = p.report_id"
        f" WHERE p.text ILIKE %s AND {where} ORDER BY p.id DESC LIMIT %s",  # '%', '_' stay wildcards, as in SQLite
        ("%" + needle.replace("\\", "\\\\") + "%", *params, limit)).fetchall()
    return [_hit(tuple(row)[:8], _window(row[8], needle), 0.0) for row in rows
            if needle.lower() in re.sub(r"\s+", " ", row[8]).lower()]


def _reports_only(conn: Any, where: str, params: list[Any], limit: int) -> list[Hit]:
    rows = conn.execute(
        "SELECT r.agency, r.fiscal_year, r.source_file, r.id, 'memo', NULL, 'subject', NULL, r.subject"
        f" FROM reports r WHERE {where}"
        ' ORDER BY r.agency COLLATE "C" NULLS FIRST, r.fiscal_year NULLS FIRST, r.id LIMIT %s',
        (*params, limit)).fetchall()
    return [_hit(tuple(row)[:8], row[8] or "", 0.0) for row in rows]


# ---------------------------------------------------------------- FTS5's snippet(), in Python

def snippet(text: str, phrases: list[list[str]], n_tokens: int = SNIPPET_TOKENS) -> str:
    """What SQLite's ``snippet(passages_fts, 0, HIT_OPEN, HIT_CLOSE, ELLIPSIS, n_tokens)`` returns.

    The same window choice (each phrase instance scored: 1000 per new phrase,
    1 per repeat, centred; sentence starts after '.' or ':' get a bonus) and
    the same highlighting of coalesced phrase instances.
    """
    spans = [(m.start(), m.end()) for m in _token_run().finditer(text)]
    toks = [text[a:b].lower() for a, b in spans]
    n = len(toks)
    inst = sorted((i, ip, len(p)) for ip, p in enumerate(phrases) if p
                  for i in range(n - len(p) + 1) if toks[i:i + len(p)] == p)
    starts = [0] + [i for i in range(1, n) if _sentence_start(text, spans[i][0])] if n else []

    def score(pos: int, adjust: bool) -> tuple[int, int]:
        seen: set[int] = set()
        total, first, last = 0, -1, 0
        for off, ip, size in inst:
            if pos <= off < pos + n_tokens:
                total += 1 if ip in seen else 1000
                seen.add(ip)
                first = off if first < 0 else first
                last = off + size
        if not adjust:
            return total, pos
        adj = first - (n_tokens - (last - first)) // 2
        adj = n - n_tokens if adj + n_tokens > n else adj
        return total, max(0, adj)

    best, best_start = 0, 0
    for off, _, _ in inst:
        s, adj = score(off, True)
        if s > best:
            best, best_start = s, adj
        if starts and n > n_tokens:
            jj = 0
            while jj < len(starts) - 1 and starts[jj + 1] <= off:
                jj += 1
            if starts[jj] < off:
                s, _ = score(starts[jj], False)
                s += 120 if starts[jj] == 0 else 100
                if s > best:
                    best, best_start = s, starts[jj]
    return _highlight(text, spans, _coalesce(inst), best_start, best_start + n_tokens - 1, n)


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\n\r":
        i -= 1
    return i != start - 1 and i >= 0 and text[i] in ".:"


def _coalesce(inst: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Overlapping phrase instances as [start, end] token ranges (FTS5's CInstIter)."""
    out: list[list[int]] = []
    for off, _, size in inst:
        end = off + size - 1
        if out and off <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([off, end])
    return [(a, b) for a, b in out]


def _highlight(text: str, spans: list[tuple[int, int]], hits: list[tuple[int, int]],
               range_start: int, range_end: int, n: int) -> str:
    """FTS5's fts5HighlightCb over the window [range_start, range_end]."""
    out = [ELLIPSIS] if range_start > 0 else []
    k = 0
    while k < len(hits) and hits[k][0] < range_start:
        k += 1
    off, is_open = 0, False
    for pos, (a, b) in enumerate(spans):
        if pos < range_start or pos > range_end:
            continue
        if range_start and pos == range_start:
            off = a
        cur = hits[k] if k < len(hits) else (-1, -1)
        if is_open and (pos <= cur[0] or cur[0] < 0) and a > off:
            out.append(HIT_CLOSE)
            is_open = False
        if pos == cur[0] and not is_open:
            out += [text[off:a], HIT_OPEN]
            off, is_open = a, True
        if pos == cur[1]:
            if not is_open:
                out.append(HIT_OPEN)
                is_open = True
            out.append(text[off:b])
            off = b
            k += 1
            cur = hits[k] if k < len(hits) else (-1, -1)
        if pos == range_end:
            if is_open:
                if cur[0] >= 0 and pos >= cur[0]:
                    out.append(text[off:b])
                    off = b
                out.append(HIT_CLOSE)
                is_open = False
            out.append(text[off:b])
            off = b
    if is_open:
        out.append(HIT_CLOSE)
    out.append(text[off:] if range_end >= n - 1 else ELLIPSIS)
    return "".join(out)


# ---------------------------------------------------------------- one agency across years

def agency_history(conn: Any, agency: str) -> dict[str, Any]:
    names = resolve_agency(conn, agency)
    out: dict[str, Any] = {"query": agency, "agencies": names, "reports": []}
    if not names:
        return out
    from .search import copied_count
    cols = ("id", "agency", "fiscal_year", "date", "source_file", "content_sha256", "ita_score", "ita_result")
    by_year: dict[int, dict[str, Any]] = {}
    reports = [dict(zip(cols, r)) for r in conn.execute(
        f"SELECT {', '.join(cols)} FROM reports WHERE agency = ANY(%s) ORDER BY id", (names,))]
    for r in sorted(reports, key=lambda r: (r["fiscal_year"] or _fiscal_year_of(r["date"]), r["date"] or "")):
        measures = conn.execute("SELECT number, title FROM measures WHERE report_id = %s ORDER BY position",
                                (r["id"],)).fetchall()
        rules = conn.execute("SELECT rule, count(*) FROM findings WHERE report_id = %s"
                             ' GROUP BY rule ORDER BY rule COLLATE "C"', (r["id"],)).fetchall()
        out["reports"].append({
            "agency": r["agency"], "fiscal_year": r["fiscal_year"], "date": r["date"],
            "source_file": r["source_file"], "sha256": r["content_sha256"],
            "ita_score": r["ita_score"], "ita_result": r["ita_result"],
            "measures": [{"number": m[0], "title": m[1]} for m in measures],
            "findings": {rule: n for rule, n in rules},
            "copied_from_previous": copied_count(_stored_json(conn, r["id"]), r["fiscal_year"], by_year),
        })
    return out


def _stored_json(conn: Any, report_id: int) -> dict[str, Any]:
    (blob,) = conn.execute("SELECT json FROM reports WHERE id = %s", (report_id,)).fetchone()
    return json.loads(zlib.decompress(blob))
