"""Upload a document, follow its job, see and download its result (Blueprint "uploads")."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, send_file, url_for

from ..errors import UnusableInput
from ..read.sniff import IMAGE_MAGIC
from .jobs import Busy, Job, jobs_of
from .render import json_download, result_page, t, upload_error, wants_json

bp = Blueprint("uploads", __name__)

MIME = {"png": "image/png", "jpeg": "image/jpeg", "tiff": "image/tiff"}


def job_or_404(job_id: str) -> Job:
    job = jobs_of(current_app).get(job_id)
    if job is None:
        abort(404)
    return job


@bp.get("/")
def index():
    return render_template("upload.html", error=None)


@bp.post("/upload")
def upload():
    file = request.files.get("file")
    if file is None or not file.filename:
        return upload_error(t("upload_none"), 400)
    try:
        job = jobs_of(current_app).submit(file.stream, file.filename)
    except UnusableInput as e:
        return upload_error(e.reason, 400)
    except Busy:
        return upload_error(t("busy"), 503)
    result_url = url_for("uploads.job_page", job_id=job.id)
    if wants_json():
        return jsonify(id=job.id, status_url=url_for("uploads.job_status", job_id=job.id),
                       result_url=result_url), 202
    return redirect(result_url, 303)


@bp.get("/jobs/<job_id>")
def job_page(job_id: str):
    job = job_or_404(job_id)
    if job.state == "done":
        return result_page(job.report, job=job)
    if job.state == "failed":
        return render_template("message.html", heading=t("state_failed"), message=job.error,
                               file=job.filename, retry=True), 422
    return render_template("progress.html", job=job)


@bp.get("/jobs/<job_id>/status")
def job_status(job_id: str):
    return jsonify(job_or_404(job_id).status())


@bp.get("/jobs/<job_id>/report.json")
def job_json(job_id: str):
    job = job_or_404(job_id)
    if job.state != "done":
        abort(404)
    return json_download(job.report, Path(job.filename).stem)


@bp.get("/jobs/<job_id>/source")
def job_source(job_id: str):
    """The uploaded PDF or image itself, so a measure's page link opens that page."""
    job = job_or_404(job_id)
    if job.kind not in ("pdf", "image") or not job.path.exists():
        abort(404)
    return send_file(job.path, mimetype=source_mime(job), download_name=job.filename, as_attachment=False)


def source_mime(job: Job) -> str:
    if job.kind == "pdf":
        return "application/pdf"
    with open(job.path, "rb") as f:
        head = f.read(8)
    kind = next((k for magic, k in IMAGE_MAGIC.items() if head.startswith(magic)), None)
    return MIME.get(kind or "", "application/octet-stream")
