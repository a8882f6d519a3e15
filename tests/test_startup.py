"""What a cold start reads from the cache is exactly what it would build (issue 12).

The gazetteer index and the rule YAML parsed by libyaml must equal what the
slow path gives; a damaged cache file is rebuilt; a cold ``ita check`` imports
neither PyThaiNLP nor the terminal, web or history libraries.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from extractor.resources import RULES_DIR
from extractor.rules import config, gazetteer


def test_rule_files_parse_the_same_with_libyaml():
    files = [p for p in RULES_DIR.iterdir() if p.name.endswith(".yaml")]
    assert len(files) >= 4
    for p in files:
        assert config.read_yaml(p, config.SAFE_LOADER) == config.read_yaml(p), p.name


def _index_in_fresh_process(cache: Path) -> subprocess.CompletedProcess:
    code = ("from extractor.rules import gazetteer as g; ix = g.index(); b = g.build()\n"
            "assert ix.names == b.names and ix.places == b.places and list(ix.trie) == list(b.trie)\n"
            "print(len(ix.places), sum(map(len, ix.names.values())), ix.trie.prefixes('หินเหล็กไฟอำเภอ'))")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "XDG_CACHE_HOME": str(cache)})


def test_gazetteer_index_is_cached_equal_and_rebuilt_when_damaged(tmp_path):
    first = _index_in_fresh_process(tmp_path)
    assert first.returncode == 0, first.stderr
    assert "หินเหล็กไฟ" in first.stdout
    files = list(tmp_path.rglob("gazetteer-*.pickle"))
    assert len(files) == 1
    assert _index_in_fresh_process(tmp_path).stdout == first.stdout  # read back: equal
    files[0].write_bytes(b"\x80\x05garbage")
    again = _index_in_fresh_process(tmp_path)  # damaged: rebuilt, equal
    assert again.returncode == 0 and again.stdout == first.stdout, again.stderr


def test_index_matches_the_gazetteer():
    ix = gazetteer.index()
    assert sum(map(len, ix.names.values())) > 6500  # bare names per type (a name recurs across provinces)
    assert "หินเหล็กไฟ" in ix.names["subdistrict_admin_org"] and "คอนสวรรค์" in ix.places


def test_a_cold_check_imports_only_what_it_needs():
    """rich, pdfplumber and flask are for other commands: a check never imports them."""
    code = ("import sys, io, contextlib; from extractor.cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['check', 'samples/hinlekfai-2568/report.pdf'])\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'pdfplumber', 'flask'}))")
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"
