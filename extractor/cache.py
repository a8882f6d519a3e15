"""A per-user cache of what the tool derives from its data at start-up.

Building PyThaiNLP's dictionary trie and indexing the 7,849 local authorities
took most of a cold ``ita check``; the results are kept here, in the user's cache
folder (:func:`platformdirs.user_cache_dir`, e.g. ``~/.cache/ita-extract``), and
read back in milliseconds. A file's name carries :data:`FORMAT` and a digest of
what it was built from, so new data or a new format gets a new file and a stale
one is never read; files are written to a temporary name and renamed into place
(processes starting together never see half a file). Anything missing,
unreadable or unwritable is rebuilt in memory: the cache only ever saves time.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable

FORMAT = 1  # bump when what any cache file holds changes


def folder() -> Path:
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("ita-extract", appauthor=False))


def path_for(kind: str, *key: object, suffix: str) -> Path:
    """``<cache folder>/<kind>-<FORMAT>-<digest of key>.<suffix>``."""
    digest = hashlib.sha256("|".join(map(str, (FORMAT, *key))).encode()).hexdigest()[:16]
    return folder() / f"{kind}-{FORMAT}-{digest}{suffix}"


def write_atomic(path: Path, write: Callable[[str], None]) -> bool:
    """``write(temporary file name)``, then rename it to ``path``. False when it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
        return True
    except OSError:
        return False
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
