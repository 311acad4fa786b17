"""Explain jargon once per patient-mode answer: 'NSAIDs (anti-inflammatory pain relievers …)'."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

GLOSSARY_FILE = Path(__file__).resolve().parents[1] / "understand" / "data" / "glossary.yaml"


@lru_cache(maxsize=1)
def _terms() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    data = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8")) or {}
    items = sorted(data.items(), key=lambda kv: -len(kv[0]))  # longest first: "NSAIDs" before "NSAID"
    flags = 0
    return tuple((str(k), str(v), re.compile(rf"\b{re.escape(str(k))}\b(?!\s*\()", flags)) for k, v in items)


class Glossary:
    """Stateful per answer: each term is explained at its first appearance only."""

    def __init__(self) -> None:
        self.explained: set[str] = set()

    def explain(self, text: str) -> str:
        for term, meaning, pattern in _terms():
            key = term.lower().rstrip("s")
            if key in self.explained:
                continue
            m = pattern.search(text)
            if m is None or meaning.lower() in text.lower():
                continue
            text = text[: m.end()] + f" ({meaning})" + text[m.end():]
            self.explained.add(key)
        return text
