"""Small real images for the OCR tests, drawn with the Thai fonts the system ships.

Laksaman (fonts-thai-tlwg) is a metric clone of TH Sarabun PSK, the face of most
Thai government documents; PIL lays Thai out with libraqm, so marks sit where
Word would put them. Nothing here is a mock: Tesseract reads these pixels.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")


def font(size: int = 44) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


def text_image(text: str, size: int = 44, pad: int = 30) -> Image.Image:
    """One line of black text on white, like a crop of a 300-dpi page."""
    f = font(size)
    x0, y0, x1, y1 = f.getbbox(text)
    im = Image.new("L", (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad + size // 3), 255)
    ImageDraw.Draw(im).text((pad - x0, pad), text, font=f, fill=0)
    return im


def table_image(rows: list[list[str]], col_w: int = 330, size: int = 40, title: str = "") -> Image.Image:
    """A ruled table (one line of text per cell, "\\n" for more), with an optional title above."""
    f = font(size)
    line_h = int(size * 1.6)
    heights = [max(len(c.split("\n")) for c in r) * line_h + 40 for r in rows]
    top = 160 if title else 60
    w = col_w * len(rows[0]) + 120
    h = top + sum(heights) + 80
    im = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(im)
    if title:
        d.text((60, 50), title, font=f, fill=0)
    y = top
    for r, rh in zip(rows, heights):
        for ci, cell in enumerate(r):
            x = 60 + ci * col_w
            for li, ln in enumerate(cell.split("\n")):
                d.text((x + 18, y + 14 + li * line_h), ln, font=f, fill=0)
        y += rh
    ys = [top]
    for rh in heights:
        ys.append(ys[-1] + rh)
    for yy in ys:
        d.line([(60, yy), (60 + col_w * len(rows[0]), yy)], fill=0, width=3)
    for ci in range(len(rows[0]) + 1):
        x = 60 + ci * col_w
        d.line([(x, top), (x, ys[-1])], fill=0, width=3)
    return im
