"""Numbering references in order of first citation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from guidewise.compose.answer import ReferenceOut
from guidewise.compose.wording import REF_LABELS
from guidewise.library.schema import Reference

K = TypeVar("K")


class CitationRegistry(Generic[K]):
    """Give each cited source a number the first time it is cited; render the list in that order."""

    def __init__(self, to_reference: Callable[[K, int], ReferenceOut]):
        self._numbers: dict[K, int] = {}
        self._to_reference = to_reference

    def cite(self, keys: Iterable[K]) -> list[int]:
        """Numbers for these keys (deduplicated, in citing order), assigning new ones as needed."""
        out: list[int] = []
        for key in keys:
            if key not in self._numbers:
                self._numbers[key] = len(self._numbers) + 1
            n = self._numbers[key]
            if n not in out:
                out.append(n)
        return out

    def count(self) -> int:
        """How many sources have a number (no __len__: an empty registry must stay truthy)."""
        return len(self._numbers)

    def references(self) -> list[ReferenceOut]:
        return [self._to_reference(key, n) for key, n in sorted(self._numbers.items(), key=lambda kv: kv[1])]


def reference_out(ref: Reference, n: int) -> ReferenceOut:
    """A library reference (topic, paediatric data or emergency catalogue), numbered for an answer."""
    return ReferenceOut(n=n, title=ref.title, source=ref.source, year=ref.year, kind=ref.kind.value,
                        label=REF_LABELS.get(ref.kind, "Research"), pmid=ref.pmid, doi=ref.doi, url=ref.url)
