"""The DLA gazetteer as the rules use it: names by type, a trie of names, places.

Parsing the 1.1 MB list and building the name trie took ~0.1 s of every cold
start, so the index is kept in the user's cache (:mod:`extractor.cache`) under a
digest of the gazetteer file's bytes: an edited or updated list gets a new index;
a missing or damaged one is rebuilt from the list.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import marisa_trie

from .. import cache
from ..resources import GAZETTEER, gazetteer as gazetteer_data


@dataclass(frozen=True)
class Index:
    names: dict[str, frozenset[str]]  # type → bare names
    trie: marisa_trie.Trie            # every bare name: .prefixes(text) = the names text starts with, shortest first
    places: frozenset[str]            # bare names and district names (ตรัง, สามโคก, คอนสวรรค์)
    provinces: dict[tuple[str, str], frozenset[str]]  # (type, name) → province codes (a name repeats)


def build() -> Index:
    """The index, from the gazetteer itself."""
    names: dict[str, set[str]] = {}
    places: set[str] = set()
    provinces: dict[tuple[str, str], set[str]] = {}
    for rec in gazetteer_data().get("local_authorities", []):
        names.setdefault(rec["type"], set()).add(rec["name"])
        places.update(v for v in (rec.get("name"), rec.get("district")) if v)
        provinces.setdefault((rec["type"], rec["name"]), set()).add(rec.get("province_code") or "")
    every = set().union(*names.values()) if names else set()
    return Index({t: frozenset(ns) for t, ns in names.items()}, marisa_trie.Trie(every), frozenset(places),
                 {k: frozenset(v - {""}) for k, v in provinces.items()})


def _dump(ix: Index) -> bytes:
    return pickle.dumps(({t: sorted(ns) for t, ns in ix.names.items()}, ix.trie.tobytes(), sorted(ix.places),
                         {k: sorted(v) for k, v in ix.provinces.items()}), protocol=pickle.HIGHEST_PROTOCOL)


def _load(blob: bytes) -> Index:
    names, trie, places, provinces = pickle.loads(blob)  # our own file in the user's cache folder
    return Index({t: frozenset(ns) for t, ns in names.items()}, marisa_trie.Trie().frombytes(trie), frozenset(places),
                 {k: frozenset(v) for k, v in provinces.items()})


@lru_cache(maxsize=1)
def index() -> Index:
    """The cached index when it matches the gazetteer's bytes, else built (and cached)."""
    FORMAT = b"index-2"  # bump when Index changes shape: an old cache file is then never read
    path = cache.path_for("gazetteer", hashlib.sha256(FORMAT + GAZETTEER.read_bytes()).hexdigest(), suffix=".pickle")
    try:
        return _load(path.read_bytes())
    except Exception:  # noqa: BLE001 - missing or damaged: rebuild
        pass
    ix = build()
    cache.write_atomic(path, lambda f: Path(f).write_bytes(_dump(ix)))
    return ix
