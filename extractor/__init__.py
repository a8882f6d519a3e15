"""ITA report extraction: read → pages → table → normalize → document → rules → output."""

__version__ = "0.1.0"
SCHEMA = "ita-extract/1"
