"""The documentation says what the code does: the data format reference against the model."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import cdm_newsletter as cdm

DOCS = Path(__file__).resolve().parents[1] / "docs"
CLASSES = {
    "Issue": cdm.Issue,
    "Publisher": cdm.Publisher,
    "Editorial": cdm.Editorial,
    "Section": cdm.Section,
    "Article": cdm.Article,
    "Event": cdm.Event,
    "Place": cdm.Place,
    "Person": cdm.Person,
    "FundingCall": cdm.FundingCall,
    "StaffChange": cdm.StaffChange,
    "Link": cdm.Link,
}


def documented_fields(heading: str) -> list[str]:
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    section = re.search(rf"^## {heading}\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert section is not None, heading
    return re.findall(r"^\| `([a-z_]+)` \|", section.group(1), re.MULTILINE)


@pytest.mark.parametrize("heading", sorted(CLASSES))
def test_every_field_is_documented_and_nothing_else(heading: str) -> None:
    fields = [field.name for field in attrs.fields(CLASSES[heading])]
    assert sorted(documented_fields(heading)) == sorted(fields)


def test_when_fields_are_described() -> None:
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    section = text.split("## When", 1)[1].split("## Place", 1)[0]
    for field in attrs.fields(cdm.When):
        assert f"`{field.name}`" in section, field.name


def test_every_section_kind_and_category_is_documented() -> None:
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    for kind in [*cdm.SectionKind, *cdm.EventCategory, *cdm.EventStatus, *cdm.StaffChangeKind]:
        assert f"`{kind.value}`" in text, kind


def test_every_xml_element_is_in_the_reference() -> None:
    schema = (Path(cdm.__file__).parent / "schema" / "cdm-newsletter-1.xsd").read_text(
        encoding="utf-8"
    )
    reference = (DOCS / "xml-archive.md").read_text(encoding="utf-8")
    for name in sorted(set(re.findall(r'<xs:element name="([a-z-]+)"', schema))):
        assert f"`{name}`" in reference, name
