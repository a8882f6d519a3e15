"""`ita extract INPUT… [-o DIR|-]`: one ita-extract/1 JSON per input."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UnusableInput
from ..output import dumps, output_path, write_atomic
from ..pipeline import extract


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="อ่านรายงานเป็น JSON (extract reports to ita-extract/1 JSON)")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="PDF, scan, image, DOCX or text files")
    p.add_argument("-o", "--output", default="output", metavar="DIR",
                   help="output folder (default output/); '-' prints one input's JSON to stdout")
    p.add_argument("--rules", action="append", type=Path, default=[], metavar="FILE",
                   help="extra rules YAML (adds to / overrides rules/*.yaml)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    inputs = [Path(p) for p in args.inputs]
    if args.output == "-":
        if len(inputs) != 1:
            print("ita: -o - takes exactly one input", file=sys.stderr)
            return 2
        report = extract(inputs[0], rules_files=args.rules)
        sys.stdout.write(dumps(report.to_json()))
        return 0
    out_dir = Path(args.output)
    status = 0
    for path in inputs:
        try:
            report = extract(path, rules_files=args.rules)
        except UnusableInput as e:
            print(f"ita: {path}: {e.reason}", file=sys.stderr)
            status = 2
            continue
        target = output_path(out_dir, path)
        write_atomic(target, dumps(report.to_json()))
        print(f"{path} → {target} ({len(report.measures)} มาตรการ, {len(report.findings)} ข้อสังเกต)",
              file=sys.stderr)
    return status
