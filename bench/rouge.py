"""ROUGE-2 (bigram overlap; Lin, 2004), implemented here: lower-cased alphanumeric tokens, no stemming."""

from __future__ import annotations

import itertools
import re
from collections import Counter

_TOKEN = re.compile(r"[a-z0-9]+")


def bigrams(text: str) -> Counter[tuple[str, str]]:
    toks = _TOKEN.findall(text.lower())
    return Counter(itertools.pairwise(toks))


def rouge2(candidate: str, reference: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of candidate bigrams against one reference."""
    cand, ref = bigrams(candidate), bigrams(reference)
    overlap = sum((cand & ref).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(cand.values()), overlap / sum(ref.values())
    return p, r, 2 * p * r / (p + r)


def rouge2_multi(candidate: str, references: list[str]) -> tuple[float, float, float]:
    """Best score over several references (by F1), as usual when a question has several ideal answers."""
    scores = [rouge2(candidate, r) for r in references if r.strip()]
    return max(scores, key=lambda s: s[2]) if scores else (0.0, 0.0, 0.0)
