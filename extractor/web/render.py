"""Small helpers every page uses: the words in the chosen language, JSON or HTML answers, the result page."""
from __future__ import annotations

import io
import json
from typing import Any
from urllib.parse import urlencode

from flask import Response, g, jsonify, render_template, request, send_file, url_for

from . import i18n, view


def t(key: str, **values: object) -> str:
    return i18n.translate(key, g.get("lang", i18n.DEFAULT_LANG), **values)


def switch_url() -> str:
    """This page in the other language (a form post's page switches on the upload page)."""
    other = "th" if g.lang == "en" else "en"
    if request.method != "GET":
        return url_for("uploads.index", lang=other)
    args = request.args.to_dict()
    args["lang"] = other
    return request.path + "?" + urlencode(args)


def wants_json() -> bool:
    return (request.headers.get("X-Requested-With") == "fetch"
            or request.accept_mimetypes.best == "application/json")


def upload_error(message: str, status: int):
    if wants_json():
        return jsonify(error=message), status
    return render_template("upload.html", error=message), status


def result_page(report: dict[str, Any], *, job: Any = None, stored_id: int | None = None):
    """The result page, with the findings list filtered by ?severity= and ?rule= (no JS needed)."""
    layout = view.build(report)
    severity = request.args.get("severity") or ""
    rule = request.args.get("rule") or ""
    shown = {f.id for f in layout.findings
             if (not severity or f.severity == severity) and (not rule or f.rule == rule)}
    return render_template("result.html", report=report, v=layout, job=job, stored_id=stored_id,
                           severity=severity, rule=rule, shown=shown)


def json_download(data: dict[str, Any], stem: str) -> Response:
    blob = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    return send_file(io.BytesIO(blob), mimetype="application/json", as_attachment=True,
                     download_name=f"{stem or 'report'}.json")


def fmt_mb(mb: float) -> str:
    return f"{mb:g}"
