#!/usr/bin/env python3
"""Entry point: `python cli.py COMMAND …` (same as the `ita` console script)."""
import sys

from extractor.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
