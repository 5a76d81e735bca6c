"""Notices that are not articles: funding calls and staff changes."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from cdm_newsletter import (
    FundingCall,
    InvalidValue,
    Link,
    Person,
    StaffChange,
    StaffChangeKind,
)


def test_funding_call() -> None:
    call = FundingCall(
        title="Erasmus+ KA2",
        deadline=dt.date(2019, 3, 21),
        programme="Erasmus+",
        link=Link(url="https://ec.europa.eu/programmes/erasmus-plus"),
    )
    assert call.deadline == dt.date(2019, 3, 21)
    assert call.programme == "Erasmus+"


def test_funding_call_optional_fields() -> None:
    call = FundingCall(title="Appel", deadline=dt.date(2019, 3, 21))
    assert call.programme is None
    assert call.link is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "title: must not be empty"),
        ({"title": "a\x85b"}, "title: contains the control character U+0085 at position 1"),
        ({"programme": "  "}, "programme: must not be empty"),
    ],
)
def test_funding_call_refuses_bad_text(fields: dict[str, str], message: str) -> None:
    values: dict[str, object] = {"title": "Appel", "deadline": dt.date(2019, 3, 21)}
    values.update(fields)
    with pytest.raises(InvalidValue) as caught:
        FundingCall(**values)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_staff_change() -> None:
    change = StaffChange(
        organisation="Cité des métiers de Paris",
        person=Person(name="Fabien Le Mao"),
        kind=StaffChangeKind.DEPARTURE,
        role="directeur",
        contact_point=Person(name="Régine Roussel", email="r.roussel@example.org"),
    )
    assert change.kind is StaffChangeKind.DEPARTURE
    assert change.contact_point is not None
    assert change.contact_point.name == "Régine Roussel"


def test_staff_change_kinds() -> None:
    assert [kind.value for kind in StaffChangeKind] == ["arrival", "departure"]


def test_staff_change_organisation_is_required() -> None:
    with pytest.raises(InvalidValue) as caught:
        StaffChange(organisation=" ", person=Person(name="A"), kind=StaffChangeKind.ARRIVAL)
    assert str(caught.value) == "organisation: must not be empty"


def test_notices_are_frozen_and_keyword_only() -> None:
    call = FundingCall(title="Appel", deadline=dt.date(2019, 3, 21))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        call.deadline = dt.date(2019, 4, 1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        FundingCall("Appel", dt.date(2019, 3, 21))  # type: ignore[misc]
    with pytest.raises(TypeError):
        StaffChange("Org", Person(name="A"), StaffChangeKind.ARRIVAL)  # type: ignore[misc]
