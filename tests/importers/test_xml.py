"""Reading the XML archive safely: hostile documents give clear errors and nothing else."""

from __future__ import annotations

import re

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.exporters.xml import issue_to_xml
from tests.conftest import build_issue

GOOD = issue_to_xml(build_issue())
DOCTYPE_REFUSED = "issue.xml: line 1: a DOCTYPE is not allowed (entities and DTDs are refused)"


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
    assert str(refused(data)) == DOCTYPE_REFUSED


def test_parameter_entities_and_attlist_defaults_are_refused() -> None:
    attlist = b'<!DOCTYPE issue [<!ATTLIST issue version CDATA "9.9">]>'
    assert str(refused(attlist + GOOD.split(b"\n", 1)[1])) == DOCTYPE_REFUSED
    parameter = b'<!DOCTYPE x [<!ENTITY % p SYSTEM "http://localhost:1/x.dtd"> %p;]><x/>'
    assert str(refused(parameter)) == DOCTYPE_REFUSED


def test_undeclared_entities_are_syntax_errors() -> None:
    data = GOOD.replace(b"<title>InfoLettre", b"<title>&nbsp;InfoLettre", 1)
    error = refused(data)
    assert error.line == 15
    # libxml2's wording and column ("Entity 'nbsp' not defined", column 16).
    assert re.fullmatch(r"issue\.xml: line 15, column \d+: .*'nbsp'.*", str(error))


def test_not_well_formed_gives_line_and_column() -> None:
    error = refused(GOOD[:300])
    assert error.line == 4
    # libxml2's wording and column ("Premature end of data in tag guid line 4", column 15).
    assert re.fullmatch(r"issue\.xml: line 4, column \d+: .+", str(error))


def test_schema_errors_give_the_message_and_line() -> None:
    data = GOOD.replace(b"<date>2018-12-15</date>", b"<date>15/12/2018</date>")
    error = refused(data)
    assert error.line == 14
    # After our prefix, libxml2's wording ("Element 'date': '15/12/2018' is not a valid value
    # of the atomic type 'xs:date'."), without the namespace, which we take out.
    assert re.fullmatch(
        r"issue\.xml: line 14: does not follow the schema: .*'date'.*'15/12/2018'.*", str(error)
    )


def test_model_errors_give_the_field_path() -> None:
    data = GOOD.replace(b"<end>2019-06-21</end>", b"<end>2019-06-01</end>")
    with pytest.raises(cdm.InvalidData) as caught:
        cdm.loads(data, source="issue.xml")
    assert str(caught.value) == (
        "issue.xml: $.agenda[0].when.end: 2019-06-01 is before the start, 2019-06-19"
    )


def test_other_versions_and_vocabularies() -> None:
    assert str(refused(GOOD.replace(b' version="1.0" id=', b' version="2.0" id=', 1))) == (
        "issue.xml: line 2: version '2.0' is not 1.x; this reads 1.0 to 1.x"
    )
    assert str(refused(b"<html/>")) == (
        "issue.xml: line 1: expected an <issue> in the namespace urn:x-cdm-newsletter:archive:1"
    )


def test_a_later_minor_version_is_read_without_its_new_elements() -> None:
    data = GOOD.replace(b' version="1.0" id=', b' version="1.3" id=', 1).replace(
        b"<title>InfoLettre", b"<subtitle>Nouveau</subtitle>\n  <title>InfoLettre", 1
    )
    assert cdm.loads(data, source="issue.xml") == build_issue()


def test_utf16_is_refused() -> None:
    assert str(refused(GOOD.decode().encode("utf-16"))) == (
        "issue.xml: line 1, column 1: the archive's documents are UTF-8, not UTF-16"
    )


def test_deep_nesting_is_refused() -> None:
    deep = b"<issue>" + b"<p>" * 100_000 + b"</p>" * 100_000 + b"</issue>"
    error = refused(deep)
    # The column where libxml2 stops (775) is its own; 256 levels is its limit.
    assert re.fullmatch(
        r"issue\.xml: line 1, column \d+: elements are nested deeper than 256 levels", str(error)
    )
