"""The import direction of the package, enforced: no cycles, no reaching into another package's
private names, and layers that depend one way only.

The graph is built from the source with :mod:`ast` (every ``import``, also the ones
inside functions, since a lazy import is still a dependency), so the test needs
nothing imported and runs in a fraction of a second.

Layers, lowest first (a module may import its own layer and the ones below)::

    base (errors, options, resources, model, output)  ← text  ← read  ← table, memo, document
    ← rules ← history ← pipeline ← batch, fix ← cli, web
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "extractor"

LAYERS: list[tuple[str, ...]] = [
    ("extractor", "extractor.errors", "extractor.options", "extractor.resources", "extractor.model",
     "extractor.output"),
    ("extractor.text",),
    ("extractor.read",),
    ("extractor.table", "extractor.memo", "extractor.memo_ocr", "extractor.document"),
    ("extractor.rules",),
    ("extractor.history",),
    ("extractor.pipeline",),
    ("extractor.batch", "extractor.fix"),
    ("extractor.cli", "extractor.web"),
]

def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import of ``module`` inside extractor."""
    path = MODULES[module]
    here = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, None, node.lineno) for a in node.names if a.name.split(".")[0] == "extractor"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")[: len(here.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "extractor":
                continue
            for a in node.names:
                sub = f"{target}.{a.name}"
                out.append((sub, None, node.lineno) if sub in MODULES else (target, a.name, node.lineno))
    return out


GRAPH = {m: {t for t, _, _ in imports(m) if t in MODULES and t != m} for m in MODULES}


def package_of(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rsplit(".", 1)[0]


def layer_of(module: str) -> int:
    best, level = -1, 0
    for i, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and len(name) > best:
                best, level = len(name), i
    assert best >= 0, f"{module} is in no layer: add it to LAYERS"
    return level


def cycles() -> list[set[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_real():
    """The parser sees the imports we know are there (a broken parser would pass everything)."""
    assert "extractor.read" in GRAPH["extractor.pipeline"]
    assert "extractor.batch.pool" in GRAPH["extractor.web.jobs"]
    assert "extractor.text.chars" in GRAPH["extractor.text.repair"]
    assert len(MODULES) > 60


def test_no_import_cycles():
    found = {frozenset(c) for c in cycles()}
    assert found == set(), f"import cycles: {[sorted(c) for c in found]}"


def test_nothing_imports_another_packages_private_names():
    """A leading underscore means "this package only": another package may not import it."""
    bad = []
    for module in MODULES:
        for target, name, line in imports(module):
            if target not in MODULES:
                continue
            private_module = any(part.startswith("_") and part != "__init__" for part in target.split("."))
            private_name = bool(name) and name.startswith("_") and not name.endswith("__")  # __version__ is public
            if (private_module or private_name) and package_of(module) != package_of(target):
                bad.append(f"{MODULES[module].relative_to(ROOT)} imports {target}" + (f".{name}" if name else ""))
    assert not bad, "\n".join(sorted(bad))


def test_layers_depend_one_way():
    bad = [f"{m} ({LAYERS[layer_of(m)][0]}) imports {t} ({LAYERS[layer_of(t)][0]})"
           for m, targets in GRAPH.items() for t in targets if layer_of(t) > layer_of(m)]
    assert not bad, "\n".join(sorted(bad))


def test_no_environment_settings_inside_the_library():
    """Options come as one object: no ITA_* variable is read inside extractor/ (ITA_DEBUG aside)."""
    bad = []
    for module, path in MODULES.items():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "environ" in line and "ITA_" in line and "ITA_DEBUG" not in line:
                bad.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not bad, "\n".join(bad)


THAI_RANGE = re.compile(r"(\\u0e[0-4][0-9a-f]|[\u0e01-\u0e4f])-(\\u0e[0-4][0-9a-f]|[\u0e01-\u0e4f])")


def test_thai_character_classes_are_defined_once():
    """A Thai character range ("ก-ฮ", "\\u0e48-\\u0e4b") is written only in text/chars.py; the rest import it.

    """
    bad = []
    for module, path in MODULES.items():
        if module == "extractor.text.chars":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if THAI_RANGE.search(line):
                bad.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not bad, "\n".join(bad)
    assert THAI_RANGE.search(r'TONES = "\u0e48-\u0e4b"') and THAI_RANGE.search("[ก-ฮ]")


def test_our_character_classes_agree_with_pythainlp():
    import pythainlp
    from extractor.text import chars
    assert chars.char_set(chars.TONES) == set(pythainlp.thai_tonemarks)
    assert chars.char_set(chars.LEADING_VOWELS) == set(pythainlp.thai_lead_vowels)
    assert set(pythainlp.thai_consonants) <= chars.char_set(chars.CONSONANTS)
    assert set(pythainlp.thai_above_vowels + pythainlp.thai_below_vowels) <= chars.char_set(chars.COMBINING)
