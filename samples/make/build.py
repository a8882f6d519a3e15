"""Regenerate the whole sample corpus: `python samples/make/build.py [CASE_ID…]`.

For each cases/<id>.yaml writes samples/<id>/: report.docx (python-docx),
report.pdf (LibreOffice), report.txt (seed-style text, when asked),
scan.pdf (degraded image-only scan, when asked) and expected.json (from the
YAML only). The seed case samples/hinlekfai-2568/ is a committed copy of the team's seed
(samples/hinlekfai-2568/SOURCE.md); set ITA_SEEDS=DIR to copy it again from DIR.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from case import load  # noqa: E402
from docx_writer import build_docx  # noqa: E402
from expected import FINDING_KEYS, build_expected  # noqa: E402
from pdf import docx_to_pdf, page_count  # noqa: E402
from scan import ScanStyle, make_scan  # noqa: E402
from txt_writer import build_txt  # noqa: E402

SAMPLES = HERE.parent
SEEDS = Path(os.environ["ITA_SEEDS"]) if os.environ.get("ITA_SEEDS") else None  # a seeds folder to copy from


def copy_seed() -> None:
    """The seed as a case: its text, PDF, DOCX, scan and expected JSON, unedited."""
    out = SAMPLES / "hinlekfai-2568"
    out.mkdir(exist_ok=True)
    if SEEDS is None or not (SEEDS / "hinlekfai-2568-ita-report.txt").exists():
        print("no seeds folder (ITA_SEEDS): kept the committed copy", file=sys.stderr)
        return
    shutil.copyfile(SEEDS / "hinlekfai-2568-ita-report.txt", out / "report.txt")
    shutil.copyfile(SEEDS / "hinlekfai-2568-ita-report.expected.json", out / "expected.json")
    for name in ("report.pdf", "report.docx", "scan.pdf", "scan-p5.png"):
        shutil.copyfile(SEEDS / "hinlekfai-2568" / name, out / name)


def build_case(path: Path) -> None:
    """Write one case into a scratch folder, then swap the files in (tests may be reading)."""
    case = load(path)
    out = SAMPLES / case["id"]
    out.mkdir(exist_ok=True)
    outputs = case["outputs"]
    with tempfile.TemporaryDirectory(prefix=".build-", dir=out) as tmp:  # same disk: atomic replace
        work = Path(tmp)
        pages = None
        if "variant_of" in case:  # the base case's committed PDF, scanned another way
            pdf = SAMPLES / case["variant_of"] / "report.pdf"
            pages = page_count(pdf)
        elif {"pdf", "docx", "scan"} & set(outputs):  # a text-only case needs neither Word nor LibreOffice
            docx = build_docx(case, work / "report.docx")
            pdf = docx_to_pdf(docx, work / "report.pdf")
            pages = page_count(pdf)
        if "txt" in outputs:
            (work / "report.txt").write_text(build_txt(case), encoding="utf-8")
        if "scan" in outputs:
            make_scan(pdf, work / "scan.pdf", seed=sum(map(ord, case["id"])), style=ScanStyle.of(case["scan"]))
        source = (("report.txt", "text", None) if "txt" in outputs else ("report.pdf", "pdf", pages)
                  if "pdf" in outputs else ("scan.pdf", "scan", pages))
        exp = build_expected(case, *source)
        (work / "expected.json").write_text(json.dumps(exp, ensure_ascii=False, indent=2) + "\n",
                                            encoding="utf-8")
        if case["context"]:  # findings that need a history (--db) or a plan (--plan): context.json
            ctx = {k: case["context"].get(k) for k in ("history", "plan")}
            ctx["findings"] = [{k: f.get(k) for k in FINDING_KEYS} | {"text": f.get("text") or ""}
                               for f in case["context"].get("findings", [])]
            (work / "context.json").write_text(json.dumps(ctx, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        keep = {"expected.json", "context.json" if case["context"] else "", "report.docx" if "docx" in outputs else "", "report.pdf" if "pdf" in outputs else "",
                "report.txt" if "txt" in outputs else "", "scan.pdf" if "scan" in outputs else ""}
        for name in ("report.docx", "report.pdf", "report.txt", "scan.pdf", "expected.json", "context.json"):
            if name in keep:
                os.replace(work / name, out / name)
            else:
                (out / name).unlink(missing_ok=True)
    print(f"{case['id']}: {pages} PDF pages, {len(case['measures'])} measures, "
          f"{len(case['findings'])} findings, outputs {', '.join(outputs)}")


def main(argv: list[str]) -> None:
    wanted = set(argv)
    if not wanted or "hinlekfai-2568" in wanted:
        copy_seed()
    for path in sorted((HERE / "cases").glob("*.yaml")):
        if not wanted or path.stem in wanted:
            build_case(path)


if __name__ == "__main__":
    main(sys.argv[1:])
