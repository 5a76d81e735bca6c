"""The XML archive: valid for two schema validators, lossless both ways, canonical, safe to read."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import pytest
import xmlschema
from hypothesis import given, settings
from lxml import etree

import cdm_newsletter as cdm
from cdm_newsletter.cli import main
from cdm_newsletter.exporters.xml import NAMESPACE, SCHEMA_FILES, XmlExporter, issue_to_xml
from cdm_newsletter.testing import property_examples
from cdm_newsletter.testing.strategies import issues
from tests.conftest import SEED_SOURCES, build_issue, raises_exactly, seed_path

N = f"{{{NAMESPACE}}}"
SCHEMA_PATH = resources.files("cdm_newsletter") / "schema" / "cdm-newsletter-1.xsd"


@pytest.fixture(scope="module")
def validators() -> tuple[etree.XMLSchema, xmlschema.XMLSchema]:
    path = str(SCHEMA_PATH)
    return etree.XMLSchema(etree.parse(path)), xmlschema.XMLSchema(path)


def assert_valid(data: bytes, validators: tuple[etree.XMLSchema, xmlschema.XMLSchema]) -> None:
    lxml_schema, other = validators
    document = etree.fromstring(data)
    assert lxml_schema.validate(document), lxml_schema.error_log
    other.validate(data.decode("utf-8"))  # raises with the reason when invalid


def export(archive: cdm.Archive, options: cdm.ExportOptions | None = None) -> dict[str, bytes]:
    options = options or cdm.ExportOptions()
    return {artifact.path: artifact.data for artifact in XmlExporter().export(archive, options)}


SAMPLES = ("2018-12", "2019-03", *SEED_SOURCES)
"""The bundled examples by id, and the seed sources (the twin, and the real seed when present)."""


def sample_issue(name: str) -> cdm.Issue:
    """A bundled example, or a seed source read from its file."""
    if name in SEED_SOURCES:
        return cdm.load(seed_path(name))
    (issue,) = [issue for issue in cdm.example_issues() if issue.id == name]
    return issue


def test_files_and_schema(validators: tuple[etree.XMLSchema, xmlschema.XMLSchema]) -> None:
    files = export(cdm.Archive(cdm.example_issues()))
    assert sorted(files) == [
        "archive/2018-12.xml",
        "archive/2019-03.xml",
        "archive/cdm-newsletter-1.xsd",
        "archive/index.xml",
        "archive/xml.xsd",
    ]
    for name in SCHEMA_FILES:
        assert files[f"archive/{name}"] == (SCHEMA_PATH.parent / name).read_bytes()
    for path in ("archive/2018-12.xml", "archive/2019-03.xml", "archive/index.xml"):
        assert_valid(files[path], validators)


def test_index_lists_files_with_checksums() -> None:
    files = export(cdm.Archive(cdm.example_issues()))
    index = etree.fromstring(files["archive/index.xml"])
    entries = [
        (e.get("id"), e.get("href"), e.get("sha256"), e.text) for e in index.iter(N + "issue-file")
    ]
    assert [entry[0] for entry in entries] == ["2019-03", "2018-12"]  # newest first
    for issue_id, href, digest, title in entries:
        assert hashlib.sha256(files[f"archive/{href}"]).hexdigest() == digest
        assert title
        assert issue_id in href


def test_document_shape(validators: tuple[etree.XMLSchema, xmlschema.XMLSchema]) -> None:
    issue = cdm.example_issues()[0]
    root = etree.fromstring(issue_to_xml(issue))
    assert root.tag == N + "issue"
    assert root.get("version") == "1.0"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert root.get("{http://www.w3.org/XML/1998/namespace}id") == "issue-2018-12"
    meta = root.find(N + "meta")
    assert meta is not None
    assert meta.findtext(N + "guid") == "tag:example.org,2018-12-15:issue/2018-12"
    assert meta.findtext(N + "pub-status") == "usable"
    assert meta.findtext(N + "first-created") == "2018-12-15T00:00:00Z"
    provenance = meta.find(N + "provenance")
    assert provenance is not None
    assert provenance.findtext(N + "source") == "infolettre-2018-12.yaml"
    assert provenance.findtext(N + "importer") == "yaml"
    assert provenance.find(N + "generator").get("version") == cdm.__version__  # type: ignore[union-attr]
    ids = [
        e.get("{http://www.w3.org/XML/1998/namespace}id")
        for e in root.iter(N + "event", N + "article")
    ]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(("e-", "a-")) for i in ids)  # type: ignore[union-attr]


def test_rich_text_vocabulary() -> None:
    body = cdm.RichText(
        blocks=(
            cdm.Paragraph(
                spans=(
                    cdm.Text(text="La 11"),
                    cdm.Superscript(text="e"),
                    cdm.Text(text=" édition, "),
                    cdm.Emphasis(text="inscription"),
                    cdm.Text(text=" : "),
                    cdm.Link(url="https://www.example.org/", label="ici"),
                    cdm.Link(url="#"),
                )
            ),
            cdm.BulletList(items=("un", "deux")),
        )
    )
    article = cdm.Article(id="a", title="T", body=body)
    issue = build_issue(sections=(cdm.Section(title="S", articles=(article,)),))
    text = issue_to_xml(issue).decode()
    assert (
        '<p>La 11<sup>e</sup> édition, <em>inscription</em> : <a href="https://www.example.org/">ici</a>'
        '<a href="#"/></p>'
    ) in text
    assert "<ul>\n" in text
    assert "<li>un</li>" in text


def test_private_people_are_left_out_unless_asked() -> None:
    secret = cdm.Person(name="Secret AGENT", email="secret@example.org", public=False)
    issue = build_issue(editors=(secret,))
    assert b"secret" not in export(cdm.Archive([issue]))["archive/2018-12.xml"]
    kept = export(cdm.Archive([issue]), cdm.ExportOptions(include_private=True))[
        "archive/2018-12.xml"
    ]
    assert cdm.loads(kept, source="x.xml").editors == (secret,)


@pytest.mark.parametrize("name", SAMPLES)
def test_model_xml_model_xml(
    name: str, validators: tuple[etree.XMLSchema, xmlschema.XMLSchema]
) -> None:
    issue = sample_issue(name)
    data = issue_to_xml(issue)
    assert_valid(data, validators)
    back = cdm.loads(data, source="issue.xml")
    assert back == issue
    assert back.provenance == issue.provenance
    assert issue_to_xml(back) == data  # byte-identical


@settings(max_examples=property_examples(80), deadline=None)
@given(issues())
def test_every_generated_model_round_trips(issue: cdm.Issue) -> None:
    data = issue_to_xml(issue)
    back = cdm.loads(data, source="issue.xml")
    assert back == issue
    assert issue_to_xml(back) == data


@settings(max_examples=property_examples(30), deadline=None)
@given(issues())
def test_every_generated_document_is_valid(issue: cdm.Issue) -> None:
    path = str(SCHEMA_PATH)
    assert_valid(issue_to_xml(issue), (_LXML_SCHEMA, _XMLSCHEMA))
    assert path


_LXML_SCHEMA = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
_XMLSCHEMA = xmlschema.XMLSchema(str(SCHEMA_PATH))


def test_build_and_convert_read_the_archive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    assert main(["build", "-o", str(site), "-f", "xml", "--base-url", "https://e.org/"]) == 0
    documents = sorted(str(path) for path in (site / "archive").glob("2*.xml"))
    again = tmp_path / "again"
    assert (
        main(["build", *documents, "-o", str(again), "-f", "xml", "--base-url", "https://e.org/"])
        == 0
    )
    for name in ("2018-12.xml", "2019-03.xml", "index.xml"):
        assert (again / "archive" / name).read_bytes() == (site / "archive" / name).read_bytes()
    assert (
        main(["convert", str(site / "archive" / "2018-12.xml"), str(tmp_path / "issue.yaml")]) == 0
    )
    assert cdm.load(tmp_path / "issue.yaml") == cdm.example_issues()[0]
    capsys.readouterr()


def test_the_index_is_not_an_issue(tmp_path: Path) -> None:
    data = export(cdm.Archive(cdm.example_issues()))["archive/index.xml"]
    with raises_exactly(
        cdm.InvalidSyntax,
        "index.xml: line 2: this is the archive's index; load the issue files it lists",
    ):
        cdm.loads(data, source="index.xml")
