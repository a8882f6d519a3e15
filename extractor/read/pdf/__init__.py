"""Born-digital PDFs: glyphs and ruling lines (pypdfium2) → pages of lines and table rows."""
from .reader import read_pdf

__all__ = ["read_pdf"]
