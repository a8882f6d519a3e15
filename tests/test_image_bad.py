"""Images that are not documents: each gives UnusableInput with a Thai + English reason."""
from __future__ import annotations

import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from extractor.errors import UnusableInput
from extractor.read.image import read_image


def _png_header_only(path, w: int, h: int) -> None:
    """A PNG that claims w×h pixels: the bomb is refused before any pixel is decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16))
                     + chunk(b"IEND", b""))


def test_blank_page(tmp_path):
    p = tmp_path / "blank.png"
    Image.new("L", (1654, 2339), 255).save(p)
    with pytest.raises(UnusableInput, match="no text found"):
        read_image(p)


def test_photo_without_text(tmp_path):
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:900, 0:1200]
    sky = (120 + 80 * np.sin(x / 90.0) * np.cos(y / 70.0)).astype(np.float32)
    img = np.clip(sky + rng.normal(0, 18, sky.shape), 0, 255).astype(np.uint8)
    img[500:900, 200:700] = 60  # a dark building
    p = tmp_path / "photo.jpg"
    Image.fromarray(img).convert("RGB").save(p)
    with pytest.raises(UnusableInput, match="no text found"):
        read_image(p)


def test_decompression_bomb(tmp_path):
    p = tmp_path / "bomb.png"
    _png_header_only(p, 20000, 20000)
    with pytest.raises(UnusableInput, match="megapixels"):
        read_image(p)


def test_truncated_and_tiny(tmp_path):
    p = tmp_path / "cut.png"
    Image.new("L", (800, 600), 255).save(p)
    p.write_bytes(p.read_bytes()[:60])
    with pytest.raises(UnusableInput):
        read_image(p)
    tiny = tmp_path / "tiny.png"
    Image.new("L", (40, 30), 0).save(tiny)
    with pytest.raises(UnusableInput, match="too small"):
        read_image(tiny)
