"""The limit flags every reading command shares, and the :class:`ExtractOptions` built from them."""
from __future__ import annotations

import argparse
from dataclasses import replace

from ..options import DEFAULT, ExtractOptions


def add_limit_args(p: argparse.ArgumentParser, *, timeout: float | None = None,
                   max_memory: int | None = None) -> None:
    """--timeout, --max-memory, --max-pages (defaults: :class:`extractor.options.Limits`)."""
    limits = DEFAULT.limits
    p.add_argument("--timeout", type=float, default=timeout, metavar="S",
                   help=f"seconds per file before its worker is killed (default {timeout or limits.timeout:g})")
    p.add_argument("--max-memory", type=int, default=max_memory, metavar="MB",
                   help=f"memory limit per worker in MB (default {max_memory or limits.max_memory_mb}; 0 = none)")
    p.add_argument("--max-pages", type=int, default=None, metavar="N",
                   help=f"refuse longer documents (default {limits.max_pages})")


def options_from(args: argparse.Namespace, *, ocr_workers: int | None = None) -> ExtractOptions:
    """The options of one command run: its limit flags, its --rules files, OCR processes per document."""
    limits = DEFAULT.limits.with_overrides(timeout=getattr(args, "timeout", None),
                                           max_memory_mb=getattr(args, "max_memory", None),
                                           max_pages=getattr(args, "max_pages", None))
    ocr = DEFAULT.ocr if ocr_workers is None else replace(DEFAULT.ocr, workers=max(1, ocr_workers))
    return DEFAULT.replace(limits=limits, ocr=ocr, rules_files=getattr(args, "rules", None) or ())
