"""Every setting of one extraction, in one typed object passed down from the CLI or the web page.

Readers, the OCR engine and the rules read their settings from here, never from
environment variables (``ITA_DEBUG`` alone remains, for developers' tracebacks).
Defaults are what an officer gets with no flags.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class Limits:
    """What one document may cost before it is refused (pre-flight) or stopped (worker)."""

    max_bytes: int = 200 * 1024 * 1024   # a larger file is refused before it is opened
    max_pages: int = 500                 # PDF pages; a longer document is refused
    max_pixels: int = 60_000_000         # one image or rasterized page (≈ A3 at 400 dpi)
    max_unzipped_mb: int = 200           # a DOCX that unzips to more is a zip bomb (a real one: a few MB)
    timeout: float = 300.0               # wall seconds per document in its worker
    max_memory_mb: int = 4096            # address space of the worker (RLIMIT_AS); 0 = none

    def with_overrides(self, **values: object) -> "Limits":
        """A copy with the values that are not None (the CLI's flags left unset keep the default)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


@dataclass(frozen=True)
class OcrOptions:
    """How scans and image pages are read."""

    engine: str = "auto"        # "auto" (tesserocr where it imports, else pytesseract), "tesserocr", "pytesseract"
    languages: str = "tha+eng"
    workers: int = 1            # OCR processes per document; a batch already fills the cores
    dpi: int = 300              # rasterizing resolution of scanned PDF pages
    tessdata: str | None = None  # Tesseract's model folder; None: ask the installed `tesseract`


@dataclass(frozen=True)
class ExtractOptions:
    """One extraction's settings: limits, OCR, and extra rules files."""

    limits: Limits = field(default_factory=Limits)
    ocr: OcrOptions = field(default_factory=OcrOptions)
    rules_files: tuple[Path, ...] = ()
    with_findings: bool = True
    history: str | None = None   # a history store (path or URL): last year's report for the rules
    plan: dict | None = None     # the agency's plan (ita-extract/1 JSON, kind "plan") the report answers

    def replace(self, **values: object) -> "ExtractOptions":
        """A copy with some fields changed (``rules_files`` may be any iterable of paths)."""
        if "rules_files" in values:
            values["rules_files"] = tuple(Path(p) for p in values["rules_files"] or ())  # type: ignore[union-attr]
        return replace(self, **values)


DEFAULT = ExtractOptions()
