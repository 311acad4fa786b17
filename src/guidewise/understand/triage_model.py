"""A learned second opinion for urgent triage: a linear model over hashed word and character n-grams.

Trained by `scripts/train_triage.py` on vignettes from independent authors (positives and look-alikes) and real
consumer questions (negatives); the threshold is set on a validation split of other authors. The runtime needs
numpy only: features are hashed with crc32, and only the weights of features seen in training are stored.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np

from guidewise.understand.text import fold

MODEL_FILE = Path(__file__).parent / "data" / "triage_model.npz"
BUCKETS = 1 << 20
NAMED_SHARE = 0.15  # the per-class model names an emergency when it takes at least this share
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def features(text: str) -> list[int]:
    """Hashed feature ids: words, word pairs, and 3-5 letter pieces of each word (typos, inflections)."""
    words = _WORD.findall(fold(text))
    grams = [f"w:{w}" for w in words] + [f"b:{a} {b}" for a, b in pairwise(words)]
    for w in words:
        padded = f"<{w}>"
        grams += [f"c:{padded[i:i + n]}" for n in (3, 4, 5) for i in range(len(padded) - n + 1)]
    return sorted({zlib.crc32(g.encode()) % BUCKETS for g in grams})


@dataclass(frozen=True)
class TriageModel:
    """P(emergency) from one sparse binary model; the likeliest emergency from a sparse per-class model."""

    ids: np.ndarray  # sorted feature ids that carry weight
    weights: np.ndarray  # binary model weight per id
    bias: float
    threshold: float
    generic_threshold: float  # when no emergency takes NAMED_SHARE of the per-class model, this much is needed
    class_names: tuple[str, ...]
    class_ids: np.ndarray  # per-class sparse weights: (class index, feature id, weight), sorted by feature id
    class_feats: np.ndarray
    class_weights: np.ndarray
    class_bias: np.ndarray

    def _vector(self, text: str) -> tuple[np.ndarray, float]:
        f = np.asarray(features(text), dtype=np.int64)
        return f, 1.0 / max(1.0, float(np.sqrt(len(f))))  # l2-normalised binary features

    def probability(self, text: str) -> float:
        f, scale = self._vector(text)
        pos = np.searchsorted(self.ids, f)
        pos = pos[pos < len(self.ids)]
        hit = pos[np.isin(self.ids[pos], f)]
        z = float(self.weights[hit].sum()) * scale + self.bias
        return float(1.0 / (1.0 + np.exp(-z)))

    def likeliest(self, text: str) -> tuple[str, float]:
        """The emergency these words most resemble, with its softmax share among emergencies."""
        f, scale = self._vector(text)
        mask = np.isin(self.class_feats, f)
        scores = self.class_bias.astype(np.float64).copy()
        np.add.at(scores, self.class_ids[mask], self.class_weights[mask].astype(np.float64) * scale)
        p = np.exp(scores - scores.max())
        p /= p.sum()
        best = int(p.argmax())
        return self.class_names[best], float(p[best])


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_FILE) -> TriageModel | None:
    """The trained model, loaded once on first use; None when the file is absent."""
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as z:
        return TriageModel(
            ids=z["ids"], weights=z["weights"].astype(np.float32), bias=float(z["bias"]),
            threshold=float(z["threshold"]), generic_threshold=float(z["generic_threshold"]), class_names=tuple(str(c) for c in z["class_names"]),
            class_ids=z["class_ids"], class_feats=z["class_feats"], class_weights=z["class_weights"].astype(np.float32),
            class_bias=z["class_bias"].astype(np.float32))
