"""Load an issue and print its agenda, sections and contacts.

Run: python examples/inspect_issue.py [ISSUE-FILE]   (default: the December 2018 example)
"""

from __future__ import annotations

import sys
from pathlib import Path

import cdm_newsletter as cdm


def main(path: Path) -> None:
    """Print a summary of the issue at ``path``."""
    issue = cdm.load(path)
    print(f"{issue.title} ({issue.id}), {len(issue.agenda)} events")
    for event in issue.agenda:
        where = f", {event.place.name}" if event.place else ""
        half = f" ({event.when.part_of_day.value})" if event.when.part_of_day else ""
        print(f"  {event.when.first_day}{half} [{event.category.value}] {event.title}{where}")
    for section in issue.sections:
        print(f"{section.title} [{section.kind.value}]")
        for article in section.articles:
            contacts = ", ".join(
                person.display_name for person in article.contacts if person.public
            )
            print(f"  - {article.plain_title}" + (f" (contact: {contacts})" if contacts else ""))


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).with_name("infolettre-2018-12.yaml")
    )
