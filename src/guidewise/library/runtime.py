"""The library as the engine uses it: topics, topic index, dose limits, vocabulary; cached on disk."""

from __future__ import annotations

import contextlib
import os
import pickle
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from guidewise.compose.dose_safety import LabelledLimit, adult_limits
from guidewise.library.loader import library_fingerprint, load_topics, topic_files
from guidewise.library.schema import Topic
from guidewise.retrieve.topic_index import TopicIndex

CACHE_VERSION = 6


@dataclass
class Library:
    topics: dict[str, Topic]
    index: TopicIndex
    limits: dict[str, LabelledLimit]
    fingerprint: str

    @cached_property
    def drug_names(self) -> set[str]:  # computed once: every question needs it
        return {d.drug.lower() for t in self.topics.values() for r in t.recommendations for d in r.dose}

    def titles(self) -> list[str]:
        return sorted(t.title for t in self.topics.values())


def _build(dirs: list[Path], fingerprint: str) -> Library:
    topics = load_topics(dirs)
    return Library({t.id: t for t in topics}, TopicIndex.build(topics), adult_limits(topics), fingerprint)


def load_library(cache_dir: Path | None, dirs: list[Path] | None = None) -> Library:
    """Load from the on-disk cache when the topic files are unchanged; otherwise build and cache (atomically)."""
    dirs = list(dirs or [])
    fingerprint = f"{CACHE_VERSION}-{library_fingerprint(topic_files(dirs))}"
    if cache_dir is None:
        return _build(dirs, fingerprint)
    path = cache_dir / f"library-{fingerprint}.pickle"
    if path.exists():
        try:
            with path.open("rb") as fh:
                lib = pickle.load(fh)
            if isinstance(lib, Library) and lib.fingerprint == fingerprint:
                return lib
        except Exception:  # a corrupt or stale cache is rebuilt, never trusted
            pass
    lib = _build(dirs, fingerprint)
    with contextlib.suppress(OSError):  # a read-only home still answers, just without the cache
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(lib, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in cache_dir.glob("library-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    return lib
