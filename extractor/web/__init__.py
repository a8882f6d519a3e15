"""A local web page for officers: upload a draft report, see its table and findings marked in place.

Start it with ``python cli.py serve`` (see docs/web.md); :func:`create_app` builds
the Flask app for the command and the tests.
"""
from .app import create_app

__all__ = ["create_app"]
