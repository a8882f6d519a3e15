"""Phone photos of pages: find the sheet, flatten it, even out the light.

A photo shows the sheet as a bright quadrilateral on a darker, bigger
background, lit unevenly. The sheet's outline is the largest four-cornered
contour of the bright area (found at ≤ 1000 px); it is warped to a rectangle at
the photo's own resolution. Light is then evened by dividing by the paper's own
brightness (a wide closing of the page removes the text and keeps the paper).
A flatbed scan fills the image and has even paper: it is returned untouched.
"""
from __future__ import annotations

import cv2
import numpy as np

MIN_SHEET = 0.25     # the sheet covers at least this share of the photo …
MAX_SHEET = 0.93     # … and at most this: a bigger quad is the scan's own edge
MIN_CONTRAST = 25    # grey levels between the sheet and what is around it
UNEVEN = 40          # paper brighter in one place than another by this much: even it out


def _order(pts: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]], np.float32)


def sheet_quad(grey: np.ndarray) -> np.ndarray | None:
    """The sheet's four corners in ``grey``'s pixels, or None when the image is the sheet."""
    k = max(1.0, max(grey.shape) / 1000)
    small = cv2.resize(grey, None, fx=1 / k, fy=1 / k, interpolation=cv2.INTER_AREA) if k > 1 else grey
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 25)))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    c = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(c) / small.size
    if not MIN_SHEET <= share <= MAX_SHEET:
        return None
    quad = cv2.approxPolyDP(cv2.convexHull(c), 0.02 * cv2.arcLength(c, True), True)
    if len(quad) != 4:
        return None
    mask = np.zeros_like(small)
    cv2.fillConvexPoly(mask, quad.reshape(-1, 2), 255)
    if not (mask == 0).any() or float(np.median(small[mask > 0])) - float(np.median(small[mask == 0])) < MIN_CONTRAST:
        return None
    return _order(quad.reshape(-1, 2).astype(np.float32) * k)


def even_light(grey: np.ndarray) -> np.ndarray:
    """Divide by the paper's brightness where it varies (shadow, lamp): text stays, light goes."""
    k = max(1.0, max(grey.shape) / 800)
    small = cv2.resize(grey, None, fx=1 / k, fy=1 / k, interpolation=cv2.INTER_AREA) if k > 1 else grey
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (31, 31)))
    paper = cv2.medianBlur(paper, 21)
    lo, hi = np.percentile(paper, (5, 95))
    if hi - lo < UNEVEN:
        return grey
    paper = cv2.resize(paper, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    out = grey.astype(np.float32) * (255.0 / np.maximum(paper.astype(np.float32), 1.0))
    return np.clip(out, 0, 255).astype(np.uint8)


def flatten(grey: np.ndarray) -> np.ndarray:
    """A photo → the sheet alone, square-on, evenly lit; a scan → itself."""
    quad = sheet_quad(grey)
    if quad is None:
        return grey
    tl, tr, br, bl = quad
    w = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    h = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    m = cv2.getPerspectiveTransform(quad, np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], np.float32))
    sheet = cv2.warpPerspective(grey, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    return even_light(sheet)
