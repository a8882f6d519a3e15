"""The cached dictionary gives exactly what PyThaiNLP's own dictionary gives.

The start-up cache (issue 12) must never change a result: the MARISA trie must
answer prefix look-ups as PyThaiNLP's own trie does, and newmm over it must
segment every sample report's text as ``pythainlp.tokenize.word_tokenize`` does
with PyThaiNLP's default dictionary.
The cache file must be rebuilt when missing or damaged, and a process must still
work when the cache folder cannot be written.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize as pythainlp_tokenize
from pythainlp.util import Trie

from conftest import ROOT, SAMPLES
from extractor.text import lexicon
from extractor.text.digits import arabic_digits, thai_digits


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Every string of every sample's expected JSON, and the seed's text file line by line."""
    out = [s for exp in sorted(SAMPLES.glob("*/expected.json"))
           for s in _strings(json.loads(exp.read_text(encoding="utf-8")))]
    out += (SAMPLES / "hinlekfai-2568" / "report.txt").read_text(encoding="utf-8").splitlines()
    out += ["เวลา 12:00 น. อัตรา 1,234.50 บาท IP 127.0.0.1", "  ", "abc123 ภาษาไทยabc", "\n\r\n"]
    return [t for t in out if t]


def test_the_trie_holds_exactly_pythainlps_words():
    trie = lexicon.word_trie()
    assert set(trie) == set(thai_words()) and len(trie) == len(thai_words())
    assert "การ" in trie and "กกกกก" not in trie and 3 not in trie


def test_prefix_lookups_match_pythainlps_trie_at_every_position(texts):
    ours, theirs = lexicon.word_trie(), Trie(thai_words())
    checked = 0
    for t in texts:
        for i in range(len(t)):
            assert ours.prefixes(t, i) == theirs.prefixes(t, i), (t, i)
            checked += 1
    assert checked > 40_000


def test_newmm_over_the_cached_trie_segments_as_pythainlps_dictionary_does(texts):
    for t in texts:
        for keep in (True, False):
            assert lexicon.word_tokenize(t, keep_whitespace=keep) == pythainlp_tokenize(
                t, engine="newmm", keep_whitespace=keep), t


def test_digits_convert_as_pythainlp_does():
    from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit
    s = "ปี ๒๕๖๘ ข้อ 1.5 หน้า ๑๐ – 2569"
    assert arabic_digits(s) == thai_digit_to_arabic_digit(s)
    assert thai_digits(s) == arabic_digit_to_thai_digit(s)


def _fresh(cache: Path, code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


PROBE = ("from extractor.text import lexicon; t = lexicon.word_trie(); "
         "print(lexicon.cache_file()); print(len(t), t.longest, t.prefixes('การบริหารส่วนตำบล'))")


def test_cache_is_built_once_rebuilt_when_damaged_and_optional(tmp_path):
    first = _fresh(tmp_path, PROBE)
    assert first.returncode == 0, first.stderr
    path = Path(first.stdout.splitlines()[0])
    assert path.is_file() and tmp_path in path.parents and "pythainlp" not in path.name
    expected = first.stdout.splitlines()[1]
    assert expected.startswith(f"{len(thai_words())} ")

    stamp = path.stat().st_mtime_ns
    again = _fresh(tmp_path, PROBE)  # read, not rebuilt
    assert again.stdout == first.stdout and path.stat().st_mtime_ns == stamp

    path.write_bytes(b"not a trie")  # a damaged file is rebuilt
    damaged = _fresh(tmp_path, PROBE)
    assert damaged.returncode == 0 and damaged.stdout.splitlines()[1] == expected
    assert path.stat().st_size > 100_000

    locked = tmp_path / "locked"  # a cache folder that cannot be created: built in memory
    locked.write_text("a file where the folder should be")
    ro = _fresh(locked, PROBE)
    assert ro.returncode == 0 and ro.stdout.splitlines()[1] == expected
