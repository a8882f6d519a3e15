"""`ita check INPUT…`: the findings of each report, for people (or `--json` for programs).

Exit status: 0 no finding at the failing severity, 1 some (``error`` by default,
``--fail-on warning`` to tighten), 2 when an input was unusable (the others are
still checked). Colours and tables on a terminal; plain lines when piped.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ..errors import UnusableInput
from ..history.base import db_arg, open_store
from .options import add_limit_args, options_from

RANK = {"error": 2, "warning": 1, "info": 0}
LABEL = {"error": "ผิดพลาด", "warning": "เตือน", "info": "ข้อมูล"}
STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="ตรวจรายงานก่อนเผยแพร่ (check reports for slips)",
                       description="ตรวจรายงาน ITA: ชื่อหน่วยงาน คำสะกดผิด วันที่ ช่องว่าง ข้อความซ้ำ ลำดับ คะแนน "
                       "(check ITA reports; exit 1 on an error finding, 2 on unusable input)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="PDF, scan, image, DOCX or text files")
    p.add_argument("--json", action="store_true",
                   help="print the findings as JSON (one input: the findings list; several: {file: list})")
    p.add_argument("--rules", action="append", type=Path, default=[], metavar="FILE",
                   help="extra rules YAML (adds to / overrides rules/*.yaml)")
    p.add_argument("--db", type=db_arg, default=None, metavar="DB",
                   help="history store: compare with the same agency's report of the year before "
                        "(rule copied-from-previous-year)")
    p.add_argument("--plan", type=Path, default=None, metavar="PLAN",
                   help="the agency's plan (PDF, DOCX, text or its JSON): report measures missing, added "
                        "or moved against it")
    p.add_argument("--fail-on", choices=["error", "warning"], default="error",
                   help="lowest severity that makes the exit status 1 (default: error)")
    add_limit_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..batch.pool import context, default_workers, run_guarded
    from ..rules.config import load

    try:
        load(args.rules)  # a broken --rules file is reported once, not once per input
    except UnusableInput as e:
        print(f"ita: {e}", file=sys.stderr)
        return 2
    options = options_from(args, ocr_workers=default_workers())
    try:
        plan = read_plan(args.plan, options) if args.plan else None
        if args.db is not None:
            open_store(args.db, create=False).close()  # a missing store: one line, before any input
    except UnusableInput as e:
        print(f"ita: {e}", file=sys.stderr)
        return 2
    threshold = RANK[args.fail_on]
    unusable = failing = False
    results: dict[str, list[dict[str, Any]]] = {}
    options = options.replace(history=str(args.db) if args.db else None, plan=plan)
    ctx = context(warm=len(args.inputs) > 1)  # several files: warm the pipeline once, fork each from it
    for path in args.inputs:
        result = run_guarded(Path(path), options, ctx=ctx)
        if not result.ok:  # unusable, crashed, over a limit: one line; the next file still gets checked
            print(f"ita: {path}: {result.reason}", file=sys.stderr)
            unusable = True
            continue
        report = result.data()
        findings = report.get("findings") or []
        failing |= any(RANK.get(f["severity"], 0) >= threshold for f in findings)
        results[path] = findings
        if not args.json:
            show(path, (report.get("document") or {}).get("agency"), findings, sys.stdout)
    if args.json:
        doc: Any = results.get(args.inputs[0], []) if len(args.inputs) == 1 else results
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return 2 if unusable else 1 if failing else 0


def read_plan(path: Path, options: Any) -> dict[str, Any]:
    """The plan as ita-extract/1 JSON (a JSON output as is, else extracted without findings, guarded)."""
    from ..batch.pool import run_guarded
    from ..history.store import load_report_json

    data = load_report_json(path)
    if data is None:
        result = run_guarded(Path(path), options.replace(with_findings=False))
        if not result.ok:
            raise UnusableInput(f"แผน {path}: {result.reason}")
        data = result.data()
    if not data.get("measures"):
        raise UnusableInput(f"ไม่พบตารางมาตรการในแผน {path} (no measure table in the plan)")
    return data


def groups(findings: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Findings by place: the memo first, then measure by measure."""
    out: dict[Any, list[dict[str, Any]]] = {}
    for f in findings:
        out.setdefault(f.get("measure"), []).append(f)
    keys = sorted(out, key=lambda k: (k is not None, k if isinstance(k, int) else 0))
    return [("บันทึกข้อความ" if k is None else f"มาตรการที่ {k}", out[k]) for k in keys]


def summary(findings: list[dict[str, Any]]) -> str:
    if not findings:
        return "ไม่พบข้อสังเกต"
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in LABEL}
    return ", ".join(f"{LABEL[s]} {n}" for s, n in counts.items() if n)


def where(f: dict[str, Any]) -> str:
    parts = [f["field"]] if f.get("field") else []
    if f.get("page"):
        parts.append(f"หน้า {f['page']}")
    return ", ".join(parts)


def show(path: str, agency: str | None, findings: list[dict[str, Any]], out: TextIO) -> None:
    """Rich tables on a terminal, plain text otherwise (pipes, files, CI logs)."""
    if out.isatty():
        _show_rich(path, agency, findings)
    else:
        out.write(plain(path, agency, findings))


def plain(path: str, agency: str | None, findings: list[dict[str, Any]]) -> str:
    """The report as plain lines: one block per place, the text quoted with its suggestion."""
    lines = [f"{path}: {agency or '-'} — {summary(findings)}"]
    for title, fs in groups(findings):
        lines.append(f"  {title}")
        for f in fs:
            loc = where(f)
            lines.append(f"    {f['severity']:<7} {f['rule']:<21} {f['message']}" + (f" [{loc}]" if loc else ""))
            if f.get("text") or f.get("suggestion"):
                quote = f"«{f['text']}»" if f.get("text") else "(ว่าง)"
                lines.append(f"            {quote}" + (f" → «{f['suggestion']}»" if f.get("suggestion") else ""))
    return "\n".join(lines) + "\n"


def _show_rich(path: str, agency: str | None, findings: list[dict[str, Any]]) -> None:
    """The same blocks as :func:`plain`, coloured by severity; long Thai text folds, never cut."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    console.rule(Text.assemble((path, "bold"), f"  {agency or '-'}"), align="left")
    console.print(Text(summary(findings), style="dim"))
    for title, fs in groups(findings):
        console.print(Text(title, style="bold underline"))
        for f in fs:
            sev = f["severity"]
            loc = where(f)
            line = Text.assemble("  ", (f"{LABEL.get(sev, sev):<8}", STYLE.get(sev, "")), (f"{f['rule']:<21} ", "dim"),
                                 f["message"], (f"  [{loc}]" if loc else "", "dim"))
            console.print(line, overflow="fold")
            if f.get("text") or f.get("suggestion"):
                quote = Text.assemble("            ", (f"«{f['text']}»" if f.get("text") else "(ว่าง)", "italic"))
                if f.get("suggestion"):
                    quote.append("  →  ")
                    quote.append(f"«{f['suggestion']}»", style="green")
                console.print(quote, overflow="fold")
