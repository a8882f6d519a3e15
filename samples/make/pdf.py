"""DOCX → PDF with LibreOffice, as offices export their reports.

A private LibreOffice profile per run keeps us clear of any other soffice the
machine is running (two instances sharing a profile silently do nothing).
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def docx_to_pdf(docx: Path, pdf: Path, timeout: int = 180) -> Path:
    """Convert ``docx`` to ``pdf`` (overwritten); raise RuntimeError if LibreOffice fails."""
    with tempfile.TemporaryDirectory(prefix="samples-lo-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(outdir), str(docx)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
        made = outdir / (docx.stem + ".pdf")
        if not made.exists():
            raise RuntimeError(f"LibreOffice made no PDF for {docx}")
        shutil.move(str(made), pdf)
    return pdf


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()
