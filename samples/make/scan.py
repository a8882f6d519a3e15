"""Turn a born-digital report.pdf into an office-style scan.pdf for the OCR path.

`python samples/make/scan.py REPORT.pdf SCAN.pdf [--dpi 250] [--seed N]`

Each page is rendered (pypdfium2), then degraded the way a copier-scanner
degrades paper: greyscale, a small skew (0.5–1.5°, either way), a slight blur,
sensor noise, uneven brightness, and JPEG at quality ≈70. The result is an
image-only PDF (no text layer), a few hundred KB per page.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter

NOISE = 3.0  # grey levels of sensor noise; more makes JPEG pages balloon in size


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


def make_scan(pdf: Path, out: Path, *, dpi: int = 250, seed: int = 0) -> Path:
    rng = random.Random(seed)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        pages = [degrade(doc[i].render(scale=dpi / 72).to_pil(), rng) for i in range(len(doc))]
    finally:
        doc.close()
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:],
                  quality=70)  # Pillow writes L images as DCTDecode (JPEG)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dpi", type=int, default=250)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    make_scan(a.pdf, a.out, dpi=a.dpi, seed=a.seed)


if __name__ == "__main__":
    main()
