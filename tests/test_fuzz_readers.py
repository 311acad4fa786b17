"""Hostile input to every reader: fuzzed bytes, damaged real samples, entity attacks, deep nesting.

read_any promises documents or located RecordErrors, never exceptions. Its catch-all ("<fmt> reader failed")
exists so one reader bug cannot abort an ingest run; here it counts as a failure, since it means a reader
met input it did not handle deliberately.
"""

from __future__ import annotations

import gzip
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHARED_DATA
from guidewise.ingest.detect import read_any
from guidewise.ingest.model import Document, RecordError

SAMPLES = {  # format -> a real sample file in ../shared/data
    "medline-xml": "pubmed-xml/pubmed-29768149.xml",
    "medline-text": "pubmed-xml/mesh-papers.medline.txt",
    "jats": "pubmed-xml/pone.0000217.nxml",
    "spl": "drug-labels-spl/cough.xml",
    "pubmedqa": "pubmedqa/ori_pqal.json",
}
XML_ROOTS = {"medline-xml": "PubmedArticleSet", "jats": "article", "spl": "document", "ngc-xml": "Version",
             "html": "html"}
SEED_BYTES = 12_000  # fuzz a prefix of each sample: enough for several records, small enough to be fast


@cache
def sample(fmt: str) -> bytes:
    path = SHARED_DATA / SAMPLES[fmt]
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return data[:SEED_BYTES]


def read_bytes(data: bytes, fmt: str, suffix: str = ".xml") -> list[Document | RecordError]:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"input{suffix}"
        path.write_bytes(data)
        return list(read_any(path, fmt))


def check_items(items: list[Document | RecordError]) -> None:
    for item in items:
        if isinstance(item, RecordError):
            assert item.origin and item.position and item.message, item
            assert "reader failed" not in item.message, item
        else:
            assert isinstance(item, Document) and isinstance(item.title, str)
            assert all(isinstance(s.text, str) for s in item.sections)


@st.composite
def damaged(draw: st.DrawFn, fmt: str) -> bytes:
    """A real sample, truncated, with bytes flipped, deleted or spliced in."""
    data = bytearray(sample(fmt))
    data = data[: draw(st.integers(0, len(data)))]
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "delete", "insert"]))
        if op == "flip":
            data[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[i : i + draw(st.integers(1, 64))]
        else:
            data[i:i] = draw(st.sampled_from([b"<", b">", b"&", b"&amp;", b"]]>", b"<!--", b"\x00", b"\xff\xfe",
                                              b"</", b"<x>", b'"', b"\n\n", b"PMID- ", b"{", b"}", b"\\u0000"]))
    return bytes(data)


@st.composite
def xml_tree(draw: st.DrawFn, root: str) -> bytes:
    names = st.sampled_from(["PMID", "ArticleTitle", "AbstractText", "title", "p", "sec", "section", "text",
                             "PublicationType", "Year", "component", "code", "body", "front", "x"])
    words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30).map(
        lambda t: t.replace("&", "&amp;").replace("<", "&lt;"))

    def node(depth: int) -> str:
        name = draw(names)
        kids = "".join(node(depth + 1) for _ in range(draw(st.integers(0, 3 if depth < 4 else 0))))
        return f"<{name}>{draw(words)}{kids}</{name}>"

    body = "".join(node(0) for _ in range(draw(st.integers(0, 4))))
    return f'<?xml version="1.0" encoding="UTF-8"?><{root}>{body}</{root}>'.encode()


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW_FUZZ = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_damaged_real_samples(fmt: str) -> None:
    @FUZZ
    @given(data=damaged(fmt))
    def run(data: bytes) -> None:
        check_items(read_bytes(data, fmt, ".json" if fmt == "pubmedqa" else ".txt" if fmt == "medline-text" else ".xml"))

    run()


@pytest.mark.parametrize("fmt", sorted(XML_ROOTS))
def test_generated_xml_trees(fmt: str) -> None:
    @FUZZ
    @given(data=xml_tree(XML_ROOTS[fmt]))
    def run(data: bytes) -> None:
        check_items(read_bytes(data, fmt))

    run()


ALL_FORMATS = ["medline-xml", "medline-text", "jats", "spl", "ngc-xml", "ngc-jsonl", "pubmedqa", "markdown",
               "html", "text", "pdf"]


@FUZZ
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(ALL_FORMATS))
def test_binary_garbage_in_every_reader(data: bytes, fmt: str) -> None:
    check_items(read_bytes(data, fmt, ".bin"))


@FUZZ
@given(data=st.binary(max_size=2000))
def test_sniffing_arbitrary_bytes(data: bytes) -> None:
    check_items(read_bytes(data, None, ".dat"))  # type: ignore[arg-type]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_damaged_real_samples_long(fmt: str) -> None:
    @SLOW_FUZZ
    @given(data=damaged(fmt))
    def run(data: bytes) -> None:
        check_items(read_bytes(data, fmt, ".json" if fmt == "pubmedqa" else ".txt" if fmt == "medline-text" else ".xml"))

    run()


# -- entity attacks and nesting ----------------------------------------------------------------------------
BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE {root} [\n <!ENTITY lol "lol">\n'
                  + "".join(f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
                            for i in range(1, 10))
                  + ']>\n<{root}><x>&lol9;</x></{root}>\n')
EXTERNAL = ('<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            "<{root}><PMID>1</PMID><ArticleTitle>&xxe;</ArticleTitle><title>&xxe;</title><p>&xxe;</p></{root}>\n")
PARAMETER = ('<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>\n'
             "<{root}><x>text</x></{root}>\n")


@pytest.mark.parametrize("fmt", sorted(XML_ROOTS))
@pytest.mark.parametrize("attack", ["billion_laughs", "external_entity", "parameter_entity"])
def test_entity_attacks_are_refused(fmt: str, attack: str) -> None:
    template = {"billion_laughs": BILLION_LAUGHS, "external_entity": EXTERNAL, "parameter_entity": PARAMETER}[attack]
    items = read_bytes(template.replace("{root}", XML_ROOTS[fmt]).encode(), fmt)
    check_items(items)
    text = " ".join(str(i) if isinstance(i, RecordError) else i.title + i.text for i in items)
    assert "root:" not in text and "lollollol" not in text  # nothing expanded, nothing fetched
    if fmt != "html":  # HTML is not XML: a DOCTYPE there is inert text, so there is nothing to refuse
        assert items and all(isinstance(i, RecordError) for i in items), items
        assert any("entit" in i.message.lower() for i in items if isinstance(i, RecordError)), items


@pytest.mark.parametrize("fmt", sorted(XML_ROOTS))
def test_deeply_nested_xml_is_refused_cleanly(fmt: str) -> None:
    depth = 50_000
    root = XML_ROOTS[fmt]
    data = f"<?xml version=\"1.0\"?><{root}>{'<x>' * depth}deep{'</x>' * depth}</{root}>".encode()
    items = read_bytes(data, fmt)
    check_items(items)
    assert all(isinstance(i, RecordError) or "deep" not in i.text for i in items)


def test_entity_attack_leaves_rest_of_folder_ingestable(tmp_path: Path) -> None:
    from guidewise.engine import Engine
    from guidewise.settings import Settings

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-attack.xml").write_text(BILLION_LAUGHS.replace("{root}", "PubmedArticleSet"))
    (folder / "b-real.xml").write_bytes((SHARED_DATA / SAMPLES["medline-xml"]).read_bytes())
    engine = Engine(Settings(home=tmp_path / "home"))
    report = engine.ingest([folder])
    assert report.added >= 1 and report.failed >= 1
    assert any("a-attack.xml" in e and "entit" in e.lower() for e in report.errors), report.errors
