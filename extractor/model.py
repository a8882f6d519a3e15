"""The typed ita-extract/1 document (see SPEC.md) and its exact JSON form.

Every stage fills these dataclasses; :func:`Report.to_json` is the only place
that knows the JSON field order and names. ``schema/ita-extract-1.schema.json``
describes the same shape and the tests validate every output against it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import SCHEMA

FIELDS = ("measure", "methods", "responsible", "period", "summary", "outcomes")
LIST_FIELDS = ("methods", "responsible", "summary", "outcomes")


@dataclass
class Source:
    file: str
    sha256: str | None
    format: str  # pdf | scan | image | docx | text
    pages: int | None
    ocr: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "sha256": self.sha256, "format": self.format,
                "pages": self.pages, "ocr": self.ocr}


@dataclass
class Period:
    text: str | None = None
    start: str | None = None  # ISO date
    end: str | None = None

    def to_json(self, with_text: bool = True) -> dict[str, Any]:
        d = {"text": self.text} if with_text else {}
        d.update({"start": self.start, "end": self.end})
        return d


@dataclass
class Signatory:
    name: str
    position: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "position": self.position}


@dataclass
class Document:
    agency: str | None = None
    division: str | None = None
    reference: str | None = None
    date: str | None = None
    subject: str | None = None
    addressee: str | None = None
    fiscal_year: int | None = None
    period: Period | None = None
    ita_score: float | None = None
    ita_result: str | None = None
    signatories: list[Signatory] = field(default_factory=list)
    kind: str = "report"  # report | plan (a plan's table has no summary or outcomes column)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "agency": self.agency, "division": self.division, "reference": self.reference,
            "date": self.date, "subject": self.subject, "addressee": self.addressee,
            "fiscal_year": self.fiscal_year,
            "period": self.period.to_json(with_text=False) if self.period else None,
            "ita_score": self.ita_score, "ita_result": self.ita_result,
            "signatories": [s.to_json() for s in self.signatories],
        }


@dataclass
class Measure:
    number: int | None
    measure: str = ""
    methods: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    period: Period = field(default_factory=Period)
    summary: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    pages: list[int] | None = None
    confidence: dict[str, float] | None = None  # OCR only: mean confidence per field (0–1)
    # Item numbers as read, per list field ({"methods": [(1, "๑."), (2, "๒."), (2, "๒.")]}): not in
    # the JSON (items are stored without their numbers) but the numbering rule checks them.
    item_numbers: dict[str, list[tuple[int | None, str | None]]] = field(default_factory=dict, repr=False)
    # The page of each list item when it lies on one page ({"summary": [4, None]}: the second item
    # runs over a page break), so findings can say where they are without guessing.
    item_pages: dict[str, list[int | None]] = field(default_factory=dict, repr=False)

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "number": self.number, "measure": self.measure, "methods": self.methods,
            "responsible": self.responsible, "period": self.period.to_json(),
            "summary": self.summary, "outcomes": self.outcomes, "pages": self.pages,
        }
        if self.confidence is not None:
            d["confidence"] = self.confidence
        return d


@dataclass
class Finding:
    rule: str
    severity: str  # error | warning | info
    message: str
    measure: int | None = None
    field: str | None = None
    page: int | None = None
    text: str = ""
    suggestion: str | None = None
    message_en: str | None = None

    def to_json(self) -> dict[str, Any]:
        d = {"rule": self.rule, "severity": self.severity, "message": self.message,
             "measure": self.measure, "field": self.field, "page": self.page,
             "text": self.text, "suggestion": self.suggestion}
        if self.message_en:
            d["message_en"] = self.message_en
        return d


@dataclass
class Report:
    source: Source
    document: Document
    measures: list[Measure]
    findings: list[Finding] = field(default_factory=list)
    tool: dict[str, Any] | None = None  # {"name": "ita-extract", "version": …}: lets a batch resume safely

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "schema": SCHEMA,
            "source": self.source.to_json(),
            "document": self.document.to_json(),
            "measures": [m.to_json() for m in self.measures],
            "findings": [f.to_json() for f in self.findings],
        }
        if self.tool:
            d["tool"] = self.tool
        return d
