"""Lexical topic matching: weighted term overlap with IDF, plus whole-phrase bonuses for aliases."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from guidewise.library.schema import Topic
from guidewise.understand.query import Query
from guidewise.understand.text import content_tokens, normalize_phrase, raw_tokens, stem

# Field weights: a term found in a title or alias says far more about the topic than one in body text.
W_TITLE = 3.0
W_ALIAS = 2.5
W_LABEL = 1.2
W_BODY = 0.5
ANCHOR = W_LABEL  # a confident match needs at least one term from a field this strong
PHRASE_BONUS = 1.5
NAME_COVERAGE = 0.4  # words of a topic's titles and aliases name it only when they are most of the question
# Words that describe the patient, not the subject: they never make a topic's name on their own.
PATIENT_WORDS = frozenset(["kid", "child", "toddler", "baby", "infant", "newborn", "teen", "teenager", "son",
                           "daughter", "adult", "older", "elderly", "woman", "women", "man", "men", "mum", "mom",
                           "dad", "pregnan", "pregnant", "pregnancy", "give", "my", "attack"])


def _field_weights(t: Topic) -> dict[str, float]:
    """Each term of a topic with the weight of the strongest field it appears in."""
    w: dict[str, float] = defaultdict(float)

    def add(text: str, weight: float) -> None:
        for term in content_tokens(text):
            if weight > w[term]:
                w[term] = weight

    add(t.scope, W_BODY)
    for rec in t.recommendations:
        add(rec.text, W_BODY)
        add(rec.label, W_LABEL)
        for d in rec.dose:
            add(d.drug, W_LABEL)
    add(t.title, W_TITLE)
    for alias in t.aliases:
        add(alias, W_ALIAS)
    return w


@dataclass(frozen=True)
class TopicMatch:
    topic_id: str
    score: float
    anchored: bool
    matched: tuple[str, ...]
    solo: bool = False  # a phrase, a one-word name or a drug of the topic matched: enough on its own
    named: bool = False  # the topic's own name matched: a title or alias phrase, a one-word title or alias, or
    # two words of its titles and aliases
    phrase: bool = False  # a whole multi-word title or alias appears in the question's own words


@dataclass
class TopicIndex:
    """Built once per library version; matching a question costs microseconds."""

    weights: dict[str, dict[str, float]] = field(default_factory=dict)  # term -> topic -> weight
    idf: dict[str, float] = field(default_factory=dict)
    phrases: dict[str, list[tuple[str, float]]] = field(default_factory=dict)  # first stem -> [(phrase, n_tokens)]
    phrase_topics: dict[str, set[str]] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)  # raw words, for typo correction
    solo: dict[str, set[str]] = field(default_factory=dict)  # term -> topics it names on its own
    names: dict[str, set[str]] = field(default_factory=dict)  # one-word titles and aliases -> topics

    @classmethod
    def build(cls, topics: list[Topic]) -> TopicIndex:
        idx = cls()
        per_topic = {t.id: _field_weights(t) for t in topics}
        for t in topics:
            idx._add_names(t)
        n = len(topics)
        for tid, w in per_topic.items():
            for term, weight in w.items():
                idx.weights.setdefault(term, {})[tid] = weight
        for term, tw in idx.weights.items():
            df = len(tw)
            idx.idf[term] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        for phrase in idx.phrase_topics:
            first = phrase.split()[0]
            idx.phrases.setdefault(first, []).append((phrase, float(len(phrase.split()))))
        return idx

    def _add_names(self, t: Topic) -> None:
        """The topic's phrases, one-word names and vocabulary."""
        for name in [t.title, *t.aliases]:
            phrase = normalize_phrase(name)
            if " " in phrase or name == t.title:
                self.phrase_topics.setdefault(phrase, set()).add(t.id)
            if len(raw_tokens(name)) == 1:  # truly one word ("feeling down" is not the name "feel")
                self.names.setdefault(stem(raw_tokens(name)[0]), set()).add(t.id)
        for name in [t.title, *t.aliases, *(d.drug for r in t.recommendations for d in r.dose)]:
            toks = content_tokens(name)
            if len(toks) == 1:
                self.solo.setdefault(toks[0], set()).add(t.id)
        self.vocabulary.update(raw_tokens(" ".join([t.title, *t.aliases, *(r.label for r in t.recommendations)])))
        self.vocabulary.update(d.drug.lower() for r in t.recommendations for d in r.dose)

    def _phrase_hits(self, stems: list[str]) -> dict[str, float]:
        joined = " " + " ".join(stems) + " "
        bonus: dict[str, float] = defaultdict(float)
        for s in set(stems):
            for phrase, _n in self.phrases.get(s, ()):
                if f" {phrase} " in joined:
                    gain = PHRASE_BONUS * sum(self.idf.get(p, 0.0) for p in phrase.split() if p in self.idf)
                    for tid in self.phrase_topics[phrase]:
                        bonus[tid] = max(bonus[tid], gain)
        return bonus

    def named_in(self, text: str) -> set[str]:
        """Topics whose whole title or alias phrase, or one-word name, appears in `text`."""
        stems = [stem(t) for t in raw_tokens(text)]
        out = set(self._phrase_hits(stems))
        for s in stems:
            out |= self.names.get(s, set())
        return out

    def phrases_covering(self, tokens: list[str], start: int, end: int) -> set[str]:
        """Topics with a title or alias phrase that spans tokens[start:end] and more ("severe allergic reaction"
        around "allergic reaction"): a more specific name than the words it contains."""
        stems = [stem(t) for t in tokens]
        out: set[str] = set()
        for i in range(0, start + 1):
            for phrase, n in self.phrases.get(stems[i], ()) if i < len(stems) else ():
                size = int(n)
                if i + size >= end and stems[i:i + size] == phrase.split():
                    out |= self.phrase_topics[phrase]
        return out

    def match(self, query: Query, limit: int = 5) -> list[TopicMatch]:
        """Topics ranked by score; `anchored` says a title/alias/drug term matched."""
        scores: dict[str, float] = defaultdict(float)
        anchored: dict[str, bool] = defaultdict(bool)
        solo: dict[str, bool] = defaultdict(bool)
        named: dict[str, bool] = defaultdict(bool)
        name_terms: dict[str, int] = defaultdict(int)
        phrase: dict[str, bool] = defaultdict(bool)
        matched: dict[str, list[str]] = defaultdict(list)
        for term in dict.fromkeys(query.terms):
            for tid, weight in self.weights.get(term, {}).items():
                scores[tid] += self.idf[term] * weight
                matched[tid].append(term)
                if weight >= ANCHOR:
                    anchored[tid] = True
                if tid in self.solo.get(term, ()):
                    solo[tid] = True
                if tid in self.names.get(term, ()):
                    named[tid] = True
                if weight >= W_ALIAS and term not in PATIENT_WORDS:
                    name_terms[tid] += 1
        # The question's own words, then what the vocabulary adds. An abbreviation or a brand stands for exactly
        # its expansion; a lay expansion is a guess ("ulcer" adds "peptic ulcer"), so it scores but never names.
        seqs = [([t for t in (normalize_phrase(tok) for tok in query.tokens) if t], "own")]
        seqs += [(normalize_phrase(e.adds).split(), e.source) for e in query.expansions]
        for seq, source in seqs:
            for tid, gain in self._phrase_hits(seq).items():
                scores[tid] += gain
                anchored[tid] = solo[tid] = True
                if source in ("own", "abbreviation", "brand"):
                    named[tid] = True
                if source == "own":
                    phrase[tid] = True
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        core = query.core_terms
        return [TopicMatch(tid, round(s, 3), anchored[tid], tuple(matched[tid]), solo[tid],
                           named[tid] or (name_terms[tid] >= 2 and name_terms[tid] >= NAME_COVERAGE * len(core)),
                           phrase[tid]) for tid, s in ranked]
