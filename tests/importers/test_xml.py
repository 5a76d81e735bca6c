"""Reading the XML archive safely: hostile documents give clear errors and nothing else."""

from __future__ import annotations

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.exporters.xml import issue_to_xml
from tests.conftest import build_issue

GOOD = issue_to_xml(build_issue())


def refused(data: bytes) -> cdm.InvalidSyntax:
    with pytest.raises(cdm.InvalidSyntax) as caught:
        cdm.loads(data, source="issue.xml")
    return caught.value


def test_xxe_with_a_local_file_is_refused(tmp_path: object) -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE issue [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        + GOOD.split(b"\n", 1)[1].replace(b"<title>InfoLettre", b"<title>&xxe;InfoLettre", 1)
    )
    error = refused(data)
    assert (
        str(error) == "issue.xml: line 2: a DOCTYPE is not allowed (entities and DTDs are refused)"
    )


def test_billion_laughs_is_refused() -> None:
    entities = "".join(
        f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">' for i in range(1, 10)
    )
    doctype = f'<!DOCTYPE lolz [<!ENTITY l0 "lol">{entities}]>'
    data = f'<?xml version="1.0"?>{doctype}<issue>&l9;</issue>'.encode()
    assert "a DOCTYPE is not allowed" in str(refused(data))


def test_parameter_entities_and_attlist_defaults_are_refused() -> None:
    attlist = b'<!DOCTYPE issue [<!ATTLIST issue version CDATA "9.9">]>'
    assert "a DOCTYPE is not allowed" in str(refused(attlist + GOOD.split(b"\n", 1)[1]))
    parameter = b'<!DOCTYPE x [<!ENTITY % p SYSTEM "http://localhost:1/x.dtd"> %p;]><x/>'
    assert "a DOCTYPE is not allowed" in str(refused(parameter))


def test_undeclared_entities_are_syntax_errors() -> None:
    data = GOOD.replace(b"<title>InfoLettre", b"<title>&nbsp;InfoLettre", 1)
    error = refused(data)
    assert error.line == 15
    assert "Entity 'nbsp' not defined" in error.reason


def test_not_well_formed_gives_line_and_column() -> None:
    error = refused(GOOD[:300])
    assert error.line is not None
    assert str(error).startswith(f"issue.xml: line {error.line}, column ")


def test_schema_errors_give_the_message_and_line() -> None:
    data = GOOD.replace(b"<date>2018-12-15</date>", b"<date>15/12/2018</date>")
    error = refused(data)
    assert error.line == 14
    assert "does not follow the schema" in error.reason
    assert "date" in error.reason


def test_model_errors_give_the_field_path() -> None:
    data = GOOD.replace(b"<end>2019-06-21</end>", b"<end>2019-06-01</end>")
    with pytest.raises(cdm.InvalidData) as caught:
        cdm.loads(data, source="issue.xml")
    assert str(caught.value) == (
        "issue.xml: $.agenda[0].when.end: 2019-06-01 is before the start, 2019-06-19"
    )


def test_other_versions_and_vocabularies() -> None:
    assert "is not 1.x" in str(
        refused(GOOD.replace(b' version="1.0" id=', b' version="2.0" id=', 1))
    )
    assert "expected an <issue>" in str(refused(b"<html/>"))


def test_a_later_minor_version_is_read_without_its_new_elements() -> None:
    data = GOOD.replace(b' version="1.0" id=', b' version="1.3" id=', 1).replace(
        b"<title>InfoLettre", b"<subtitle>Nouveau</subtitle>\n  <title>InfoLettre", 1
    )
    assert cdm.loads(data, source="issue.xml") == build_issue()


def test_utf16_is_refused() -> None:
    assert "UTF-8, not UTF-16" in str(refused(GOOD.decode().encode("utf-16")))


def test_deep_nesting_is_refused() -> None:
    deep = b"<issue>" + b"<p>" * 100_000 + b"</p>" * 100_000 + b"</issue>"
    error = refused(deep)
    assert error.line == 1
