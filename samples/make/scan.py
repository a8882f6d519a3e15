"""Turn a born-digital report.pdf into a scanned scan.pdf for the OCR path.

`python samples/make/scan.py REPORT.pdf SCAN.pdf [--style office|fax|photo] [--dpi N] [--seed N]`

Each page is rendered (pypdfium2), then degraded the way paper gets degraded
on its way into an archive:

- ``office`` — a copier-scanner: greyscale, a small skew (0.5–1.5°, either way),
  a slight blur, sensor noise, uneven brightness, JPEG at quality ≈70.
- ``fax`` — a 150 dpi greyscale JPEG at low quality: coarse strokes, heavier
  blur and noise, a darker background, tone marks that barely survive.
- ``photo`` — a phone photo of the page lying on a desk: colour, the page a
  tilted quadrilateral (perspective) on a textured background, light falling
  off across the page and a soft shadow, JPEG at quality ≈85.

Per page, a scan may also be turned (``rotate={page: 90|180|270}``: the sheet
fed upside down or sideways) or copied badly (``faded={page: strength}``: a
copy of a copy, strokes thinned and small marks lost). The result is an
image-only PDF (no text layer).
"""
from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

NOISE = 3.0  # grey levels of sensor noise; more makes JPEG pages balloon in size


@dataclass(frozen=True)
class ScanStyle:
    """How a case's scan is made (the YAML's ``scan:`` block)."""

    style: str = "office"                 # office | fax | photo
    dpi: int = 250
    quality: int = 70                     # JPEG quality
    rotate: dict[int, int] = field(default_factory=dict)   # 1-based page → degrees counter-clockwise
    faded: dict[int, float] = field(default_factory=dict)  # 1-based page → 0..1 strength

    @classmethod
    def of(cls, d: dict | None) -> "ScanStyle":
        d = dict(d or {})
        style = d.get("style", "office")
        base = {"office": {}, "fax": {"dpi": 150, "quality": 45}, "photo": {"dpi": 200, "quality": 85}}[style]
        for k in ("rotate", "faded"):
            d[k] = {int(p): v for p, v in (d.get(k) or {}).items()}
        return cls(**{**base, **d})


def degrade(img: Image.Image, rng: random.Random) -> Image.Image:
    """One page image → greyscale, skewed, blurred, noisy image (JPEG happens at save)."""
    g = img.convert("L")
    angle = rng.uniform(0.5, 1.5) * rng.choice((-1, 1))
    g = g.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    g = g.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.6, 1.0)))
    a = np.asarray(g, dtype=np.float32)
    h, w = a.shape
    shade = np.linspace(rng.uniform(-12, 0), rng.uniform(0, 10), w, dtype=np.float32)[None, :]
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    a = a * rng.uniform(0.9, 0.97) + 8 + shade + nrng.normal(0, NOISE, a.shape).astype(np.float32)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def fax(img: Image.Image, rng: random.Random) -> Image.Image:
    """A fax-quality page: low resolution is set by the render dpi; here a grey, dirty,
    slightly skewed page with horizontal streaks of a worn feed roller."""
    g = img.convert("L")
    g = g.rotate(rng.uniform(0.3, 1.2) * rng.choice((-1, 1)), resample=Image.BICUBIC, fillcolor=255)
    g = g.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.5, 0.7)))
    a = np.asarray(g, dtype=np.float32)
    h, w = a.shape
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    streaks = np.zeros((h, 1), np.float32)
    for _ in range(rng.randint(2, 5)):
        y = rng.randrange(h)
        streaks[y:y + rng.randint(1, 3)] = rng.uniform(-25, -10)
    a = a * 0.85 + 20 + streaks + nrng.normal(0, 5.0, a.shape).astype(np.float32)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def fade(img: Image.Image, strength: float, rng: random.Random) -> Image.Image:
    """A copy of a copy: the page shrunk and grown back (small marks blur into their letters),
    strokes thinned, contrast lowered. ``strength`` 0..1."""
    g = img.convert("L")
    w, h = g.size
    k = 1.0 - 0.55 * strength
    g = g.resize((max(1, int(w * k)), max(1, int(h * k))), Image.BILINEAR).resize((w, h), Image.BILINEAR)
    g = g.filter(ImageFilter.MaxFilter(3)) if strength > 0.5 else g  # thinner dark strokes
    a = np.asarray(g, dtype=np.float32)
    a = 255 - (255 - a) * (1 - 0.45 * strength)  # lighter toner
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def photo(img: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo of the page on a desk: perspective, background, uneven light, colour."""
    import cv2
    page = np.asarray(img.convert("RGB"), dtype=np.uint8)
    h, w = page.shape[:2]
    margin = int(0.08 * max(w, h))
    W, H = w + 2 * margin, h + 2 * margin
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    # a wooden-brown desk with some texture
    base = np.array([rng.randint(95, 130), rng.randint(75, 95), rng.randint(50, 65)], np.float32)
    desk = base[None, None, :] + nrng.normal(0, 6, (H, W, 1)).astype(np.float32)
    desk += (np.sin(np.linspace(0, rng.uniform(20, 40), W))[None, :, None] * 6).astype(np.float32)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    j = lambda s: rng.uniform(0.2, 1.0) * s * rng.choice((-1, 1))
    dst = np.float32([[margin + j(0.04 * w), margin + j(0.03 * h)], [margin + w + j(0.04 * w), margin + j(0.03 * h)],
                      [margin + w + j(0.03 * w), margin + h + j(0.02 * h)], [margin + j(0.03 * w), margin + h + j(0.02 * h)]])
    # the camera is closer to one edge: shrink the far edge a little
    far = rng.uniform(0.02, 0.05) * w
    dst[0, 0] += far
    dst[1, 0] -= far
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, m, (W, H), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), m, (W, H), flags=cv2.INTER_LINEAR)
    mask = (mask.astype(np.float32) / 255)[:, :, None]
    out = warped.astype(np.float32) * mask + desk * (1 - mask)
    # light: brighter near one corner, a soft shadow of the phone across part of the page
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = rng.uniform(0.1, 0.9) * W, rng.uniform(0.0, 0.4) * H
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / np.hypot(W, H)
    light = 1.05 - 0.45 * dist
    sx = rng.uniform(0.5, 0.9) * W
    shadow = 1 - 0.18 / (1 + np.exp(-(xx - sx - 0.3 * (yy - H / 2)) / (0.03 * W)))
    out = out * (light * shadow)[:, :, None]
    out = out * np.float32([1.0, 0.97, 0.9])  # warm indoor light
    out += nrng.normal(0, 4, out.shape).astype(np.float32)
    out = cv2.GaussianBlur(np.clip(out, 0, 255).astype(np.uint8), (0, 0), rng.uniform(0.7, 1.1))
    return Image.fromarray(out, "RGB")


def make_scan(pdf: Path, out: Path, *, dpi: int | None = None, seed: int = 0,
              style: ScanStyle | None = None) -> Path:
    """Render every page of ``pdf`` and degrade it as ``style`` says; write an image-only PDF."""
    style = style or ScanStyle()
    dpi = dpi or style.dpi
    rng = random.Random(seed)
    doc = pdfium.PdfDocument(str(pdf))
    pages = []
    try:
        for i in range(len(doc)):
            img = doc[i].render(scale=dpi / 72).to_pil()
            if i + 1 in style.faded:
                img = fade(img, style.faded[i + 1], rng)
            img = {"office": degrade, "fax": fax, "photo": photo}[style.style](img, rng)
            if i + 1 in style.rotate:
                img = img.rotate(style.rotate[i + 1], expand=True)
            pages.append(img)
    finally:
        doc.close()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:],
                  quality=style.quality)  # Pillow writes L and RGB images as DCTDecode (JPEG)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--style", default="office", choices=("office", "fax", "photo"))
    ap.add_argument("--dpi", type=int)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    make_scan(a.pdf, a.out, dpi=a.dpi, seed=a.seed, style=ScanStyle.of({"style": a.style}))


if __name__ == "__main__":
    main()
