"""The repository stands on its own (issue 12).

Nothing the package runs names a path outside itself, and no document in the
repository links outside it. The installed wheel is checked end to end by
``scripts/wheel_check.py`` (run by ``scripts/test.sh``).
"""
from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

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
    assert not bad, "\n".join(bad)


def test_the_contract_and_the_seed_are_in_the_repository():
    assert "ita-extract/1" in (ROOT / "docs" / "SPEC.md").read_text(encoding="utf-8")
    seed = ROOT / "samples" / "hinlekfai-2568"
    for name in ("report.txt", "report.pdf", "report.docx", "scan.pdf", "scan-p5.png", "expected.json", "SOURCE.md"):
        assert (seed / name).is_file(), name
