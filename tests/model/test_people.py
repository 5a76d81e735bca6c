"""People and points of contact."""

from __future__ import annotations

import attrs
import pytest

from cdm_newsletter import Contact, InvalidValue, Person


def test_person_with_a_name_only() -> None:
    person = Person(name="Corinne MARETS")
    assert person.email is None
    assert person.public
    assert person.display_name == "Corinne MARETS"


def test_person_known_only_by_an_e_mail_address() -> None:
    person = Person(email="contact@example.org")
    assert person.name is None
    assert person.display_name == "contact@example.org"


def test_display_name_prefers_the_name() -> None:
    assert Person(name="Régine", email="r@example.org").display_name == "Régine"


def test_person_needs_a_name_or_an_e_mail_address() -> None:
    with pytest.raises(InvalidValue) as caught:
        Person(role="Chargée de mission")
    assert caught.value.field == "name"
    assert str(caught.value) == "name: a person needs a name or an e-mail address"


def test_contact_is_person() -> None:
    assert Contact is Person


@pytest.mark.parametrize(
    "email",
    [
        "x@",
        "@example.org",
        "x@example",
        "a@localhost",
        "x y@example.org",
        "x@exa mple.org",
        "x@-example.org",
        "x@example-.org",
        "x@@example.org",
        "x@example..org",
        "mailto:x@example.org",
        "x@example.org ",
        "",
    ],
)
def test_person_refuses_bad_e_mail_addresses(email: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Person(name="X", email=email)
    assert str(caught.value) == f"email: {email!r} is not an e-mail address"


def test_exact_message_for_an_incomplete_address() -> None:
    with pytest.raises(InvalidValue) as caught:
        Person(email="x@")
    assert str(caught.value) == "email: 'x@' is not an e-mail address"
    assert caught.value.field == "email"
    assert caught.value.reason == "'x@' is not an e-mail address"


@pytest.mark.parametrize(
    "email",
    [
        "c.marets@example.org",
        "first.last+tag@sub.example.fr",
        "o'brien@example.ie",
        "X@EXAMPLE.ORG",
        "a@b-c.pt",
    ],
)
def test_person_accepts_e_mail_addresses(email: str) -> None:
    assert Person(email=email).email == email


@pytest.mark.parametrize("field", ["name", "role", "organisation"])
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "must not be empty"),
        (" ", "must not be empty"),
        ("a\nb", "contains the control character U+000A at position 1"),
        ("a\u2028b", "contains the line separator U+2028 at position 1"),
    ],
)
def test_person_text_fields_are_one_line(field: str, value: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Person(email="x@example.org", **{field: value})
    assert str(caught.value) == f"{field}: {reason}"


def test_person_is_frozen() -> None:
    person = Person(name="A", public=False)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        person.public = True  # type: ignore[misc]


def test_person_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        Person("A")  # type: ignore[misc]


def test_people_compare_by_value() -> None:
    assert Person(name="A", email="a@example.org") == Person(name="A", email="a@example.org")
    assert Person(name="A") != Person(name="A", public=False)
