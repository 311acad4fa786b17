"""Common English words, so that a correctly spelt everyday word is never 'corrected' into a medical one.

The word list comes from the pyspellchecker package's English frequency table (installed with guidewise,
not copied into this repository). The filtered set is cached under the engine's cache directory, so
later processes load it in milliseconds.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import pickle
from importlib import resources
from pathlib import Path

MIN_FREQUENCY = 200  # below this the table holds rare words and common misspellings
MIN_LENGTH = 5  # shorter words are never corrected anyway
_VERSION = 1


def _build() -> frozenset[str]:
    try:
        raw = (resources.files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):  # without the table, correction simply stays strict
        return frozenset()
    table: dict[str, int] = json.loads(gzip.decompress(raw))
    return frozenset(w for w, n in table.items() if n >= MIN_FREQUENCY and len(w) >= MIN_LENGTH and w.isalpha())


def load_english_words(cache_dir: Path | None) -> frozenset[str]:
    """The common-English word set, from the on-disk cache when present (written atomically)."""
    path = cache_dir / f"english-words-v{_VERSION}.pickle" if cache_dir else None
    if path is not None and path.exists():
        with contextlib.suppress(Exception), path.open("rb") as fh:
            words = pickle.load(fh)
            if isinstance(words, frozenset):
                return words
    words = _build()
    if path is not None and words:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            with tmp.open("wb") as fh:
                pickle.dump(words, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
    return words
