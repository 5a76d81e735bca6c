"""People and points of contact."""

from __future__ import annotations

from typing import Any, TypeAlias

from attrs import Attribute, field, frozen

from ..errors import InvalidValue
from . import _checks

__all__ = ["Contact", "Person"]


def _named_or_reachable(instance: Person, _attribute: Attribute[Any], email: str | None) -> None:
    if instance.name is None and email is None:
        raise InvalidValue("name", "a person needs a name or an e-mail address")


@frozen(kw_only=True)
class Person:
    """A person, or an impersonal point of contact known only by an e-mail address.

    ``public`` says whether the person may appear in published output. Exporters
    leave out every person whose ``public`` is false: their name, e-mail and role.
    """

    name: str | None = field(default=None, validator=_checks.optional_line)
    email: str | None = field(default=None, validator=[_checks.optional_email, _named_or_reachable])
    role: str | None = field(default=None, validator=_checks.optional_line)
    organisation: str | None = field(default=None, validator=_checks.optional_line)
    public: bool = True

    @property
    def display_name(self) -> str:
        """The name, else the e-mail address."""
        name = self.name if self.name is not None else self.email
        assert name is not None  # guaranteed by the validator
        return name


Contact: TypeAlias = Person
"""An article's point of contact: the same class as :class:`Person`."""
