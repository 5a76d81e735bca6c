"""Ids that would make unsafe paths are refused where they enter, with the field that holds them."""

from __future__ import annotations

import datetime as dt

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.model import derive_article_id
from tests.conftest import build_issue

ID_RULE = "is not an id (lower-case letters, digits and inner hyphens, at most 120)"


@pytest.mark.parametrize(
    "bad",
    ["../../etc/passwd", "/etc/passwd", "C:\\\\x", "CON", "aux.txt", "a/b", "Issue", "-x", "x-"],
)
def test_an_id_that_is_not_a_plain_name_is_refused(bad: str) -> None:
    with pytest.raises(cdm.InvalidValue) as caught:
        cdm.Event(id=bad, title="Réunion", when=cdm.When(start=dt.date(2019, 1, 1)))
    assert str(caught.value) == f"id: {bad!r} {ID_RULE}"


@pytest.mark.parametrize("device", ["con", "prn", "aux", "nul", "com1", "lpt9"])
def test_a_windows_device_name_is_refused_as_an_id(device: str) -> None:
    with pytest.raises(cdm.InvalidValue) as caught:
        cdm.Article(id=device, title="Un article")
    assert str(caught.value) == (
        f"id: {device!r} is a name Windows reserves for a device, and ids name files: "
        "choose another id"
    )


def test_the_field_path_is_given_from_a_source() -> None:
    data = cdm.dumps(build_issue(), "yaml").replace(
        b"id: 2018-12-20190619-spring-school", b"id: nul"
    )
    with pytest.raises(cdm.InvalidData) as caught:
        cdm.loads(data, source="issue.yaml")
    assert str(caught.value) == (
        "issue.yaml: $.agenda[0].id: 'nul' is a name Windows reserves for a device, "
        "and ids name files: choose another id"
    )


def test_an_issue_id_must_be_a_date() -> None:
    with pytest.raises(cdm.InvalidValue) as caught:
        build_issue(id="../x")
    assert str(caught.value) == "id: '../x' is not an issue id such as '2018-12' or '2018-12-2'"


def test_titles_that_look_like_paths_give_plain_ids() -> None:
    assert [
        derive_article_id("2018-12", title) for title in ("../../etc/passwd", "CON", "aux.txt")
    ] == ["2018-12-etc-passwd", "2018-12-con", "2018-12-aux-txt"]
