"""PyThaiNLP's newmm word segmentation, without importing PyThaiNLP.

``import pythainlp`` loads the whole library (soundex, transliteration, an emoji
table …: ~0.15 s, a sixth of a cold ``ita check``) although we only segment words.
This module is the code ``pythainlp.tokenize.word_tokenize(text, engine="newmm",
custom_dict=trie)`` runs: newmm's maximal matching over Thai Character Cluster
boundaries and the two post-processors word_tokenize applies (formatted numbers
rejoined, whitespace dropped on request). Copied from PyThaiNLP 5.4.0
(``tokenize/newmm.py``, ``tokenize/tcc_p.py``, ``tokenize/_utils.py``;
SPDX-FileCopyrightText: 2016-2026 PyThaiNLP Project; SPDX-License-Identifier:
Apache-2.0), the logic unchanged. ``tests/test_lexicon.py`` holds it to PyThaiNLP's
own output on every sample report.
"""
from __future__ import annotations

import re
from collections import defaultdict
from heapq import heappop, heappush
from typing import Iterator, Protocol


class Dictionary(Protocol):
    def prefixes(self, text: str, start: int = 0) -> list[str]: ...


# ------------------------------------------------------------ Thai Character Clusters (tcc_p)
_RE_TCC: list[str] = (
    """\
เc็ck
เcctาะk
เccีtยะk
เccีtย(?=[เ-ไก-ฮ]|$)k
เcc็ck
เcิc์ck
เcิtck
เcีtยะ?k
เcืtอะ?k
เc[ิีุู]tย(?=[เ-ไก-ฮ]|$)k
เctา?ะ?k
cัtวะk
c[ัื]tc[ุิะ]?k
c[ิุู]์
c[ะ-ู]tk
cรรc์
c็
ct[ะาำ]?k
ck
แc็c
แcc์
แctะ
แcc็c
แccc์
โctะ
[เ-ไ]ct
ก็
อึ
หึ
""".replace("k", "(cc?[dิ]?[์])?")
    .replace("c", "[ก-ฮ]")
    .replace("t", "[่-๋]?")
    .replace("d", "อูอุ".replace("อ", ""))  # DSara: lower vowel
    .split()
)
_PAT_TCC = re.compile("|".join(_RE_TCC))


def _tcc(text: str) -> Iterator[str]:
    p, n_text = 0, len(text)
    while p < n_text:
        m = _PAT_TCC.match(text[p:])
        n = m.span()[1] if m else 1
        yield text[p:p + n]
        p += n


def _tcc_pos_array(text: str) -> bytearray:
    """Valid cluster boundaries: ``arr[i] == 1`` when a cluster ends at ``i``."""
    if not text:
        return bytearray(1)
    arr = bytearray(len(text) + 1)
    p = 0
    for w in _tcc(text):
        p += len(w)
        arr[p] = 1
    return arr


# ------------------------------------------------------------ newmm
_PAT_NONTHAI = re.compile(
    r"""(?x)
[-a-zA-Z]+|        # Latin characters
\d+([,\.]\d+)*|    # numbers
[ \t]+|            # spaces
\r?\n|             # newlines
[^\u0E00-\u0E7F \t\r\n]+  # other non-Thai characters, and stops matching until space/newline
"""
)
_PAT_THAI_TWOCHARS = re.compile("[ก-ฮ]{,2}$")
_MAX_GRAPH_SIZE = 50


def _bfs_paths_graph(graph: defaultdict[int, list[int]], start: int, goal: int) -> Iterator[list[int]]:
    visited: set[int] = {start}
    queue = [(start, [start])]
    while queue:
        (vertex, path) = queue.pop(0)
        for pos in graph[vertex]:
            if pos == goal:
                yield [*path, pos]
            elif pos not in visited:
                visited.add(pos)
                queue.append((pos, [*path, pos]))


def _extend_graph(graph: defaultdict[int, list[int]], pos_list: list[int], text: str, begin_pos: int,
                  valid_poss: bytearray, custom_dict: Dictionary, graph_size: int) -> int:
    for word in custom_dict.prefixes(text, begin_pos):
        end_pos_candidate = begin_pos + len(word)
        if valid_poss[end_pos_candidate]:
            graph[begin_pos].append(end_pos_candidate)
            graph_size = graph_size + 1
            if end_pos_candidate not in pos_list:
                heappush(pos_list, end_pos_candidate)
            if graph_size > _MAX_GRAPH_SIZE:
                break
    return graph_size


def _find_skip_end(text: str, begin_pos: int, valid_poss: bytearray, custom_dict: Dictionary) -> int:
    len_text = len(text)
    m = _PAT_NONTHAI.match(text, begin_pos)
    if m:  # non-Thai token, skip to the end
        return m.end()
    for pos in range(begin_pos + 1, len_text):  # Thai token, find minimum skip
        if valid_poss[pos]:
            words = [word for word in custom_dict.prefixes(text, pos)
                     if valid_poss[pos + len(word)] and not _PAT_THAI_TWOCHARS.match(word)]
            if words:  # is a Thai token that longer than 2 chars
                return pos
            if _PAT_NONTHAI.match(text, pos):  # is a non-Thai token
                return pos
    return len_text


def _onecut(text: str, custom_dict: Dictionary) -> Iterator[str]:
    graph: defaultdict[int, list[int]] = defaultdict(list)
    graph_size = 0  # keep track of graph size, if too big, force cutoff
    valid_poss = _tcc_pos_array(text)
    len_text = len(text)
    pos_list = [0]  # priority queue of possible breaking positions
    end_pos = 0
    while pos_list[0] < len_text:
        begin_pos = heappop(pos_list)
        graph_size = _extend_graph(graph, pos_list, text, begin_pos, valid_poss, custom_dict, graph_size)
        len_pos_list = len(pos_list)
        if len_pos_list == 1:  # one candidate, no longer ambiguous
            end_pos_candidates = next(_bfs_paths_graph(graph, end_pos, pos_list[0]))
            graph_size = 0
            graph.clear()
            for pos in end_pos_candidates[1:]:
                yield text[end_pos:pos]
                end_pos = pos
        elif len_pos_list == 0:  # no candidate, deal with non-dictionary word
            end_pos = _find_skip_end(text, begin_pos, valid_poss, custom_dict)
            graph_size = 0
            graph.clear()
            yield text[begin_pos:end_pos]
            heappush(pos_list, end_pos)


# ------------------------------------------------------------ word_tokenize's post-processors
_DIGITS_WITH_SEPARATOR = re.compile(r"(\d+[\.\,:])+\d+")


def _rejoin_formatted_num(segments: list[str]) -> list[str]:
    """"12", ":", "00" → "12:00" (times, decimals, thousands, addresses split by newmm)."""
    original = "".join(segments)
    matching_results = _DIGITS_WITH_SEPARATOR.finditer(original)
    tokens_joined = []
    pos = 0
    segment_idx = 0
    match = next(matching_results, None)
    while segment_idx < len(segments) and match:
        is_span_beginning = pos >= match.start()
        token = segments[segment_idx]
        if is_span_beginning:
            connected_token = ""
            while pos < match.end() and segment_idx < len(segments):
                connected_token += segments[segment_idx]
                pos += len(segments[segment_idx])
                segment_idx += 1
            if connected_token:
                tokens_joined.append(connected_token)
            match = next(matching_results, None)
        else:
            tokens_joined.append(token)
            segment_idx += 1
            pos += len(token)
    tokens_joined += segments[segment_idx:]
    return tokens_joined


def word_tokenize(text: str, custom_dict: Dictionary, keep_whitespace: bool = True) -> list[str]:
    """``pythainlp.tokenize.word_tokenize(text, engine="newmm", custom_dict=custom_dict,
    keep_whitespace=keep_whitespace)``, same output."""
    if not text or not isinstance(text, str):
        return []
    segments = _rejoin_formatted_num(list(_onecut(text, custom_dict)))
    if not keep_whitespace:
        segments = [token.strip(" ") for token in segments if token.strip(" ")]
    return segments
