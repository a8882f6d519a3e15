"""Thai and Arabic digits: for parsing numbers, while text keeps the document's own digits."""
from __future__ import annotations

import re


def arabic_digits(text: str) -> str:
    """"๒๕๖๘" → "2568" (for parsing numbers; text fields keep the document's digits)."""
    from pythainlp.util import thai_digit_to_arabic_digit
    return thai_digit_to_arabic_digit(text)


def thai_digits(text: str) -> str:
    """"2568" → "๒๕๖๘" (to quote a number the way a Thai-digit document writes it)."""
    from pythainlp.util import arabic_digit_to_thai_digit
    return arabic_digit_to_thai_digit(text)


def to_arabic_int(digits: str) -> int:
    """"๒๙" → 29."""
    return int(arabic_digits(digits))


def squash(text: str) -> str:
    """Text with all whitespace removed: for comparing Thai strings whatever their spacing."""
    return re.sub(r"\s+", "", text)
