#!/usr/bin/env python3
"""Copy of the team's score.py (the team metric), kept so the tests need nothing beside the repository.

Score the project's extraction against expected outputs (SPEC.md, ita-extract/1).

usage: score.py PROJECT_DIR CASE_INPUT EXPECTED_JSON [--json]
       score.py PROJECT_DIR --suite SUITE_DIR [--formats pdf,scan,docx,text] [--json]

A suite dir holds cases NAME/expected.json with inputs beside it
(report.pdf, scan.pdf, report.docx, report.txt). The project is run as
`<python> cli.py extract INPUT -o -`, where <python> is PROJECT/.venv/bin/python
if it exists, else python3.
Text is compared after NFC, whitespace removal and Thai→Arabic digits, so
spacing choices and digit style do not count; typos and lost text do.
"""
import json, os, subprocess, sys, time, unicodedata
from pathlib import Path

from rapidfuzz.distance import Levenshtein
from rapidfuzz import fuzz

FIELDS = ["measure", "methods", "responsible", "period", "summary", "outcomes"]
DOC_EXACT = ["agency", "reference", "date", "fiscal_year", "ita_score", "ita_result", "addressee"]
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
LOCATED_RULES = {"numbering", "empty-cell", "score-result-mismatch"}


def canon(s):
    if s is None:
        return ""
    if isinstance(s, (int, float)):
        s = str(s)
    s = unicodedata.normalize("NFC", s).translate(THAI_DIGITS)
    return "".join(s.split())


def cell_text(v):
    if isinstance(v, dict):  # period
        return canon(v.get("text"))
    if isinstance(v, list):
        return "|".join(canon(x) for x in v)
    return canon(v)


def sim(a, b):
    if not a and not b:
        return 1.0
    return Levenshtein.normalized_similarity(a, b)


def run_project(project, inp, timeout=600):
    py = project / ".venv/bin/python"
    py = str(py) if py.exists() else "python3"
    t = time.time()
    p = subprocess.run([py, "cli.py", "extract", str(inp), "-o", "-"], cwd=project,
                       capture_output=True, text=True, timeout=timeout)
    dt = time.time() - t
    if p.returncode != 0:
        return None, dt, (p.stderr or p.stdout)[-400:]
    try:
        return json.loads(p.stdout), dt, ""
    except json.JSONDecodeError as e:
        return None, dt, f"bad JSON: {e}: {p.stdout[:200]}"


def finding_matches(exp, got):
    if exp.get("rule") != got.get("rule"):
        return False
    if exp.get("measure") is not None and got.get("measure") != exp.get("measure"):
        return False
    et, gt = canon(exp.get("text")), canon(got.get("text"))
    if exp["rule"] in ("numbering", "score-result-mismatch"):
        return True  # the measure (checked above) locates it; quoting and field names vary
    if exp["rule"] in LOCATED_RULES or not et:  # where it is matters, not how it is quoted
        return exp.get("field") in (None, got.get("field"))
    return bool(gt) and (et in gt or gt in et or fuzz.partial_ratio(et, gt) >= 90)


def score(expected, got):
    r = {}
    em, gm = expected["measures"], (got or {}).get("measures") or []
    by_no = {m.get("number"): m for m in gm if isinstance(m, dict)}
    cells, counts = [], []
    for i, m in enumerate(em):
        g = by_no.get(m["number"]) or (gm[i] if i < len(gm) and isinstance(gm[i], dict) else {})
        for f in FIELDS:
            cells.append(sim(cell_text(m.get(f)), cell_text(g.get(f))))
            if isinstance(m.get(f), list):
                counts.append(isinstance(g.get(f), list) and len(g[f]) == len(m[f]))
    r["measures"] = f"{len(gm)}/{len(em)}"
    r["cell_similarity"] = round(sum(cells) / len(cells), 4) if cells else 0.0
    r["item_counts"] = round(sum(counts) / len(counts), 4) if counts else 1.0
    ed, gd = expected["document"], (got or {}).get("document") or {}
    ok = []
    for f in DOC_EXACT:
        if f in ed and ed[f] is not None:
            a, b = ed[f], gd.get(f)
            ok.append(abs(float(a) - float(b)) < 1e-6 if f == "ita_score" and b is not None
                      else canon(a) == canon(b))
    if ed.get("period"):
        gp = gd.get("period") if isinstance(gd.get("period"), dict) else {}
        ok.append(all(gp.get(k) == ed["period"].get(k) for k in ("start", "end")))
    if ed.get("subject"):
        ok.append(sim(canon(ed["subject"]), canon(gd.get("subject"))) >= 0.95)
    r["doc_fields"] = round(sum(ok) / len(ok), 4) if ok else 1.0
    ef = expected.get("findings") or []
    gf = [f for f in (got or {}).get("findings") or [] if isinstance(f, dict)]
    hit = [any(finding_matches(e, g) for g in gf) for e in ef]
    r["findings_recall"] = round(sum(hit) / len(ef), 4) if ef else 1.0
    r["missed"] = [f"{e['rule']}@{e.get('measure')}" for e, h in zip(ef, hit) if not h]
    loud = [g for g in gf if g.get("severity") in ("error", "warning")]
    fp = [g for g in loud if not any(finding_matches(e, g) or
          (e["rule"] == g.get("rule") and e.get("measure") == g.get("measure")) for e in ef)]
    r["findings_precision"] = round(1 - len(fp) / len(loud), 4) if loud else 1.0
    r["false_alarms"] = [f"{g.get('rule')}@{g.get('measure')}:{canon(g.get('text'))[:30]}" for g in fp]
    return r


def main(argv):
    as_json = "--json" in argv
    argv = [a for a in argv if a != "--json"]
    project = Path(argv[0]).resolve()
    if len(argv) >= 3 and argv[1] == "--suite":
        formats = ["pdf", "scan", "docx", "text"]
        if "--formats" in argv:
            formats = argv[argv.index("--formats") + 1].split(",")
        files = {"pdf": "report.pdf", "scan": "scan.pdf", "docx": "report.docx", "text": "report.txt"}
        rows = []
        for case in sorted(Path(argv[2]).glob("*/expected.json")):
            exp = json.loads(case.read_text())
            for fmt in formats:
                inp = case.parent / files[fmt]
                if not inp.exists():
                    continue
                got, dt, err = run_project(project, inp)
                row = {"case": case.parent.name, "format": fmt, "seconds": round(dt, 2)}
                row.update(score(exp, got) if got else {"error": err})
                rows.append(row)
                if not as_json:
                    print(json.dumps(row, ensure_ascii=False))
        agg = {}
        for fmt in formats:
            rs = [r for r in rows if r["format"] == fmt]
            if not rs:
                continue
            good = [r for r in rs if "error" not in r]
            mean = lambda k: round(sum(r[k] for r in good) / len(rs), 4)
            agg[fmt] = {"cases": len(rs), "failed": len(rs) - len(good), "cell": mean("cell_similarity"),
                        "items": mean("item_counts"), "doc": mean("doc_fields"),
                        "recall": mean("findings_recall"), "precision": mean("findings_precision"),
                        "sec_per_doc": round(sum(r["seconds"] for r in rs) / len(rs), 2)}
        print(json.dumps(agg if not as_json else {"rows": rows, "summary": agg}, ensure_ascii=False))
        return agg
    exp = json.loads(Path(argv[2]).read_text())
    got, dt, err = run_project(project, Path(argv[1]).resolve())
    r = score(exp, got) if got else {"error": err}
    r["seconds"] = round(dt, 2)
    print(json.dumps(r, ensure_ascii=False))
    return r


if __name__ == "__main__":
    main(sys.argv[1:])
