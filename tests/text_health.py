#!/usr/bin/env python3
"""How healthy is a Thai text? (A copy of the team's text_health.py, kept so the
real-PDF tests need only the real PDFs beside the repository.) Counts extraction damage and the dictionary share.

usage: text_health.py [FILE ...]   (no FILE: reads standard input)

damage   — PUA glyphs, ํา / าํ, consonant+space+า ("ส านักงาน"), consonant+space+mark,
           U+FFFD and (cid:N) left in the text
dict     — share of Thai characters that fall in dictionary words (pythainlp newmm
           and its word list); clean report text scores about 0.99, raw pdfplumber
           text of the real PDFs about 0.89
thai     — number of Thai characters (repair should not lose text)
"""
import re, sys

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize

DAMAGE = {
    "pua": r"[\uf700-\uf8ff]", "nikhahit_aa": "\u0e4d\u0e32", "aa_nikhahit": "\u0e32\u0e4d",
    "split_am": r"[\u0e01-\u0e2e][\u0e48-\u0e4b]? \u0e32",
    "space_mark": r"[\u0e01-\u0e2e] [\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]",
    "fffd": "\ufffd", "cid": r"\(cid:\d+\)",
}
WORDS = set(thai_words())


def health(text):
    damage = {k: len(re.findall(p, text)) for k, p in DAMAGE.items()}
    total = good = 0
    for run in re.findall(r"[\u0e01-\u0e4e]+", text):
        for w in word_tokenize(run, engine="newmm", keep_whitespace=False):
            total += len(w)
            good += len(w) if w in WORDS else 0
    return {"damage": sum(damage.values()), "by_kind": {k: v for k, v in damage.items() if v},
            "dict": round(good / total, 4) if total else 0.0,
            "thai": len(re.findall(r"[\u0e01-\u0e5b]", text))}


if __name__ == "__main__":
    sources = sys.argv[1:] or ["-"]
    for src in sources:
        text = sys.stdin.read() if src == "-" else open(src, encoding="utf-8").read()
        print(src, health(text))
