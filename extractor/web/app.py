"""The Flask app: upload → background extraction → result page; search when a store is given.

Only routing and HTTP live here. Extraction is :func:`extractor.pipeline.extract`
(run by :mod:`.jobs`), the page layout is :mod:`.view`, the words are
:mod:`.i18n`. Everything the page needs (styles, script, fonts by system
name) is served from this package: the app fetches nothing from the internet.
"""
from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from urllib.parse import urlencode
from typing import Any

from flask import (Flask, Response, abort, g, jsonify, redirect, render_template, request,
                   send_file, url_for)
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from ..text.dates import be_year
from ..errors import UnusableInput
from ..history.base import db_arg
from . import i18n, view
from .jobs import Extractor, Job, Jobs

log = logging.getLogger(__name__)

MB = 1024 * 1024
DEFAULT_MAX_MB = 50
DEFAULT_TTL = 3600          # seconds an upload and its result are kept
LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "::1", "[::1]"]
IMAGE_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"II*\x00": "image/tiff",
               b"MM\x00*": "image/tiff"}
# No inline script or style, nothing from another origin: the page works offline and resists injection.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def pipeline_extractor(rules_files: list[Path] | tuple = ()) -> Extractor:
    """The real extraction: a path in, the ita-extract/1 JSON out."""
    def run(path: Path) -> dict[str, Any]:
        from ..pipeline import extract
        return extract(path, rules_files=rules_files).to_json()
    return run


def create_app(*, db: Path | None = None, max_mb: float = DEFAULT_MAX_MB, ttl: float = DEFAULT_TTL,
               workers: int = 1, extractor: Extractor | None = None, upload_root: Path | None = None,
               loopback_only: bool = True) -> Flask:
    """A configured app. ``db`` turns on the search page; ``loopback_only`` refuses other Host names
    (a page on another site cannot reach this server by DNS rebinding)."""
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=int(max_mb * MB),
        ITA_MAX_MB=max_mb, ITA_TTL=ttl, ITA_DB=db_arg(str(db)) if db else None,
        TRUSTED_HOSTS=LOOPBACK_HOSTS if loopback_only else None,
        JSON_AS_ASCII=False,
    )
    app.json.ensure_ascii = False
    if app.config["ITA_DB"] is not None:
        from .store import open_store
        open_store(app.config["ITA_DB"]).close()  # a missing store fails at start, with the CLI's message
    app.extensions["ita_jobs"] = Jobs(extractor or pipeline_extractor(), workers=workers, ttl=ttl,
                                      root=upload_root)
    _register(app)
    return app


def jobs_of(app: Flask) -> Jobs:
    return app.extensions["ita_jobs"]


# ---------------------------------------------------------------- language and headers

def t(key: str, **values: object) -> str:
    return i18n.translate(key, g.get("lang", i18n.DEFAULT_LANG), **values)


def _switch_url() -> str:
    """This page in the other language (a form post's page switches on the upload page)."""
    if request.method != "GET":
        return url_for("index", lang="th" if g.lang == "en" else "en")
    args = request.args.to_dict()
    args["lang"] = "th" if g.lang == "en" else "en"
    return request.path + "?" + urlencode(args)


def _wants_json() -> bool:
    return (request.headers.get("X-Requested-With") == "fetch"
            or request.accept_mimetypes.best == "application/json")


def _register(app: Flask) -> None:
    @app.before_request
    def choose_language() -> None:
        g.lang = i18n.pick(request.args.get("lang") or request.cookies.get(i18n.COOKIE))

    @app.after_request
    def headers(resp: Response) -> Response:
        if request.args.get("lang") in i18n.LANGS:
            resp.set_cookie(i18n.COOKIE, request.args["lang"], max_age=365 * 86400, samesite="Lax")
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        if resp.mimetype == "text/html":
            resp.headers.setdefault("Content-Security-Policy", CSP)
            resp.headers.setdefault("X-Frame-Options", "DENY")
        return resp

    @app.context_processor
    def helpers() -> dict[str, Any]:
        return {"t": t, "lang": g.get("lang", i18n.DEFAULT_LANG), "switch_url": _switch_url,
                "has_search": app.config["ITA_DB"] is not None, "page_ranges": view.page_ranges,
                "max_mb": _fmt_mb(app.config["ITA_MAX_MB"]), "ttl_minutes": int(app.config["ITA_TTL"] // 60),
                "max_bytes": app.config["MAX_CONTENT_LENGTH"], "known_labels": i18n.TEXT}

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(e: HTTPException):
        return _upload_error(t("too_large", mb=_fmt_mb(app.config["ITA_MAX_MB"])), 413)

    @app.errorhandler(404)
    def not_found(e: HTTPException):
        if request.path.endswith("/status") or _wants_json():
            return jsonify(error=t("not_found")), 404
        return render_template("message.html", heading=t("not_found"), message=None), 404

    @app.errorhandler(Exception)
    def internal(e: Exception):
        if isinstance(e, HTTPException):
            return e
        log.exception("request failed: %s", request.path)
        return render_template("message.html", heading=t("server_error"), message=None), 500

    # ------------------------------------------------------------ upload and jobs

    @app.get("/")
    def index():
        return render_template("upload.html", error=None)

    @app.post("/upload")
    def upload():
        file = request.files.get("file")
        if file is None or not file.filename:
            return _upload_error(t("upload_none"), 400)
        try:
            job = jobs_of(app).submit(file.stream, file.filename)
        except UnusableInput as e:
            return _upload_error(e.reason, 400)
        result_url = url_for("job_page", job_id=job.id)
        if _wants_json():
            return jsonify(id=job.id, status_url=url_for("job_status", job_id=job.id),
                           result_url=result_url), 202
        return redirect(result_url, 303)

    @app.get("/jobs/<job_id>")
    def job_page(job_id: str):
        job = _job(job_id)
        if job.state == "done":
            return _result(job.report, job=job)
        if job.state == "failed":
            return render_template("message.html", heading=t("state_failed"), message=job.error,
                                   file=job.filename, retry=True), 422
        return render_template("progress.html", job=job)

    @app.get("/jobs/<job_id>/status")
    def job_status(job_id: str):
        return jsonify(_job(job_id).status())

    @app.get("/jobs/<job_id>/report.json")
    def job_json(job_id: str):
        job = _job(job_id)
        if job.state != "done":
            abort(404)
        return _json_download(job.report, Path(job.filename).stem)

    @app.get("/jobs/<job_id>/source")
    def job_source(job_id: str):
        """The uploaded PDF or image itself, so a measure's page link opens that page."""
        job = _job(job_id)
        if job.kind not in ("pdf", "image") or not job.path.exists():
            abort(404)
        with open(job.path, "rb") as f:
            head = f.read(8)
        mime = "application/pdf" if job.kind == "pdf" else next(
            (m for magic, m in IMAGE_TYPES.items() if head.startswith(magic)), "application/octet-stream")
        return send_file(job.path, mimetype=mime, download_name=job.filename, as_attachment=False)

    def _job(job_id: str) -> Job:
        job = jobs_of(app).get(job_id)
        if job is None:
            abort(404)
        return job

    # ------------------------------------------------------------ search (with --db)

    @app.get("/search")
    def search_page():
        if app.config["ITA_DB"] is None:
            return render_template("message.html", heading=t("search_heading"),
                                   message=t("search_disabled")), 404
        from .store import choices, find, open_store
        form = {k: (request.args.get(k) or "").strip() for k in ("q", "agency", "year", "rule")}
        year, error = _year(form["year"])
        conn = open_store(app.config["ITA_DB"])
        try:
            options = choices(conn)
            result = None
            if error is None and any(form.values()):
                result = find(conn, form["q"], agency=form["agency"] or None, year=year,
                              rule=form["rule"] or None)
        finally:
            conn.close()
        hits = [dict(h, segments=view.snippet_segments(h["snippet"], h["highlights"]))
                for h in (result or {}).get("hits", [])]
        return render_template("search.html", form=form, options=options, result=result, hits=hits,
                               error=error)

    @app.get("/reports/<int:report_id>")
    def stored_page(report_id: int):
        return _result(_stored(report_id), job=None, stored_id=report_id)

    @app.get("/reports/<int:report_id>.json")
    def stored_json(report_id: int):
        data = _stored(report_id)
        return _json_download(data, Path((data.get("source") or {}).get("file") or f"report-{report_id}").stem)

    def _stored(report_id: int) -> dict[str, Any]:
        if app.config["ITA_DB"] is None:
            abort(404)
        from .store import open_store, stored_report
        conn = open_store(app.config["ITA_DB"])
        try:
            data = stored_report(conn, report_id)
        finally:
            conn.close()
        if data is None:
            abort(404)
        return data


def _year(text: str) -> tuple[int | None, str | None]:
    """"๒๕๖๘" / "2568" / "2025" → 2568; an error text when it is not a year."""
    if not text:
        return None, None
    try:
        return be_year(text), None
    except ValueError:
        return None, t("search_bad_year")


def _result(report: dict[str, Any], *, job: Job | None, stored_id: int | None = None):
    """The result page, with the findings list filtered by ?severity= and ?rule= (no JS needed)."""
    layout = view.build(report)
    severity = request.args.get("severity") or ""
    rule = request.args.get("rule") or ""
    shown = {f.id for f in layout.findings
             if (not severity or f.severity == severity) and (not rule or f.rule == rule)}
    return render_template("result.html", report=report, v=layout, job=job, stored_id=stored_id,
                           severity=severity, rule=rule, shown=shown)


def _json_download(data: dict[str, Any], stem: str) -> Response:
    blob = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    return send_file(io.BytesIO(blob), mimetype="application/json", as_attachment=True,
                     download_name=f"{stem or 'report'}.json")


def _upload_error(message: str, status: int):
    if _wants_json():
        return jsonify(error=message), status
    return render_template("upload.html", error=message), status


def _fmt_mb(mb: float) -> str:
    return f"{mb:g}"
