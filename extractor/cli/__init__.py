"""The ``ita`` command line: :func:`main` and one module per sub-command."""
from .main import main

__all__ = ["main"]
