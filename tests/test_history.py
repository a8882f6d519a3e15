"""The history store on a real SQLite file: Thai/Latin search, filters, re-indexing, concurrency, views.

Reports are the seed's expected JSON and variants derived from it (another
agency, another year, edited text), so these tests do not depend on the
extraction stages; one test indexes the real seed .txt once the pipeline runs.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.cli.main import main
from extractor.history.store import MIGRATIONS, connect, counts, index_report, prepare
from extractor.history.search import agency_history, resolve_agency, search, split_agency
from extractor.history.segment import display, segment

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "samples" / "hinlekfai-2568"  # the seed case
SEED_JSON = SEEDS / "expected.json"
SEED_TXT = SEEDS / "report.txt"
HOME = "หินเหล็กไฟ"
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def seed() -> dict:
    return json.loads(SEED_JSON.read_text(encoding="utf-8"))


def _replace(obj, old: str, new: str):
    if isinstance(obj, str):
        return obj.replace(old, new)
    if isinstance(obj, list):
        return [_replace(v, old, new) for v in obj]
    if isinstance(obj, dict):
        return {k: _replace(v, old, new) for k, v in obj.items()}
    return obj


def variant(place: str = HOME, year: int = 2568, file: str | None = None, drop_rules: tuple = ()) -> dict:
    """The seed as another อบต. (``place``) reporting on fiscal year ``year``."""
    d = _replace(seed(), HOME, place)
    if year != 2568:
        d = _replace(d, "๒๕๖๘", str(year).translate(THAI_DIGITS))
        d["document"]["fiscal_year"] = year
    d["source"]["file"] = file or f"{place}-{year}.txt"
    d["findings"] = [f for f in d["findings"] if f["rule"] not in drop_rules]
    return d


def write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite"


@pytest.fixture()
def store(db: Path) -> sqlite3.Connection:
    """Three reports: the seed (2568), the same agency in 2567, and another agency in 2568."""
    conn = connect(db)
    assert index_report(conn, seed()) == "added"
    assert index_report(conn, variant(year=2567, file="hinlekfai-2567.txt")) == "added"
    assert index_report(conn, variant("บ้านโคก", drop_rules=("agency-mismatch",))) == "added"
    yield conn
    conn.close()


def original_texts(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT text FROM passages_text")]


# ---------------------------------------------------------------- segmentation

def test_segment_cuts_thai_words_and_display_undoes_it() -> None:
    s = segment("ส่งเสริมคุณธรรมและความโปร่งใส ผ่าน QR Code")
    assert "คุณธรรม" in s.split(" ")
    assert display(s) == "ส่งเสริมคุณธรรมและความโปร่งใส ผ่าน QR Code"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["คุณธรรม", "หนองตาแต้ม", "QR", "Code", " ", "\n", "๒๕๖๘", "(ก)", "และ", "ไฟ"]),
                max_size=12))
def test_display_of_segment_is_the_text_with_whitespace_collapsed(parts: list[str]) -> None:
    text = "".join(parts)
    assert display(segment(text)) == " ".join(text.split())


# ---------------------------------------------------------------- search

@pytest.mark.parametrize("query, kind, field, measure", [
    ("คุณธรรม", "memo", "subject", None),
    ("หนองตาแต้ม", "measure", "outcomes", 4),     # a place name newmm cuts into หนอง|ตา|แต้ม
    ("QR Code", "measure", "methods", 2),
    ("OR Code", "measure", "summary", 2),         # the typo itself is searchable
    ("Facebook", "measure", None, None),
    ("จริยธรรม", "measure", None, None),
])
def test_thai_and_latin_queries_find_their_passages(store, query, kind, field, measure) -> None:
    result = search(store, query, limit=50)
    assert result["mode"] == "words" and result["count"] > 0
    assert any(h["kind"] == kind and (field is None or h["field"] == field)
               and (measure is None or h["measure"] == measure) for h in result["hits"])
    texts = original_texts(store)
    for h in result["hits"]:
        # the snippet is the document's own text again, and the highlight is the query
        for piece in h["snippet"].split(" … "):
            assert any(piece.strip(" …") in t for t in texts), piece
        marked = " ".join(h["snippet"][a:b] for a, b in h["highlights"])
        assert query.replace(" ", "") in marked.replace(" ", "")


def test_words_that_are_not_side_by_side_do_not_match(store) -> None:
    assert search(store, "คุณธรรม")["count"] > 0 and search(store, "Facebook")["count"] > 0
    assert search(store, "คุณธรรม Facebook")["count"] == 0  # both words, never as this phrase
    assert search(store, "ไม่มีคำนี้ในรายงานเลย")["count"] == 0


def test_bm25_ranks_the_denser_passage_first(store) -> None:
    hits = search(store, "หนองตาแต้ม", limit=50)["hits"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores)  # bm25: lower is better
    assert hits[0]["kind"] == "finding" and hits[0]["rule"] == "agency-mismatch"


def test_bm25_prefers_more_occurrences_and_shorter_passages() -> None:
    from extractor.history.search import _bm25
    from extractor.history.segment import query_phrases
    texts = {1: "ส่งเสริมคุณธรรมในหน่วยงานและการบริหารงานบุคคลอย่างโปร่งใส",
             2: "คุณธรรม",
             3: "ส่งเสริมคุณธรรมและคุณธรรมในหน่วยงานและการบริหารงานบุคคลอย่างโปร่งใส"}
    scores = dict((rowid, score) for score, rowid in
                  _bm25([(k, segment(v)) for k, v in texts.items()], query_phrases("คุณธรรม")))
    assert scores[2] < scores[1] and scores[3] < scores[1]


def test_arabic_digits_find_thai_digits(store) -> None:
    hits = search(store, "2567", limit=50)["hits"]
    assert hits and all(h["fiscal_year"] == 2567 or "๒๕๖๗" in h["snippet"] for h in hits)


def test_a_word_cut_differently_is_found_as_a_substring(store) -> None:
    # "เหล็กไฟ" is only ever part of the word "หินเหล็กไฟ": the trigram index finds it.
    result = search(store, "เหล็กไฟ", limit=5)
    assert result["mode"] == "substring" and result["count"] == 5
    assert all("เหล็กไฟ" in h["snippet"][h["highlights"][0][0]:h["highlights"][0][1]] for h in result["hits"])
    older = search(store, "เหล็กไฟ", year=2567, limit=50)
    assert older["mode"] == "substring" and {h["fiscal_year"] for h in older["hits"]} == {2567}


def test_filters_agency_year_and_rule(store) -> None:
    all_years = {h["fiscal_year"] for h in search(store, "QR Code", limit=100)["hits"]}
    assert all_years == {2567, 2568}
    only = search(store, "QR Code", year=2567, limit=100)["hits"]
    assert only and {h["fiscal_year"] for h in only} == {2567}
    home = search(store, "QR Code", agency="อบต." + HOME, limit=100)["hits"]
    assert home and {h["agency"] for h in home} == {"องค์การบริหารส่วนตำบล" + HOME}
    other = search(store, "QR Code", agency="บ้านโคก", limit=100)["hits"]
    assert other and {h["agency"] for h in other} == {"องค์การบริหารส่วนตำบลบ้านโคก"}
    # "every report that had another agency's name in it": บ้านโคก's variant has no such finding
    mismatch = search(store, "", rule="agency-mismatch", limit=100)
    assert mismatch["mode"] == "filters"
    assert {h["agency"] for h in mismatch["hits"]} == {"องค์การบริหารส่วนตำบล" + HOME}
    assert search(store, "QR Code", agency="ไม่มีหน่วยงานนี้")["agencies"] == []


def test_agency_is_matched_loosely(store) -> None:
    full = "องค์การบริหารส่วนตำบล" + HOME
    assert resolve_agency(store, full) == [full]
    assert resolve_agency(store, "อบต.หินเหล็กไฟ") == [full]
    assert resolve_agency(store, "องค์การบริหารส่วนตำบลหินเหล็กไพ") == [full]  # one letter off
    assert resolve_agency(store, "หินเหล็ก") == [full]
    assert resolve_agency(store, "เทศบาลตำบลหินเหล็กไฟ") == []  # another kind of agency
    assert resolve_agency(store, "นครศรีธรรมราช") == []
    assert split_agency("รพ.สต.บ้านนา") == ("โรงพยาบาลส่งเสริมสุขภาพตำบล", "บ้านนา")
    assert split_agency("สสอ. หนองใหญ่") == ("สำนักงานสาธารณสุขอำเภอ", "หนองใหญ่")


# ---------------------------------------------------------------- re-indexing

def test_reindexing_the_same_report_changes_nothing(db) -> None:
    conn = connect(db)
    assert index_report(conn, seed()) == "added"
    before = counts(conn), conn.execute("SELECT id, indexed_at FROM reports").fetchall()
    assert index_report(conn, seed()) == "unchanged"
    reordered = json.loads(json.dumps(seed(), sort_keys=True))  # same content, other key order
    assert index_report(conn, reordered) == "unchanged"
    assert (counts(conn), conn.execute("SELECT id, indexed_at FROM reports").fetchall()) == before


def test_a_changed_file_replaces_its_old_version(db) -> None:
    conn = connect(db)
    index_report(conn, seed())
    edited = seed()
    edited["measures"][1]["methods"][0] = "ประชาสัมพันธ์ช่องทางไลน์ทางการ LINE Official Account"
    assert index_report(conn, edited) == "replaced"
    assert counts(conn)["reports"] == 1
    assert search(conn, "LINE Official Account")["count"] == 1
    assert search(conn, "ประชาสัมพันธ์ QR Code ณ จุดบริการ")["count"] == 0
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
    conn.execute("INSERT INTO passages_tri(passages_tri) VALUES ('integrity-check')")
    # another agency's file of the same name is another report, not a new version
    assert index_report(conn, variant("บ้านโคก", file=edited["source"]["file"])) == "added"
    assert counts(conn)["reports"] == 2


def test_same_source_hash_with_a_new_extraction_updates_in_place(db) -> None:
    conn = connect(db)
    d = seed()
    d["source"]["sha256"] = "ab" * 32
    index_report(conn, d)
    d["document"]["ita_score"] = 96.0
    assert index_report(conn, d) == "updated"
    assert tuple(conn.execute("SELECT count(*), max(ita_score) FROM reports").fetchone()) == (1, 96.0)


def test_schema_version_is_the_migration_count(db) -> None:
    connect(db).close()
    conn = connect(db)  # reopening applies nothing twice
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# ---------------------------------------------------------------- concurrency

def _index_cli(argv: list[str]) -> None:
    sys.stdout = open(os.devnull, "w")
    sys.exit(main(argv))


def test_two_writer_processes_lose_nothing(tmp_path: Path, db: Path) -> None:
    dirs = [tmp_path / "a", tmp_path / "b"]
    places = [f"{a}{b}" for a in ("บ้าน", "หนอง", "ท่า", "นา") for b in ("โคก", "บัว", "ช้าง", "ดี", "สูง")]
    expected_passages = 0
    for n, d in enumerate(dirs):
        d.mkdir()
        for i, place in enumerate(places):
            data = variant(place, 2563 + n * 3 + i % 3, file=f"{place}-{n}.txt")
            expected_passages += len(prepare(data).rows)
            write(d / f"{i}.json", data)
        write(d / "shared.json", seed())  # both processes index this one: stored once
    expected_passages += len(prepare(seed()).rows)
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_index_cli, args=(["index", str(d), "--db", str(db)],)) for d in dirs]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    conn = connect(db)
    assert counts(conn)["reports"] == 2 * len(places) + 1
    assert counts(conn)["passages"] == expected_passages
    assert conn.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'คุณธรรม'").fetchone()[0] > 0
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")


def test_an_interrupted_index_leaves_whole_reports(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    total = 60
    for i in range(total):
        write(folder / f"{i:03}.json", variant(f"ตำบล{i}", 2563 + i % 7, file=f"r{i}.txt"))
    proc = subprocess.Popen([sys.executable, "-u", "cli.py", "index", str(folder), "--db", str(db)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for _ in range(3):
        assert proc.stdout.readline()  # three reports are in: now kill it mid-run
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    conn = connect(db)
    n = counts(conn)["reports"]
    assert 3 <= n <= total  # (n == total only if the kill came late on a loaded machine)
    per_report = len(prepare(seed()).rows)
    rows = conn.execute("SELECT r.id, count(p.id) FROM reports r LEFT JOIN passages p ON p.report_id = r.id"
                        " GROUP BY r.id").fetchall()
    assert {c for _, c in rows} == {per_report}
    assert counts(conn)["passages"] == n * per_report
    assert counts(conn)["measures"] == n * len(seed()["measures"])
    conn.execute("INSERT INTO passages_fts(passages_fts) VALUES ('integrity-check')")
    # and the next run completes the rest without duplicating anything
    assert main(["index", str(folder), "--db", str(db)]) == 0
    assert counts(connect(db))["reports"] == total


# ---------------------------------------------------------------- the commands

def test_index_command_skips_unusable_inputs_and_exits_2(tmp_path: Path, db: Path, capsys) -> None:
    good = write(tmp_path / "good.json", seed())
    (tmp_path / "other.json").write_text('{"schema": "something-else/2"}', encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code = main(["index", str(tmp_path / "other.json"), str(tmp_path / "empty.txt"), str(tmp_path / "missing.pdf"),
                 str(good), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 2
    assert "ita-extract/1" in err and "empty file" in err and "cannot open" in err and "Traceback" not in err
    assert counts(connect(db))["reports"] == 1


def test_search_command_json_shape(store, db: Path, capsys) -> None:
    assert main(["search", "หนองตาแต้ม", "--agency", "หินเหล็กไฟ", "--year", "๒๕๖๘", "--json",
                 "--db", str(db), "--limit", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"query", "filters", "agencies", "mode", "count", "hits"}
    assert out["filters"] == {"agency": "หินเหล็กไฟ", "year": 2568, "rule": None}
    assert 0 < out["count"] <= 3
    assert set(out["hits"][0]) == {"agency", "fiscal_year", "source_file", "report_id", "kind", "measure",
                                   "field", "rule", "snippet", "highlights", "score"}
    assert {h["fiscal_year"] for h in out["hits"]} == {2568}


def test_search_and_history_tables_for_people(store, db: Path, capsys) -> None:
    env = {**os.environ, "COLUMNS": "160"}
    run = lambda *a: subprocess.run([sys.executable, "cli.py", *a, "--db", str(db)], cwd=ROOT, env=env,
                                    capture_output=True, text=True, timeout=120)
    s = run("search", "QR Code", "--rule", "known-typo")
    assert s.returncode == 0 and "QR Code" in s.stdout and "หินเหล็กไฟ" in s.stdout
    h = run("history", "อบต.หินเหล็กไพ")
    assert h.returncode == 0 and "2567" in h.stdout and "2568" in h.stdout and "95.33" in h.stdout
    assert "agency-mismatch ×1" in h.stdout
    assert main(["history", "เมืองพัทยา", "--db", str(db)]) == 1
    assert "ไม่พบหน่วยงาน" in capsys.readouterr().err
    assert main(["search", "x", "--db", str(db.parent / "none.sqlite")]) == 2
    assert "index" in capsys.readouterr().err
    assert not (db.parent / "none.sqlite").exists()  # a reader never creates an empty store


def test_history_view_across_years(store, db: Path, capsys) -> None:
    assert main(["history", "หินเหล็กไฟ", "--json", "--db", str(db)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["agencies"] == ["องค์การบริหารส่วนตำบล" + HOME]
    assert [r["fiscal_year"] for r in out["reports"]] == [2567, 2568]
    latest = out["reports"][-1]
    assert latest["ita_score"] == 95.33 and latest["ita_result"] == "ผ่าน"
    assert [m["number"] for m in latest["measures"]] == [1, 2, 3, 4, 5]
    assert latest["measures"][0]["title"].startswith("กิจกรรมการยกย่องเชิดชูเกียรติ")
    assert latest["findings"] == {"agency-mismatch": 1, "agency-name": 2, "date-after-document": 1,
                                  "date-out-of-period": 1, "duplicate-text": 1, "empty-cell": 1,
                                  "known-typo": 1, "repeated-phrase": 1}
    assert agency_history(store, "บ้านโคก")["reports"][0]["findings"].get("agency-mismatch") is None
    # a report whose fiscal year was not found is placed by its memo date (Nov 2023 = FY 2567)
    undated = seed()
    undated["document"].update(fiscal_year=None, date="2023-11-01")
    undated["source"]["file"] = "no-year.txt"
    index_report(store, undated)
    years = [(r["fiscal_year"], r["date"]) for r in agency_history(store, HOME)["reports"]]
    assert years == [(None, "2023-11-01"), (2567, "2026-03-05"), (2568, "2026-03-05")]


# ---------------------------------------------------------------- a real input

def test_indexing_the_real_seed_text(db: Path, capsys) -> None:
    """The whole path: the seed .txt is extracted by the pipeline, then found by search."""
    assert main(["index", str(SEED_TXT), "--db", str(db)]) == 0
    conn = connect(db)
    row = conn.execute("SELECT agency, fiscal_year, content_sha256 FROM reports").fetchone()
    assert row["agency"] == "องค์การบริหารส่วนตำบล" + HOME and row["fiscal_year"] == 2568
    assert len(row["content_sha256"]) == 64
    hits = search(conn, "หนองตาแต้ม")["hits"]
    assert any(h["kind"] == "measure" and h["measure"] == 4 for h in hits)
    assert main(["index", str(SEED_TXT), "--db", str(db)]) == 0
    assert counts(conn)["reports"] == 1
