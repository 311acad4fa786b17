"""The support check: every literature statement must be backed by the passage it cites."""

from __future__ import annotations

import re

from guidewise.understand.text import STOPWORDS, raw_tokens

MIN_OVERLAP = 0.85


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9 ]+", " ", text.lower())).strip()


def support_score(statement: str, passage: str) -> float:
    """1.0 when the statement appears verbatim (modulo case/punctuation); else content-word overlap."""
    s, p = _norm(statement), _norm(passage)
    if s and s in p:
        return 1.0
    words = [w for w in raw_tokens(statement) if w not in STOPWORDS]
    if not words:
        return 0.0
    have = set(raw_tokens(passage))
    return sum(1 for w in words if w in have) / len(words)


def is_supported(statement: str, passage: str) -> bool:
    return support_score(statement, passage) >= MIN_OVERLAP
