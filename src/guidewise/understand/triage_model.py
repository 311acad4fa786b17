"""A learned second opinion for urgent triage: a linear model over hashed word and character n-grams.

Trained by `scripts/train_triage.py` on vignettes from independent authors (positives and look-alikes) and real
consumer questions (negatives); the thresholds are set on a validation split of other authors. The runtime is plain
Python: features are hashed with crc32, only the weights of features seen in training are stored (sorted arrays in
one zlib-compressed file), and a question's features are looked up by bisection, so no numerical library is
imported on the way to an answer.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import cast

from guidewise.understand.text import fold

MODEL_FILE = Path(__file__).parent / "data" / "triage_model.bin"
BUCKETS = 1 << 20
NAMED_SHARE = 0.15  # the per-class model names an emergency when it takes at least this share
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ARRAYS = (("ids", "i"), ("weights", "f"), ("class_ids", "h"), ("class_feats", "i"), ("class_weights", "f"))


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

    ids: array[int]  # sorted feature ids that carry weight
    weights: array[float]  # binary model weight per id
    bias: float
    threshold: float
    generic_threshold: float  # when no emergency takes NAMED_SHARE of the per-class model, this much is needed
    class_names: tuple[str, ...]
    class_ids: array[int]  # per-class weights (class index, feature id, weight), by feature id
    class_feats: array[int]
    class_weights: array[float]
    class_bias: tuple[float, ...]

    def probability(self, text: str) -> float:
        f = features(text)
        scale = 1.0 / max(1.0, math.sqrt(len(f)))  # l2-normalised binary features
        z = self.bias
        for fid in f:
            i = bisect_left(self.ids, fid)
            if i < len(self.ids) and self.ids[i] == fid:
                z += self.weights[i] * scale
        return 1.0 / (1.0 + math.exp(-z))

    def likeliest(self, text: str) -> tuple[str, float]:
        """The emergency these words most resemble, with its softmax share among emergencies."""
        f = features(text)
        scale = 1.0 / max(1.0, math.sqrt(len(f)))
        scores = list(self.class_bias)
        for fid in f:
            for i in range(bisect_left(self.class_feats, fid), bisect_right(self.class_feats, fid)):
                scores[self.class_ids[i]] += self.class_weights[i] * scale
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        best = max(range(len(exp)), key=exp.__getitem__)
        return self.class_names[best], exp[best] / sum(exp)

    def to_bytes(self) -> bytes:
        """The model file: a JSON header line, then the arrays, all zlib-compressed."""
        header = {"bias": self.bias, "threshold": self.threshold, "generic_threshold": self.generic_threshold,
                  "class_names": list(self.class_names), "class_bias": list(self.class_bias),
                  "lengths": {name: len(getattr(self, name)) for name, _ in _ARRAYS}}
        body = b"".join(getattr(self, name).tobytes() for name, _ in _ARRAYS)
        return zlib.compress(json.dumps(header).encode() + b"\n" + body, 9)

    @classmethod
    def from_bytes(cls, data: bytes) -> TriageModel:
        raw = zlib.decompress(data)
        line, _, body = raw.partition(b"\n")
        header = json.loads(line)
        arrays: dict[str, array[int] | array[float]] = {}
        at = 0
        for name, code in _ARRAYS:
            a: array[int] | array[float] = array(code)
            size = header["lengths"][name] * a.itemsize
            a.frombytes(body[at:at + size])
            arrays[name] = a
            at += size
        def ints(name: str) -> array[int]:
            return cast("array[int]", arrays[name])

        def floats(name: str) -> array[float]:
            return cast("array[float]", arrays[name])

        return cls(bias=header["bias"], threshold=header["threshold"], generic_threshold=header["generic_threshold"],
                   class_names=tuple(header["class_names"]), class_bias=tuple(header["class_bias"]),
                   ids=ints("ids"), weights=floats("weights"), class_ids=ints("class_ids"),
                   class_feats=ints("class_feats"), class_weights=floats("class_weights"))


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_FILE) -> TriageModel | None:
    """The trained model, loaded once on first use; None when the file is absent."""
    return TriageModel.from_bytes(path.read_bytes()) if path.exists() else None
