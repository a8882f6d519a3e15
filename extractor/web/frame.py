"""What every page shares (a Blueprint of app-wide hooks): language, security headers, error pages."""
from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Response, current_app, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from . import i18n, view
from .render import fmt_mb, switch_url, t, upload_error, wants_json

log = logging.getLogger(__name__)

# No inline script or style, nothing from another origin: the page works offline and resists injection.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")

bp = Blueprint("frame", __name__)


@bp.before_app_request
def choose_language() -> None:
    g.lang = i18n.pick(request.args.get("lang") or request.cookies.get(i18n.COOKIE))


@bp.after_app_request
def headers(resp: Response) -> Response:
    if request.args.get("lang") in i18n.LANGS:
        resp.set_cookie(i18n.COOKIE, request.args["lang"], max_age=365 * 86400, samesite="Lax")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("Referrer-Policy", "no-referrer")
    if resp.mimetype == "text/html":
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers.setdefault("X-Frame-Options", "DENY")
    return resp


@bp.app_context_processor
def helpers() -> dict[str, Any]:
    cfg = current_app.config
    return {"t": t, "lang": g.get("lang", i18n.DEFAULT_LANG), "switch_url": switch_url,
            "has_search": cfg["ITA_DB"] is not None, "page_ranges": view.page_ranges,
            "max_mb": fmt_mb(cfg["ITA_MAX_MB"]), "ttl_minutes": int(cfg["ITA_TTL"] // 60),
            "max_bytes": cfg["MAX_CONTENT_LENGTH"], "known_labels": i18n.TEXT}


@bp.app_errorhandler(RequestEntityTooLarge)
def too_large(e: HTTPException):
    return upload_error(t("too_large", mb=fmt_mb(current_app.config["ITA_MAX_MB"])), 413)


@bp.app_errorhandler(404)
def not_found(e: HTTPException):
    if request.path.endswith("/status") or wants_json():
        return jsonify(error=t("not_found")), 404
    return render_template("message.html", heading=t("not_found"), message=None), 404


@bp.app_errorhandler(Exception)
def internal(e: Exception):
    if isinstance(e, HTTPException):
        return e
    log.exception("request failed: %s", request.path)
    return render_template("message.html", heading=t("server_error"), message=None), 500
