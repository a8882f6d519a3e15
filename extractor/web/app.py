"""The Flask app: configuration and the Blueprints that make the page.

Only wiring lives here. The pages are Blueprints — :mod:`.uploads` (upload,
job, result), :mod:`.search` (search and stored reports, with ``--db``) and
:mod:`.frame` (language, headers, error pages for all); extraction is the
guarded worker behind :mod:`.jobs`, the page layout :mod:`.view`, the words
:mod:`.i18n`. Everything the page needs (styles, script, fonts by system name)
is served from this package: the app fetches nothing from the internet.
"""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from ..options import DEFAULT, ExtractOptions
from . import frame, search, uploads
from .jobs import Extractor, Jobs, GuardedExtractor, jobs_of
from ..history.base import db_arg

__all__ = ["create_app", "jobs_of", "GuardedExtractor"]

MB = 1024 * 1024
DEFAULT_MAX_MB = 50
DEFAULT_TTL = 3600          # seconds an upload and its result are kept
DEFAULT_QUEUE = 20          # uploads waiting beyond the running ones; more get "busy" (503)
LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "::1", "[::1]"]


def create_app(*, db: Path | None = None, max_mb: float = DEFAULT_MAX_MB, ttl: float = DEFAULT_TTL,
               workers: int = 1, extractor: Extractor | None = None, upload_root: Path | None = None,
               loopback_only: bool = True, options: ExtractOptions = DEFAULT,
               max_queue: int = DEFAULT_QUEUE) -> Flask:
    """A configured app. ``db`` turns on the search page; ``loopback_only`` refuses other Host names
    (a page on another site cannot reach this server by DNS rebinding). Uploads run through
    ``extractor`` (default: the guarded worker with ``options``), ``workers`` at a time."""
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=int(max_mb * MB),
        ITA_MAX_MB=max_mb, ITA_TTL=ttl, ITA_DB=db_arg(str(db)) if db else None,
        TRUSTED_HOSTS=LOOPBACK_HOSTS if loopback_only else None,
        JSON_AS_ASCII=False,
    )
    app.json.ensure_ascii = False
    if app.config["ITA_DB"] is not None:
        from .store import check_store
        check_store(app.config["ITA_DB"])  # a missing store fails at start, with the CLI's message
    app.extensions["ita_jobs"] = Jobs(extractor or GuardedExtractor(options), workers=workers, ttl=ttl,
                                      root=upload_root, max_queue=max_queue)
    for bp in (frame.bp, uploads.bp, search.bp):
        app.register_blueprint(bp)
    from .fix import blueprint as fix_blueprint  # "download the corrected draft" for a DOCX upload
    app.config["ITA_RULES"] = tuple(options.rules_files)
    app.register_blueprint(fix_blueprint)
    return app
