"""The history store on a real PostgreSQL server: the same answers as SQLite, many writers at once.

A throwaway server is started for this module only (:mod:`pgserver`). The same
reports go into an SQLite file and a PostgreSQL database; every query, filter,
agency spelling and the history view must give identical JSON. Four `ita index`
processes then write into one fresh database at once (migrating it together).
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("psycopg")

from pgserver import pg_server, pg_url  # noqa: E402,F401  (fixtures)

from extractor.history.base import HistoryStore, open_store, previous_report  # noqa: E402
from extractor.history.store import connect, prepare  # noqa: E402
from extractor.history.tsvector import tokens  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seed.expected.json"
HOME = "หินเหล็กไฟ"
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
PLACES = ["บ้านโคก", "หนองบัว", "ท่าช้าง", "นาดี", "บ้านสูง", "หนองตาแต้ม", "โคกกลาง"]

QUERIES: list[tuple[str, dict]] = [
    ("คุณธรรม", {}), ("ความโปร่งใส", {}), ("หนองตาแต้ม", {}), ("QR Code", {}), ("qr code", {}),
    ("2568", {}), ("๒๕๖๗", {}), ("ไซต์หลัก", {}), ("ไม่มีข้อความนี้", {}), ("เปิดเผยข้อมูล", {"year": 2567}),
    ("คุณธรรม", {"agency": "อบต.หินเหล็กไฟ"}), ("คุณธรรม", {"agency": "หินเหล็กฟ"}),  # a misspelling
    ("คุณธรรม", {"agency": "บ้าน"}), ("", {"rule": "agency-mismatch"}), ("", {"year": 2566}),
    ("", {"agency": "นาดี", "year": 2568}), ("องค์การบริหารส่วนตำบล", {"rule": "agency-mismatch", "year": 2568}),
    ("Facebook", {"limit": 3}), ("", {"agency": "ไม่มีหน่วยงานนี้"}),
]


def seed() -> dict:
    return json.loads(SEED.read_text(encoding="utf-8"))


def _replace(obj, old: str, new: str):
    if isinstance(obj, str):
        return obj.replace(old, new)
    if isinstance(obj, list):
        return [_replace(v, old, new) for v in obj]
    if isinstance(obj, dict):
        return {k: _replace(v, old, new) for k, v in obj.items()}
    return obj


def variant(place: str, year: int, file: str | None = None, drop_rules: tuple = ()) -> dict:
    d = _replace(seed(), HOME, place)
    if year != 2568:
        d = _replace(d, "๒๕๖๘", str(year).translate(THAI_DIGITS))
        d["document"]["fiscal_year"] = year
    d["source"]["file"] = file or f"{place}-{year}.txt"
    d["source"]["sha256"] = None  # identity by the JSON's own hash
    d["findings"] = [f for f in d["findings"] if f["rule"] not in drop_rules]
    return d


def corpus() -> list[dict]:
    out = [seed()]
    for i, place in enumerate(PLACES):
        for year in (2566, 2567, 2568):
            out.append(variant(place, year, drop_rules=("agency-mismatch",) if i % 2 else ()))
    return out


def both(tmp_path: Path, pg_url: str) -> tuple[HistoryStore, HistoryStore]:
    return open_store(tmp_path / "h.sqlite"), open_store(pg_url)


def test_tokens_are_the_sqlite_fts5_tokens() -> None:
    """The PostgreSQL tokens are cut exactly like the SQLite index's tokenizer cuts them."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize=\"unicode61 remove_diacritics 0 "
                 "categories 'L* N* Co M*'\")")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    texts = [p[4] for p in prepare(seed()).rows] + ["พ.ศ. ๒๕๖๘ – “QR-Code” e-Service, 50% ITA's ฯลฯ \u200b Ünïcode"]
    for i, text in enumerate(texts, start=1):
        conn.execute("INSERT INTO t(rowid, x) VALUES (?, ?)", (i, text))
        got = [r[0] for r in conn.execute("SELECT term FROM v WHERE doc = ? ORDER BY offset", (i,))]
        assert tokens(text) == got, text


def test_same_hits_as_sqlite_for_the_same_reports(tmp_path: Path, pg_url: str) -> None:
    sq, pg = both(tmp_path, pg_url)
    for data in corpus():
        assert sq.index_report(data) == pg.index_report(data) == "added"
    # a changed file replaces its old version, the same report again changes nothing, on both
    changed = variant("บ้านโคก", 2567)
    changed["document"]["subject"] += " (ฉบับแก้ไข)"
    assert sq.index_report(changed) == pg.index_report(changed) == "replaced"
    assert sq.index_report(seed()) == pg.index_report(seed()) == "unchanged"
    sq.optimize()
    pg.optimize()
    assert sq.counts() == pg.counts()
    modes = set()
    for query, filters in QUERIES:
        a, b = sq.search(query, **filters), pg.search(query, **filters)
        assert a == b, (query, filters)
        modes.add(a["mode"])
        if query == "คุณธรรม" and not filters:
            assert a["count"] == 20 and a["hits"][0]["highlights"]
    assert modes == {"words", "substring", "filters"}
    for agency in ("อบต.หินเหล็กไฟ", "หนองตาแต้ม", "บ้านโค", "ไม่มี"):
        assert sq.agency_history(agency) == pg.agency_history(agency)
    assert sq.choices() == pg.choices()
    last_year = previous_report(pg, "องค์การบริหารส่วนตำบลบ้านโคก", 2568)
    assert last_year == previous_report(sq, "องค์การบริหารส่วนตำบลบ้านโคก", 2568)
    assert last_year is not None and last_year["document"]["subject"].endswith("(ฉบับแก้ไข)")
    assert previous_report(pg, "องค์การบริหารส่วนตำบลบ้านโคก", 2561) is None
    conn = connect(tmp_path / "h.sqlite")  # a plain sqlite3 connection works too
    assert previous_report(conn, "องค์การบริหารส่วนตำบลบ้านโคก", 2568) == last_year
    assert sq.stored_report(1) == pg.stored_report(1) == seed()
    from conftest import SAMPLES
    from extractor.pipeline import extract
    plan = extract(SAMPLES / "khlongtakrao-plan-2568" / "report.txt", with_findings=False).to_json()
    assert sq.index_report(plan) == pg.index_report(plan) == "added"
    agency = plan["document"]["agency"]
    assert sq.indexed_plan(agency, 2568) == pg.indexed_plan(agency, 2568) == plan
    assert sq.indexed_plan(agency, 2567) is None and pg.indexed_plan(agency, 2567) is None
    assert pg.previous_report(agency, 2569) is None  # a plan is not last year's report
    sq.close()
    pg.close()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_four_writers_at_once_lose_nothing_and_match_sqlite(tmp_path: Path, pg_url: str) -> None:
    """4 `ita index` processes into one fresh database (they also race to migrate it)."""
    reports = corpus()
    dirs = []
    for w in range(4):
        d = tmp_path / f"w{w}"
        d.mkdir()
        mine = reports[w::4] + [reports[0], reports[(w * 5 + 3) % len(reports)]]  # overlaps: stored once
        for i, data in enumerate(mine):
            (d / f"{i}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        dirs.append(d)
    procs = [subprocess.Popen([sys.executable, "cli.py", "index", str(d), "--db", pg_url],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for d in dirs]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [o[1][-500:] for o in outs]
    statuses = [line.split("\t")[0] for out, _ in outs for line in out.splitlines()]
    assert statuses.count("เพิ่ม") == len(reports)  # each report added exactly once, the rest unchanged
    sq = open_store(tmp_path / "seq.sqlite")
    for data in reports:
        sq.index_report(data)
    pg = open_store(pg_url)
    assert pg.counts() == sq.counts()
    assert pg.counts()["passages"] == sum(len(prepare(r).rows) for r in reports)
    # ids differ (writers interleave): compare what each hit is
    def what(result: dict) -> list[str]:
        return [repr((h["agency"], h["fiscal_year"], h["source_file"], h["kind"], h["measure"], h["field"],
                      h["rule"], h["snippet"], h["score"])) for h in result["hits"]]
    for query, filters in QUERIES:
        # every hit, as a set: equal scores are ordered newest first, and the writers interleaved
        a, b = sq.search(query, **{**filters, "limit": 1000}), pg.search(query, **{**filters, "limit": 1000})
        assert sorted(what(a)) == sorted(what(b)), (query, filters)
    pg.close()
    # the CLI reads it back, JSON identical to the SQLite store's apart from ids
    got = _cli("search", "QR Code", "--json", "--limit", "1000", "--db", pg_url)
    want = _cli("search", "QR Code", "--json", "--limit", "1000", "--db", str(tmp_path / "seq.sqlite"))
    assert got.returncode == want.returncode == 0
    assert sorted(what(json.loads(got.stdout))) == sorted(what(json.loads(want.stdout)))
    hist = _cli("history", "อบต.หนองตาแต้ม", "--json", "--db", pg_url)
    assert [r["fiscal_year"] for r in json.loads(hist.stdout)["reports"]] == [2566, 2567, 2568]


def test_missing_store_or_server_is_one_line_exit_2(pg_server: str, pg_url: str) -> None:
    empty = _cli("search", "คุณธรรม", "--db", pg_url)  # a database with no history in it
    assert empty.returncode == 2 and "run `ita index` first" in empty.stderr
    assert "Traceback" not in empty.stderr and len(empty.stderr.strip().splitlines()) == 1
    gone = _cli("history", "อบต.หินเหล็กไฟ", "--db", f"postgresql://ita@/nosuchdb?host={pg_server}")
    assert gone.returncode == 2 and "cannot connect" in gone.stderr and "Traceback" not in gone.stderr


def test_extract_with_index_db_indexes_each_output(tmp_path: Path, pg_url: str) -> None:
    """`ita extract … --index-db postgresql://…`: each output is in the store as it lands; a re-run adds nothing."""
    src = tmp_path / "in"
    src.mkdir()
    for case in ("hinlekfai-2568", "namcho-2567"):
        (src / f"{case}.txt").write_bytes((ROOT / "samples" / case / "report.txt").read_bytes())
    for _ in range(2):
        p = subprocess.run([sys.executable, "cli.py", "extract", str(src), "-o", str(tmp_path / "out"),
                            "-j", "2", "--index-db", pg_url], cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, p.stderr[-1000:]
    store = open_store(pg_url, create=False)
    assert store.counts()["reports"] == 2
    stored = {h["source_file"] for h in store.search("", limit=10)["hits"]}
    assert stored == {json.loads(f.read_text(encoding="utf-8"))["source"]["file"]
                      for f in (tmp_path / "out").glob("*.json")}
    store.close()


def test_web_search_page_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    """`ita serve --db postgresql://…`: the search page, its choices and the stored report come from PostgreSQL."""
    from extractor.web.app import create_app, jobs_of
    store = open_store(pg_url)
    store.index_report(seed())
    store.close()
    (tmp_path / "uploads").mkdir()
    app = create_app(db=pg_url, upload_root=tmp_path / "uploads")
    try:
        c = app.test_client()
        page = c.get("/search").get_data(as_text=True)
        assert "องค์การบริหารส่วนตำบลหินเหล็กไฟ" in page and '<option value="2568"' in page
        html = c.get("/search?q=หนองตาแต้ม").get_data(as_text=True)
        assert "<mark>" in html and "หนองตาแต้ม" in html
        js = c.get("/reports/1.json")
        assert js.status_code == 200 and json.loads(js.data) == seed()
        assert c.get("/reports/999.json").status_code == 404
    finally:
        jobs_of(app).close()
