"""Follow an agenda over three issues and show what subscribed calendars receive.

The issues in ``examples/calendar-sequence/`` announce meetings again (repeats),
move one (a reschedule), call one off (a cancellation) and announce a new meeting
with an old title (a distinct event). After each issue, this prints the events
of ``agenda.ics`` as a calendar application sees them: UID, SEQUENCE, start, status.

Run: python examples/calendar_sequence.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

import cdm_newsletter as cdm

FOLDER = Path(__file__).with_name("calendar-sequence")


def main() -> None:
    """Print the calendar after each issue."""
    issues: list[cdm.Issue] = []
    for source in sorted(FOLDER.glob("*.yaml")):
        issues.append(cdm.load(source))
        archive = cdm.Archive(issues)
        options = cdm.ExportOptions(
            build_time=dt.datetime.combine(issues[-1].date, dt.time(), dt.UTC)
        )
        (agenda,) = [
            a for a in cdm.get_exporter("ical").export(archive, options) if a.path == "agenda.ics"
        ]
        print(f"after InfoLettre {issues[-1].id}:")
        for event in icalendar.Calendar.from_ical(agenda.data).walk("VEVENT"):
            start = event.decoded("DTSTART")
            print(f"  {event['UID']}  SEQUENCE:{event['SEQUENCE']}  {start}  {event['STATUS']}")


if __name__ == "__main__":
    main()
