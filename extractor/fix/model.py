"""The types of ``ita fix``: its options, one change, one comment, and the summary.

Nothing here imports the rest of the fixer, so every module of the package (and
the CLI and web page) can use these without a cycle.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

AUTHOR = "ita"
DAMAGE = "text-damage"  # pseudo-rule of the Thai text repairs (wrap spaces, ํา, PUA glyphs)


@dataclass(frozen=True)
class FixOptions:
    """How a draft is fixed. ``date`` None = now (UTC), the time every mark carries."""

    rules_files: tuple[Path, ...] = ()
    author: str = AUTHOR
    date: datetime | None = None
    dry_run: bool = False        # compute everything, write nothing
    repair_text: bool = True     # also mark the Thai text damage (split words, ํา, PUA glyphs)
    comments: bool = True        # a Word comment for every finding that needs a person

    def stamp(self) -> str:
        """w:date value: ISO 8601 without fractions, as Word writes it."""
        when = self.date or datetime.now(timezone.utc)
        if when.tzinfo is not None:
            when = when.astimezone(timezone.utc)
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` of a paragraph's text by ``text`` (either side may be empty)."""

    start: int
    end: int
    text: str
    rule: str


@dataclass
class Change:
    """One tracked change as the officer will see it."""

    rule: str
    before: str
    after: str
    context: str  # the paragraph's text around it, for the summary and --dry-run

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "before": self.before, "after": self.after, "context": self.context}


@dataclass
class Note:
    """One Word comment: a finding a person must look at."""

    rule: str
    message: str
    text: str | None
    measure: int | None
    field: str | None
    anchor: str  # "text" (on the quoted text), "cell" (its cell), "place" (its measure's row), "start"

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "message": self.message, "text": self.text, "measure": self.measure,
                "field": self.field, "anchor": self.anchor}


@dataclass
class Summary:
    """What ``fix_docx`` did (or would do, with ``dry_run``)."""

    input: Path
    output: Path | None
    changes: list[Change] = field(default_factory=list)
    comments: list[Note] = field(default_factory=list)
    dry_run: bool = False

    @property
    def per_rule(self) -> dict[str, int]:
        return dict(Counter(c.rule for c in self.changes))

    def to_json(self) -> dict[str, Any]:
        return {"input": str(self.input), "output": None if self.output is None else str(self.output),
                "dry_run": self.dry_run, "changes": len(self.changes), "per_rule": self.per_rule,
                "comments": len(self.comments), "change_list": [c.to_json() for c in self.changes],
                "comment_list": [n.to_json() for n in self.comments]}
