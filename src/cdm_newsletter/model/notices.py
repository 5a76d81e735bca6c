"""Notices that are not articles: funding calls and staff changes."""

from __future__ import annotations

import enum
from datetime import date

from attrs import field, frozen

from . import _checks
from .people import Person
from .text import Link

__all__ = ["FundingCall", "StaffChange", "StaffChangeKind"]


@frozen(kw_only=True)
class FundingCall:
    """A call for proposals and its deadline (the last day to apply)."""

    title: str = field(validator=_checks.line)
    deadline: date
    programme: str | None = field(default=None, validator=_checks.optional_line)
    link: Link | None = None


class StaffChangeKind(enum.Enum):
    """Whether someone joins or leaves an organisation."""

    ARRIVAL = "arrival"
    DEPARTURE = "departure"


@frozen(kw_only=True)
class StaffChange:
    """Someone joining or leaving a member organisation, and who to contact meanwhile."""

    organisation: str = field(validator=_checks.line)
    person: Person
    kind: StaffChangeKind
    role: str | None = field(default=None, validator=_checks.optional_line)
    contact_point: Person | None = None
