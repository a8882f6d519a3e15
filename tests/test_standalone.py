"""The repository stands on its own (issue 12).

Nothing the package runs names a path outside itself, and no document in the
repository links outside it. The installed wheel is checked end to end by
``scripts/wheel_check.py`` (run by ``scripts/test.sh``).
"""
from __future__ import annotations

import re
from pathlib import Path

import subprocess
import sys

from conftest import ROOT, SEED

# A file-system path from the root of a machine ("/work/…", "/usr/share/…", "C:\…"), or
# the team's folder beside the checkout. URLs ("https://…", a web route "/search") are not paths.
ABSOLUTE = re.compile(r"(?<![\w.:/])/(?:work|home|root|tmp|usr|opt|var|etc|mnt|srv|Users|private)/"
                      r"|(?<![\w])[A-Za-z]:\\\\(?!fakepath)")
SHARED = re.compile(r"\.\./shared|\bshared/(?:seeds|data|tools|real-pdfs|real-scans)")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _package_files() -> list[Path]:
    return [p for p in (ROOT / "extractor").rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def test_no_package_file_names_an_absolute_path_or_the_team_folder():
    bad = []
    for path in _package_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images, fonts
        for n, line in enumerate(text.splitlines(), 1):
            if ABSOLUTE.search(line) or SHARED.search(line):
                bad.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not bad, "\n".join(bad)


def test_the_check_itself_catches_what_it_is_for():
    assert ABSOLUTE.search('GAZ = Path("/work/shared/data/x.json")')
    assert ABSOLUTE.search("FONTS = '/usr/share/fonts/truetype/tlwg'")
    assert SHARED.search("see ../shared/SPEC.md") and SHARED.search("shared/seeds/report.pdf")
    assert not ABSOLUTE.search('@app.route("/search")') and not ABSOLUTE.search("https://example.org/usr/x")


def _documents() -> list[Path]:
    docs = [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "samples").glob("**/*.md"),
            *(ROOT / "tests").glob("**/*.md"), *(ROOT / "extractor").glob("**/*.md")]
    return [d for d in docs if d.is_file()]


def test_every_document_link_stays_inside_the_repository_and_resolves():
    bad = []
    for doc in _documents():
        for target in LINK.findall(doc.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue  # a web address or an anchor
            path = (doc.parent / target.split("#")[0]).resolve()
            if ROOT.resolve() not in path.parents and path != ROOT.resolve():
                bad.append(f"{doc.relative_to(ROOT)}: {target} leaves the repository")
            elif not path.exists():
                bad.append(f"{doc.relative_to(ROOT)}: {target} does not exist")
        for n, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            if "../" in line:  # a path from somewhere else: a reader of the repository cannot follow it
                bad.append(f"{doc.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not bad, "\n".join(bad)


def test_tests_read_only_the_real_agency_files_beside_the_repository():
    """Everything else a test needs is in the repository; the real files may not be republished."""
    beside = re.compile(r"shared/(?!real-pdfs|real-scans)|\"shared\"(?! / \"real-(?:pdfs|scans)\")")
    bad = [f"{t.name}:{n}: {line.strip()[:100]}" for t in sorted((ROOT / "tests").glob("*.py"))
           if t.name != "test_standalone.py"
           for n, line in enumerate(t.read_text(encoding="utf-8").splitlines(), 1) if beside.search(line)]
    assert not bad, "\n".join(bad)


def test_the_contract_and_the_seed_are_in_the_repository():
    assert "ita-extract/1" in (ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8")
    seed = ROOT / "samples" / "hinlekfai-2568"
    for name in ("report.txt", "report.pdf", "report.docx", "scan.pdf", "scan-p5.png", "expected.json", "SOURCE.md"):
        assert (seed / name).is_file(), name


def test_a_missing_dependency_is_one_clear_line():
    """A checkout updated without re-installing lacks a new dependency: say which, exit 2, no traceback."""
    code = ("import sys; sys.modules['marisa_trie'] = None  # as if never installed\n"
            "from extractor.cli.main import main\n"
            f"sys.exit(main(['extract', {str(SEED / 'report.txt')!r}, '-o', '-']))")
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and not p.stdout
    assert "missing Python package 'marisa_trie'" in p.stderr and "bash scripts/setup.sh" in p.stderr
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
