"""Write ita-extract/1 JSON: exact, UTF-8, and atomic (temp file + rename)."""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def safe_stem(name: str) -> str:
    """An output name that cannot escape its folder: "../../x y.pdf" → "x y"."""
    stem = Path(name).stem if Path(name).suffix else Path(name).name
    stem = re.sub(r"[\x00-\x1f/\\:*?\"<>|]", "_", stem).strip(" .") or "document"
    return stem[:200]


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
