"""The corrected draft for a DOCX upload: ``GET /jobs/<id>/fixed.docx`` (a Flask Blueprint).

It runs ``ita fix`` (:func:`extractor.fix.fix_docx`) on the uploaded draft and
sends the copy with tracked changes and comments; nothing is kept (the copy is
written beside the upload, read, and deleted). Only for a finished DOCX job:
a PDF or scan cannot be fixed, so that link is not shown and the URL is 404.
"""
from __future__ import annotations

import io
from pathlib import Path

from flask import Blueprint, abort, current_app, send_file

from ..errors import UnusableInput

blueprint = Blueprint("fix", __name__)
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@blueprint.get("/jobs/<job_id>/fixed.docx")
def fixed_docx(job_id: str):
    from ..fix import FixOptions, fix_docx

    job = current_app.extensions["ita_jobs"].get(job_id)
    if job is None or job.state != "done" or job.kind != "docx" or not job.path.exists():
        abort(404)
    out = job.path.with_name(f"{job.id}-fixed.docx")
    try:
        fix_docx(job.path, out, FixOptions(rules_files=tuple(current_app.config.get("ITA_RULES", ()))))
        data = out.read_bytes()
    except UnusableInput:
        abort(404)
    finally:
        out.unlink(missing_ok=True)
    return send_file(io.BytesIO(data), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=f"{Path(job.filename).stem or 'draft'}-fixed.docx")
