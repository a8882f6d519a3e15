"""Why another agency is named: a copied template's leftover, or a legitimate mention.

A template leftover puts another agency where the report's own would stand, as
the owner or doer of the work: "ตรวจสอบข้อมูลการจัดซื้อจัดจ้างของเทศบาลตำบลท่าเยี่ยม",
"ให้คณะกรรมการขององค์การบริหารส่วนตำบลคลองกิ่วลงนาม". A legitimate mention names
it as a place visited, a partner, a sender or a recipient: "ศึกษาดูงาน ณ
เทศบาลเมืองท่าช้าง", "ประสานงานกับ ทต.ท่าข้าม", "ได้รับหนังสือจาก อบต.…". The
difference is in the words just before the name, so a mention is legitimate
when a cue word (``agency_mismatch.mention_cues`` in ``rules/agencies.yaml``)
stands in the phrase that leads to it; without one, another agency in the own
agency's place is a leftover (the default: that is where leftovers sit).

The phrase is the text back to the previous space, widened over short chunks
("ศึกษาดูงาน ณ " is one phrase) up to ``min_chars``, never past ``max_chars``
nor past the previous agency named. A name joined to the previous one by a
conjunction ("ร่วมกับ ทต.ท่าข้าม และ อบต.หนองปรือ") shares its reading.

>>> legit = read_mentions("และศึกษาดูงาน ณ เทศบาลเมืองท่าช้าง", [(16, 34)], {})
>>> legit
[True]
>>> read_mentions("ตรวจสอบข้อมูลของเทศบาลตำบลท่าเยี่ยม", [(16, 35)], {})
[False]
"""
from __future__ import annotations

from typing import Any

from .thaitext import cuts_syllable, letters, token_boundary

# Defaults when rules/agencies.yaml does not say (it does; these keep the module usable alone).
CUES = ("ณ", "ศึกษาดูงาน", "ดูงาน", "เยี่ยมชม", "ร่วมกับ", "กับ", "ประสานงาน", "ประสาน",
        "เครือข่าย", "ความร่วมมือ", "แลกเปลี่ยน", "จาก", "ไปยัง", "ต้นแบบ")
JOINERS = ("และ", "หรือ", ",", "/", "กับ", "รวมทั้ง", "ตลอดจน")
MIN_CHARS = 10  # a phrase shorter than this ("ณ ", "กับ ") is widened to the chunk before it
MAX_CHARS = 40  # never look further back than this: a cue there belongs to another clause


def phrase_before(text: str, start: int, floor: int, min_chars: int = MIN_CHARS,
                  max_chars: int = MAX_CHARS) -> str:
    """The phrase leading to ``text[start]``: back to a space, widened while shorter than
    ``min_chars``, at most ``max_chars`` long and never before ``floor``.

    >>> phrase_before("จัดอบรม ณ ห้องประชุม และศึกษาดูงาน ณ X", 37, 0)
    'และศึกษาดูงาน ณ '
    """
    lo = max(floor, start - max_chars)
    pos = start
    while pos > lo:
        space = text.rfind(" ", lo, pos - 1) if pos - 1 > lo else -1
        pos = lo if space < 0 else space + 1
        if len(text[pos:start].strip()) >= min_chars:
            break
    return text[pos:start]


def has_cue(phrase: str, cues: tuple[str, ...] | list[str]) -> bool:
    """A cue word stands in ``phrase``: a long cue (ศึกษาดูงาน, ร่วมกับ) anywhere a syllable
    starts; a short one (ณ, กับ, จาก) only as a whole word right before the name, since it
    is also letters of longer words (งบประมาณ, กำกับ) and "ณ ห้องประชุมองค์การ…" puts the
    name where the own agency's room would be.

    >>> has_cue("ศึกษาดูงาน ณ ", ["ณ"]), has_cue("จัดประชุม ณ ห้องประชุม", ["ณ"])
    (True, False)
    """
    for cue in cues:
        i = phrase.find(cue)
        while i >= 0:
            j = i + len(cue)
            if letters(cue) >= 4:
                if not cuts_syllable(phrase, i, j):
                    return True
            elif not phrase[j:].strip() and token_boundary(phrase, i):
                return True
            i = phrase.find(cue, i + 1)
    return False


def read_mentions(text: str, spans: list[tuple[int, int]], settings: dict[str, Any]) -> list[bool]:
    """For each agency named at ``spans`` (in order), True when it is a legitimate mention."""
    cues = tuple(settings.get("mention_cues") or CUES)
    joiners = tuple(settings.get("joiners") or JOINERS)
    min_chars = int(settings.get("min_chars", MIN_CHARS))
    max_chars = int(settings.get("max_chars", MAX_CHARS))
    out: list[bool] = []
    prev_end = 0
    for start, end in spans:
        gap = text[prev_end:start].strip()
        if out and (not gap or gap in joiners):
            out.append(out[-1])
        else:
            out.append(has_cue(phrase_before(text, start, prev_end, min_chars, max_chars), cues))
        prev_end = end
    return out
