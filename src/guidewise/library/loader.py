"""Load and validate topic YAML files, with errors that name the file and the field."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from guidewise.library.schema import Topic

BUNDLED_DIR = Path(__file__).parent / "topics"
M = TypeVar("M", bound=BaseModel)

try:  # the C loader is several times faster
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-python PyYAML
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a topic file: where, and what."""

    file: str
    location: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}: {self.location}" if self.location else self.file
        return f"{self.severity}: {where}: {self.message}"


class LibraryError(Exception):
    """Raised when topic files cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def topic_files(dirs: Iterable[Path] | None = None) -> list[Path]:
    """YAML files of the bundled library plus any extra directories, sorted by name."""
    out: list[Path] = []
    for d in [BUNDLED_DIR, *(dirs or [])]:
        out.extend(sorted(p for p in Path(d).glob("*.yaml") if p.is_file()))
    return out


def library_fingerprint(files: list[Path]) -> str:
    """A hash over file names and contents; changes whenever any topic changes."""
    h = hashlib.sha256()
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _loc(err_loc: tuple[object, ...], data: object) -> str:
    """Render a pydantic error location with ids where available: recommendations[lbp-heat].dose[0]."""
    parts: list[str] = []
    node = data
    for item in err_loc:
        if isinstance(item, int):
            ident = node[item].get("id") or node[item].get("key") if isinstance(node, list) and item < len(node) and isinstance(node[item], dict) else None
            parts.append(f"[{item}]" + (f"({ident})" if ident else ""))
            node = node[item] if isinstance(node, list) and item < len(node) else None
        else:
            parts.append(("." if parts else "") + str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts)


def read_model(path: Path, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Read one YAML data file into a pydantic model; unreadable files, YAML errors (with line and column) and
    invalid fields become located problems, never exceptions."""
    try:
        data: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError) as e:
        return None, [Problem(path.name, "", f"cannot read: {e}")]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        return None, [Problem(path.name, where, f"invalid YAML: {getattr(e, 'problem', e)}")]
    try:
        return model.model_validate(data), []
    except ValidationError as e:
        return None, [Problem(path.name, _loc(tuple(err["loc"]), data), err["msg"].removeprefix("Value error, "))
                      for err in e.errors()]


def parse_topic(path: Path) -> tuple[Topic | None, list[Problem]]:
    """Parse one topic file; never raises for bad content."""
    name = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except UnicodeDecodeError as e:
        return None, [Problem(name, "", f"not UTF-8 text ({e.reason} at byte {e.start})")]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        return None, [Problem(name, where, f"invalid YAML: {getattr(e, 'problem', e)}")]
    if not isinstance(data, dict):
        return None, [Problem(name, "", "a topic file must be a YAML mapping")]
    try:
        return Topic.model_validate(data), []
    except ValidationError as e:
        problems = [
            Problem(name, _loc(tuple(err["loc"]), data), err["msg"].removeprefix("Value error, "))
            for err in e.errors()
        ]
        return None, problems


def load_topics(dirs: Iterable[Path] | None = None) -> list[Topic]:
    """Load every topic or raise LibraryError listing all problems."""
    topics: list[Topic] = []
    problems: list[Problem] = []
    for path in topic_files(dirs):
        topic, errs = parse_topic(path)
        problems.extend(errs)
        if topic is not None:
            topics.append(topic)
    if problems:
        raise LibraryError(problems)
    return topics
