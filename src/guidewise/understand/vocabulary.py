"""Lay terms, abbreviations and brand names mapped to clinical vocabulary; typo-tolerant lookup."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from guidewise.understand.text import STOPWORDS, raw_tokens, stem, word_key

DATA_DIR = Path(__file__).parent / "data"
# Endings of drug names (INN stems) and disease names: an unknown word with one of these is a name we do not know.
NAME_SHAPE = re.compile(  # the shortest endings only: "ine" already covers "amine", "azine", "pine"…
    r"(?:mab|azole|zepam|zolam|tinib|fenac|coxib|setron|cort|xal|ax|ex|ix|ox|ene|ine|ide|ate|ium|ol|in|an|ane|one|yl|il|ir|ast|ant|en|"
    r"itis|osis|iasis|emia|pathy|oma|algia|plegia|trophy|plasia|rrhea|rrhoea|ism)$")
MAX_PHRASE = 5


@dataclass(frozen=True)
class Expansion:
    """A vocabulary hit in the question: the phrase seen and the clinical terms it adds."""

    phrase: str
    adds: str
    source: str  # lay | abbreviation | brand | typo


@dataclass
class Vocabulary:
    """Phrase → clinical expansion maps, plus the set of words a typo may be corrected to."""

    phrases: dict[str, tuple[str, str]] = field(default_factory=dict)  # phrase -> (adds, source)
    brands: dict[str, str] = field(default_factory=dict)  # brand (folded) -> generic
    known_words: set[str] = field(default_factory=set)
    english: Callable[[], frozenset[str]] | None = None  # common English words: never corrected
    _choices: list[str] = field(default_factory=list)
    _corrected: dict[str, str | None] = field(default_factory=dict)
    _english: frozenset[str] | None = None

    def add_known(self, words: Iterable[str]) -> None:
        """Words a misspelling may be corrected to (index terms, drug names)."""
        for w in words:
            if len(w) >= 5 and w.isalpha():
                self.known_words.add(w)
        self._choices = sorted(self.known_words)
        self._corrected.clear()

    def correct(self, word: str) -> str | None:
        """The known word a misspelt word most likely means, or None."""
        if word not in self._corrected:
            if len(self._corrected) > 50_000:
                self._corrected.clear()
            self._corrected[word] = self._correct(word)
        return self._corrected[word]

    def _correct(self, word: str) -> str | None:
        if len(word) < 5 or word in self.known_words or word in STOPWORDS or not word.isalpha():
            return None
        swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1)}
        swapped = sorted(swaps & self.known_words)  # one pair of neighbouring letters swapped: "ankel"
        if swapped and not self.is_english(word):
            return swapped[0]
        cutoff = 86 if len(word) < 8 else 82
        hit = process.extractOne(word, self._choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit is None:
            return None
        cand = hit[0]
        # A correction must keep the first letter and a similar length: guards against inventing words.
        if cand[0] != word[0] or abs(len(cand) - len(word)) > 2:
            return None
        if self.is_english(word):  # "translate" is a word, not a misspelt "transplant"
            return None
        return str(cand)

    def is_english(self, word: str) -> bool:
        """Whether the word is common English (the table is loaded on first use)."""
        if self.english is None:
            return False
        if self._english is None:
            self._english = self.english()
        return word in self._english

    def unknown_names(self, tokens: list[str]) -> list[str]:
        """Words shaped like a drug or disease name that no vocabulary, library or dictionary knows."""
        out = []
        for tok in tokens:
            if (len(tok) >= 6 and tok.isalpha() and NAME_SHAPE.search(tok) and tok not in self.known_words
                    and tok not in STOPWORDS and tok not in self.brands and tok not in self.phrases
                    and stem(tok) not in self.known_words and not self.is_english(tok)):
                out.append(tok)
        return out

    def expand(self, tokens: list[str]) -> list[Expansion]:
        """Vocabulary phrases found in a token list, longest first, without overlaps."""
        out: list[Expansion] = []
        i = 0
        while i < len(tokens):
            for n in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
                phrase = " ".join(tokens[i : i + n])
                hit = self.phrases.get(phrase)
                if hit is not None:
                    out.append(Expansion(phrase, hit[0], hit[1]))
                    i += n
                    break
            else:
                i += 1
        return out



def _yaml(text: str) -> Any:
    """Safe YAML with libyaml's C parser when present (several times faster: this is on `guidewise ask` start)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def load_vocabulary() -> Vocabulary:
    """The bundled vocabulary: lay terms, abbreviations and every brands/*.yaml file."""
    vocab = Vocabulary()
    data = _yaml((DATA_DIR / "vocabulary.yaml").read_text(encoding="utf-8"))
    for source, key in (("lay", "lay"), ("abbreviation", "abbreviations")):
        for phrase, adds in (data.get(key) or {}).items():
            vocab.phrases[word_key(str(phrase))] = (str(adds), source)
    for path in sorted((DATA_DIR / "brands").glob("*.yaml")):
        for brand, generic in (_yaml(path.read_text(encoding="utf-8")) or {}).items():
            key = word_key(str(brand))
            if key and key not in vocab.phrases:
                gen = str(generic).replace("/", " ")
                vocab.phrases[key] = (gen, "brand")
                vocab.brands[key] = str(generic)
    vocab.add_known(w for p in vocab.phrases for w in p.split())
    vocab.add_known(w for adds, _ in vocab.phrases.values() for w in raw_tokens(adds))
    return vocab


def stems(text: str) -> list[str]:
    return [stem(t) for t in raw_tokens(text)]
