"""Where the data shipped inside the package lives.

Found with :mod:`importlib.resources` from the ``extractor`` package itself, so an
installed wheel reads the same files as a checkout and nothing depends on the
current directory. The repository's top-level ``rules/`` is a link to
``extractor/rules/data``: the rule data a person edits *is* the package data.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

PACKAGE: Traversable = files("extractor")
RULES_DIR: Traversable = PACKAGE / "rules" / "data"          # rules.yaml, typos.yaml, agencies.yaml, …
GAZETTEER: Traversable = RULES_DIR / "thai-local-authorities.json"  # DLA list of 7,849 local authorities
OCR_LEXICON: Traversable = PACKAGE / "read" / "ocr" / "lexicon.yaml"  # ITA phrases OCR text is snapped to
SCHEMA_FILE: Traversable = PACKAGE / "ita-extract-1.schema.json"     # JSON Schema of ita-extract/1


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Any]:
    """The DLA list, parsed once a process (1.1 MB: every rule that names agencies reads it)."""
    return json.loads(GAZETTEER.read_text(encoding="utf-8"))
