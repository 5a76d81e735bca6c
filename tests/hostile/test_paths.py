"""Ids that would make unsafe paths are refused where they enter, with the field that holds them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.cli import main
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


CASE_TWINS = """\
AGENDA

7 novembre 2018

Réunion du Comex, Paris

7 novembre 2018

RÉUNION DU COMEX, Lisbonne

NOUVELLES DES CDM

UN TITRE

Un paragraphe.

UN TITRE

Un autre paragraphe.
"""


def test_names_differing_only_in_case_get_distinct_ids() -> None:
    issue = cdm.loads(CASE_TWINS.encode(), source="infolettre-2018-12.txt")
    assert [event.id for event in issue.agenda] == [
        "2018-12-20181107-reunion-du-comex",
        "2018-12-20181107-reunion-du-comex-2",
    ]
    assert [article.id for section in issue.sections for article in section.articles] == [
        "2018-12-un-titre",
        "2018-12-un-titre-2",
    ]


def test_no_two_paths_of_a_site_differ_only_in_case(tmp_path: Path) -> None:
    """On a case-insensitive file system (Windows, macOS) each file keeps a path of its own."""
    issue = cdm.loads(CASE_TWINS.encode(), source="infolettre-2018-12.txt")
    cdm.build(cdm.Archive([issue]), tmp_path)
    paths = [path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*")]
    assert len({path.casefold() for path in paths}) == len(paths)
    assert sorted(path for path in paths if path.startswith("events/")) == [
        "events/2018-12-20181107-reunion-du-comex-2.ics",
        "events/2018-12-20181107-reunion-du-comex.ics",
    ]


def test_sources_differing_only_in_case_are_one_issue_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "2018-12.yaml", tmp_path / "2018-12.YAML"
    for source in (first, second):
        source.write_bytes(cdm.dumps(build_issue(), "yaml"))
    with pytest.raises(cdm.InvalidValue) as caught:
        cdm.Archive([cdm.load(first), cdm.load(second)])
    assert str(caught.value) == "issues[1].id: issue '2018-12' appears twice"
    # From the command line, the message names both files; nothing is written.
    status = main(["build", str(first), str(second), "-o", str(tmp_path / "site")])
    assert (status, capsys.readouterr().err) == (
        1,
        f"error: {second}: $.id: issue '2018-12' is also read from {first}\n",
    )
    assert not (tmp_path / "site").exists()
