"""Thai and Arabic digits: for parsing numbers, while text keeps the document's own digits."""
from __future__ import annotations

import re


# ๐–๙ ↔ 0–9, as pythainlp.util's digit converters (not imported: PyThaiNLP loads its whole library)
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def arabic_digits(text: str) -> str:
    """"๒๕๖๘" → "2568" (for parsing numbers; text fields keep the document's digits)."""
    return text.translate(_TO_ARABIC)


def thai_digits(text: str) -> str:
    """"2568" → "๒๕๖๘" (to quote a number the way a Thai-digit document writes it)."""
    return text.translate(_TO_THAI)


def to_arabic_int(digits: str) -> int:
    """"๒๙" → 29."""
    return int(arabic_digits(digits))


def squash(text: str) -> str:
    """Text with all whitespace removed: for comparing Thai strings whatever their spacing."""
    return re.sub(r"\s+", "", text)
