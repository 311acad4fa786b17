"""Malformed and hostile input: a clear RecordError with file and position, and nothing else lost."""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

from conftest import SHARED_DATA
from guidewise.ingest.detect import read_any
from guidewise.ingest.model import Document, RecordError

PUBMED = SHARED_DATA / "pubmed-xml"
BASELINE = gzip.decompress((PUBMED / "medline16n0902.xml.gz").read_bytes())
CURRENT = gzip.decompress((PUBMED / "test_current_medline.xml.gz").read_bytes())


def split(path: Path) -> tuple[list[Document], list[RecordError]]:
    items = list(read_any(path))
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, RecordError)])


def pmids_in(xml: bytes) -> list[str]:
    return re.findall(rb"<MedlineCitation[^>]*>\s*<PMID[^>]*>(\d+)</PMID>", xml)  # type: ignore[return-value]


def test_truncated_xml_keeps_every_record_before_the_break(tmp_path: Path) -> None:
    cut = BASELINE.index(b"<MedlineCitation ", len(BASELINE) // 2) + 300  # inside a record half-way through
    path = tmp_path / "truncated.xml"
    path.write_bytes(BASELINE[:cut])
    docs, errors = split(path)
    complete = [p.decode() for p in pmids_in(BASELINE[:cut])][:-1]  # the last one is cut off
    assert [d.pmid for d in docs] == complete and len(complete) > 150
    assert len(errors) == 1
    assert errors[0].origin == str(path) and f"after record {len(complete)}" in errors[0].position
    assert "line" in errors[0].position and "truncated" in errors[0].message


def test_truncated_gzip_keeps_records_before_the_break(tmp_path: Path) -> None:
    data = (PUBMED / "medline16n0902.xml.gz").read_bytes()
    path = tmp_path / "cut.xml.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, errors = split(path)
    assert len(docs) > 100 and len(errors) == 1 and "records before this point were kept" in errors[0].message
    assert docs[0].pmid == "17942999"


def test_latin1_bytes_in_a_utf8_file_lose_only_that_record(tmp_path: Path) -> None:
    pmids = [p.decode() for p in pmids_in(CURRENT)]
    assert len(pmids) == 4
    second = CURRENT.index(b"<ArticleTitle>", CURRENT.index(pmids[1].encode())) + len(b"<ArticleTitle>")
    bad = CURRENT[:second] + "Caf\u00e9 ".encode("latin-1") + CURRENT[second:]
    path = tmp_path / "latin1.xml"
    path.write_bytes(bad)
    docs, errors = split(path)
    assert [d.pmid for d in docs] == [pmids[0], *pmids[2:]]
    assert len(errors) == 1 and errors[0].position.startswith("record 2 (line")
    assert "UTF-8" in errors[0].message


def test_record_without_title_is_reported_and_neighbours_kept(tmp_path: Path) -> None:
    pmids = [p.decode() for p in pmids_in(BASELINE)]
    first_end = BASELINE.index(b"</MedlineCitation>") + len(b"</MedlineCitation>")
    start = BASELINE.index(b"<ArticleTitle>", first_end)
    end = BASELINE.index(b"</ArticleTitle>", start) + len(b"</ArticleTitle>")
    path = tmp_path / "untitled.xml"
    path.write_bytes(BASELINE[:start] + b"<ArticleTitle></ArticleTitle>" + BASELINE[end:])
    docs, errors = split(path)
    assert len(docs) == 603 and pmids[1] not in {d.pmid for d in docs}
    assert docs[0].pmid == pmids[0] and docs[1].pmid == pmids[2]
    assert len(errors) == 1 and errors[0].position.startswith("record 2 (line ")
    assert f"PMID {pmids[1]}" in errors[0].message and "no title" in errors[0].message


def test_empty_and_blank_files(tmp_path: Path) -> None:
    for name, content in (("empty.xml", b""), ("blank.txt", b"  \n\n "), ("empty.json", b"")):
        path = tmp_path / name
        path.write_bytes(content)
        docs, errors = split(path)
        assert not docs and len(errors) == 1 and "empty" in errors[0].message and errors[0].origin == str(path)


def test_binary_garbage_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.xml"
    path.write_bytes(random.Random(7).randbytes(50_000))
    docs, errors = split(path)
    assert not docs and len(errors) == 1 and "unrecognised format" in errors[0].message
    fake_pdf = tmp_path / "broken.pdf"
    fake_pdf.write_bytes(b"%PDF-1.4\n" + random.Random(8).randbytes(5000))
    docs, errors = split(fake_pdf)
    assert not docs and len(errors) == 1 and errors[0].origin == str(fake_pdf)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&lol9;</ArticleTitle>
</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
"""


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    for name in ("laughs.xml", "laughs.nxml"):
        path = tmp_path / name
        path.write_bytes(BILLION_LAUGHS if name.endswith(".xml") else BILLION_LAUGHS.replace(
            b"PubmedArticleSet", b"article"))
        docs, errors = split(path)
        assert not docs and errors and "entity" in errors[0].message.lower()


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    xxe = (f'<?xml version="1.0"?>\n<!DOCTYPE document [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
           '<document xmlns="urn:hl7-org:v3"><title>&xxe;</title></document>').encode()
    for name, body in (("xxe-spl.xml", xxe),
                       ("xxe-medline.xml", xxe.replace(b"document", b"PubmedArticleSet"))):
        path = tmp_path / name
        path.write_bytes(body)
        items = list(read_any(path))
        assert items and all(isinstance(i, RecordError) for i in items)
        assert "TOP-SECRET" not in repr(items)


def test_deeply_nested_xml_is_an_error_not_a_crash(tmp_path: Path) -> None:
    depth = 100_000
    path = tmp_path / "deep.xml"
    path.write_bytes(b"<PubmedArticleSet>" + b"<a>" * depth + b"</a>" * depth + b"</PubmedArticleSet>")
    docs, errors = split(path)
    assert not docs and errors and errors[0].origin == str(path)
    nxml = tmp_path / "deep.nxml"
    nxml.write_bytes(b"<article><front>" + b"<a>" * depth + b"</a>" * depth + b"</front></article>")
    docs, errors = split(nxml)
    assert not docs and len(errors) == 1


def test_medline_text_bad_record_keeps_the_others(tmp_path: Path) -> None:
    raw = (PUBMED / "mesh-papers.medline.txt").read_bytes()
    records = [r for r in raw.split(b"\n\n") if r.strip()]
    assert len(records) == 284
    records[1] = records[1].replace(b"TI  - ", "TI  - Caf\u00e9 ".encode("latin-1"), 1)
    records[3] = re.sub(rb"TI  - .*?\n(?=[A-Z]{2,4} *- )", b"", records[3], count=1, flags=re.S)
    path = tmp_path / "broken.medline.txt"
    path.write_bytes(b"\n\n".join(records) + b"\n")
    docs, errors = split(path)
    assert len(docs) == 282
    assert [e.position.split(" (")[0] for e in errors] == ["record 2", "record 4"]
    assert "UTF-8" in errors[0].message and "no title" in errors[1].message
    assert all("line" in e.position for e in errors)


def test_jsonl_bad_line_keeps_the_others(tmp_path: Path) -> None:
    lines = (SHARED_DATA / "ngc-guideline-summaries-pd" / "ngc_pd_subset.jsonl").read_bytes().splitlines()
    lines[2] = lines[2][: len(lines[2]) // 2]  # a truncated line
    rec = json.loads(lines[5])
    rec["title"] = ""
    lines[5] = json.dumps(rec).encode()
    path = tmp_path / "ngc.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    docs, errors = split(path)
    assert len(docs) == 103
    assert [e.position for e in errors] == ["record 3 (line 3)", "record 6 (line 6)"]
    assert "invalid JSON" in errors[0].message and "no title" in errors[1].message


def test_pubmedqa_bad_record_keeps_the_others(tmp_path: Path) -> None:
    data = json.loads((SHARED_DATA / "pubmedqa" / "ori_pqal.json").read_text())
    keys = list(data)[:20]
    small = {k: data[k] for k in keys}
    del small[keys[4]]["CONTEXTS"]
    path = tmp_path / "qa.json"
    path.write_text(json.dumps(small))
    docs, errors = split(path)
    assert len(docs) == 19 and keys[4] not in {d.pmid for d in docs}
    assert len(errors) == 1 and errors[0].position == f"record 5 (key {keys[4]!r})"
    truncated = tmp_path / "qa-truncated.json"
    truncated.write_text(json.dumps(small, indent=1)[:5000])
    docs, errors = split(truncated)
    assert not docs and len(errors) == 1 and errors[0].position.startswith("line ")


def test_wrong_encoding_in_single_document_files(tmp_path: Path) -> None:
    html = tmp_path / "guide.html"
    html.write_bytes("<html><body><h1>Guide</h1>\n<p>Caf\u00e9 au lait spots need review.</p></body></html>"
                     .encode("latin-1"))
    docs, errors = split(html)
    assert not docs and errors[0].message.startswith("line 2: ") and "UTF-8" in errors[0].message
    spl = tmp_path / "label.xml"
    spl.write_bytes((SHARED_DATA / "drug-labels-spl" / "cough.xml").read_bytes().replace(
        b"Directions", "Directions \u00e9".encode("latin-1"), 1))
    docs, errors = split(spl)
    assert not docs and "UTF-8" in errors[0].message and "line" in errors[0].message


def test_deeply_nested_json_and_corrupt_gzip(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"CONTEXTS": ' + "[" * 200_000 + "]" * 200_000 + "}")
    docs, errors = split(deep)
    assert not docs and len(errors) == 1 and errors[0].origin == str(deep)
    corrupt = tmp_path / "export.xml.gz"
    corrupt.write_bytes(b"\x1f\x8b\x08\x00" + random.Random(9).randbytes(2000))
    docs, errors = split(corrupt)
    assert not docs and len(errors) == 1 and "cannot be read" in errors[0].message
