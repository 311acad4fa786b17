"""FDA Structured Product Labeling (SPL) drug labels: clinically useful sections typed by LOINC code."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from guidewise.ingest.model import Document, EvidenceLevel, RecordError, Section
from guidewise.ingest.readers._xml import UnsafeXML, blocks, norm, parse_file, text_of

NS = {"v3": "urn:hl7-org:v3"}
LOINC = "2.16.840.1.113883.6.1"
# LOINC section codes -> the label we carry on the section's passages.
SECTION_TYPES: dict[str, str] = {
    "34066-1": "BOXED WARNING",
    "34067-9": "INDICATIONS AND USAGE",
    "34068-7": "DOSAGE AND ADMINISTRATION",
    "43678-2": "DOSAGE FORMS AND STRENGTHS",
    "34070-3": "CONTRAINDICATIONS",
    "43685-7": "WARNINGS AND PRECAUTIONS",
    "34071-1": "WARNINGS",
    "42232-9": "PRECAUTIONS",
    "34084-4": "ADVERSE REACTIONS",
    "34073-7": "DRUG INTERACTIONS",
    "43684-0": "USE IN SPECIFIC POPULATIONS",
    "42228-7": "PREGNANCY",
    "42227-9": "LABOR AND DELIVERY",
    "34080-2": "NURSING MOTHERS",
    "77290-5": "LACTATION",
    "77291-3": "FEMALES AND MALES OF REPRODUCTIVE POTENTIAL",
    "34081-0": "PEDIATRIC USE",
    "34082-8": "GERIATRIC USE",
    "88829-7": "RENAL IMPAIRMENT",
    "88830-5": "HEPATIC IMPAIRMENT",
    "34088-5": "OVERDOSAGE",
    "34090-1": "CLINICAL PHARMACOLOGY",
    "43679-0": "MECHANISM OF ACTION",
    "34092-7": "CLINICAL STUDIES",
    # OTC "Drug Facts"
    "55106-9": "ACTIVE INGREDIENT",
    "55105-1": "PURPOSE",
    "50570-1": "DO NOT USE",
    "50569-3": "ASK A DOCTOR BEFORE USE",
    "50568-5": "ASK A DOCTOR OR PHARMACIST BEFORE USE",
    "50567-7": "WHEN USING THIS PRODUCT",
    "50566-9": "STOP USE AND ASK A DOCTOR",
    "53414-9": "PREGNANCY OR BREAST-FEEDING",
    "50565-1": "KEEP OUT OF REACH OF CHILDREN",
    "60561-8": "OTHER SAFETY INFORMATION",
}
_BLOCKS = frozenset({"paragraph", "item", "tr", "caption", "title"})


def _code(section: etree._Element) -> str | None:
    c = section.find("v3:code", NS)
    return c.get("code") if c is not None and c.get("codeSystem") in (LOINC, None) else None


def _own_text(section: etree._Element) -> str:
    texts = [b for t in section.findall("v3:text", NS) for b in blocks(t, _BLOCKS)]
    return "\n\n".join(texts)


def _walk(section: etree._Element, inherited: str | None, out: list[Section]) -> None:
    """Typed sections in order. Subsections keep their parent's type (a pregnancy item under CONTRAINDICATIONS
    stays a contraindication) except under USE IN SPECIFIC POPULATIONS, whose parts are typed themselves."""
    own_type = SECTION_TYPES.get(_code(section) or "")
    label = own_type if inherited in (None, "USE IN SPECIFIC POPULATIONS") and own_type else inherited
    if label is not None:
        title = re.sub(r"^\d+(\.\d+)*\s+", "", text_of(section.find("v3:title", NS)))
        text = _own_text(section)
        subsections = section.findall("v3:component/v3:section", NS)
        if not text and not subsections:
            text = title if inherited is not None else ""  # title-only items such as "4.2 Hypersensitivity ..."
            title = ""
        if not text and inherited is None and not subsections:
            text = "\n\n".join(b for t in section.findall("v3:excerpt/v3:highlight/v3:text", NS)
                               for b in blocks(t, _BLOCKS))
        if text:
            out.append(Section(label, f"{title}\n\n{text}" if title and title.upper() != label else text))
    for sub in section.findall("v3:component/v3:section", NS):
        _walk(sub, label, out)


def _product_title(root: etree._Element) -> str:
    for mp in root.iterfind(".//v3:manufacturedProduct/v3:manufacturedProduct", NS):
        name = norm(mp.findtext("v3:name", namespaces=NS))
        generic = norm(mp.findtext("v3:asEntityWithGeneric/v3:genericMedicine/v3:name", namespaces=NS))
        if name:
            return f"{name} ({generic.lower()})" if generic and generic.lower() != name.lower() else name
    return ""


def parse_label(root: etree._Element, origin: str) -> Document:
    if etree.QName(root.tag).localname != "document" or etree.QName(root.tag).namespace != NS["v3"]:
        raise ValueError("not an HL7 SPL <document>")
    kind = (root.find("v3:code", NS).get("displayName") if root.find("v3:code", NS) is not None else None) or "label"
    sections: list[Section] = []
    for sec in root.iterfind("v3:component/v3:structuredBody/v3:component/v3:section", NS):
        _walk(sec, None, sections)
    if not sections:
        raise ValueError(f"no clinical label sections (document type: {kind})")
    product = _product_title(root)
    title = text_of(root.find("v3:title", NS))
    # PLR labels open with the boilerplate "These highlights do not include ..."; prefer the product name
    if not title or title.lower().startswith("these highlights"):
        title = f"{product} prescribing information" if product else title
    elif title.lower() == "drug facts" and product:
        title = f"{product} (Drug Facts)"
    if not title:
        raise ValueError("label has no title and no product name")
    eff = root.find("v3:effectiveTime", NS)
    year = int(eff.get("value", "")[:4]) if eff is not None and (eff.get("value") or "")[:4].isdigit() else None
    set_id = root.find("v3:setId", NS)
    org = norm(root.findtext("v3:author/v3:assignedEntity/v3:representedOrganization/v3:name", namespaces=NS))
    url = (f"https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid={set_id.get('root')}"
           if set_id is not None and set_id.get("root") else None)
    return Document(source_format="spl", title=title[:500], sections=sections, journal="FDA drug label",
                    year=year, authors=[org] if org else [], pub_types=[kind.title()],
                    evidence_level=EvidenceLevel.DRUG_LABEL, url=url, origin=origin)


def read(path: Path) -> Iterator[Document | RecordError]:
    try:
        yield parse_label(parse_file(path), str(path))
    except (UnsafeXML, etree.XMLSyntaxError, ValueError, OSError, EOFError, zlib.error) as e:
        yield RecordError(str(path), "file", f"SPL label not readable: {e}")
