"""Engine-neutral OCR types: what an engine returns and what every OCR module passes on.

At the bottom of the package: every other OCR module imports from here, this
module imports from none of them (no cycle reader ↔ fix ↔ recheck).
"""
from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels of the image the engine read


@dataclass
class Word:
    """One word (for Thai: one cluster between blanks) as the engine read it."""

    text: str
    conf: float  # 0–1
    box: Box


@dataclass
class OcrLine:
    """Words the engine put on one text line, left to right."""

    words: list[Word]
    box: Box

    @property
    def height(self) -> int:
        return max(1, self.box[3] - self.box[1])

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def line_of(words: list[Word]) -> OcrLine:
    """Words → an OcrLine sorted left to right with their union box."""
    words = sorted(words, key=lambda w: w.box[0])
    return OcrLine(words, (min(w.box[0] for w in words), min(w.box[1] for w in words),
                           max(w.box[2] for w in words), max(w.box[3] for w in words)))


@dataclass
class PageWords:
    """One page as the engine read it: its lines in the engine's reading order."""

    lines: list[OcrLine] = field(default_factory=list)

    @property
    def words(self) -> list[Word]:
        return [w for ln in self.lines for w in ln.words]


class EngineError(RuntimeError):
    """The engine could not read this image (rejected size, crash, timeout): the page falls back."""


@dataclass(frozen=True)
class OcrSettings:
    """Every OCR tolerance, with why it has that value."""

    text_height: float = 22.0   # px: Tesseract's LSTM reads Thai best with bodies about this tall
    min_scale: float = 0.35
    max_scale: float = 2.5
    max_pixels: int = 6_000_000  # the page as read (A4 at 245 dpi): bounds memory and time on any page
    cell_pad: int = 5           # px trimmed inside each cell so no rule remnant is read
    space_gap: float = 0.4      # blank run / body height above which two clusters are separate words
                                # (measured: word gaps ≥ 0.5, gaps inside Thai words ≤ 0.3)
    min_ink: float = 0.002      # pages with less dark area than this are blank
    psm_page: int = 3           # the whole page: Tesseract finds the blocks and columns
    psm_block: int = 6          # one cell: a single uniform block
    psm_sparse: int = 11        # a cell whose marks came back as a line of their own, read again
    min_line_conf: float = 0.7  # lines read below this outside a table are noise (dotted leaders,
                                # stamps, emblems: 0.6–0.65; real lines ≥ 0.85, handwriting ≈ 0.9)


MAX_SIDE = 32_000  # Tesseract refuses an image side of 32,767 px or more; stay clear of it


def check_size(image: np.ndarray) -> None:
    """Refuse what Tesseract would refuse, before handing it over."""
    h, w = image.shape[:2]
    if h < 8 or w < 8 or max(h, w) >= MAX_SIDE:
        raise EngineError(f"image size {w}x{h} px is outside what the engine reads")
