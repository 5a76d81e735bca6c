"""Score the text importer on issues written blind, against their ground truth.

Run from the project folder: ``python -m benchmarks.blind [FOLDER ...]`` (default: every
batch under ``tests/data/infolettre/blind/``). Each ``infolettre-YYYY-MM.txt`` there has a
``.json`` beside it that says what a perfect reader extracts (the format is described in
``tests/data/infolettre/blind/README.md``). For each issue it prints the share of agenda
fields, section titles, article titles, contacts, funding calls and staff moves that match,
then the totals. Something read that the truth does not have counts against the share, as a
miss does: a reader that made every paragraph an event would not score well.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import cdm_newsletter as cdm
from cdm_newsletter.model import EventStatus, SectionKind

BLIND = Path(__file__).resolve().parents[1] / "tests" / "data" / "infolettre" / "blind"
KINDS = ("agenda", "sections", "articles", "contacts", "funding", "staff")
AGENDA_FIELDS = (
    "date",
    "end_date",
    "start_time",
    "end_time",
    "title",
    "place",
    "status",
    "original_date",
    "registration",
)
_NUMBERING = re.compile(r"^\s*(?:[0-9]{1,2}|[IVX]{1,4})\s*[.)/–—-]\s*")

Score = tuple[float, int]
"""Points won and points possible."""


def normalise(text: object) -> str:
    """Text compared loosely: case, accents, quotes, spaces and edge punctuation ignored."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKD", str(text).casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = folded.replace("’", "'").replace("«", '"').replace("»", '"')
    folded = _NUMBERING.sub("", folded)
    return " ".join(folded.split()).strip(" .,:;!–—-*_\"'")


def similar(a: object, b: object) -> float:
    """How alike two texts are, from 0 to 1, once normalised."""
    return difflib.SequenceMatcher(None, normalise(a), normalise(b)).ratio()


def _pairs(
    truth: Sequence[Any], found: Sequence[Any], closeness: Callable[[Any, Any], float]
) -> tuple[list[tuple[Any, Any]], int]:
    """Pair truth items with found ones, closest first; return the pairs and the spurious count."""
    candidates = sorted(
        (
            (closeness(t, f), i, j)
            for i, t in enumerate(truth)
            for j, f in enumerate(found)
            if closeness(t, f) >= 0.5
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_t: set[int] = set()
    used_f: set[int] = set()
    pairs: list[tuple[Any, Any]] = []
    for _, i, j in candidates:
        if i in used_t or j in used_f:
            continue
        used_t.add(i)
        used_f.add(j)
        pairs.append((truth[i], found[j]))
    pairs.extend((t, None) for i, t in enumerate(truth) if i not in used_t)
    return pairs, len(found) - len(used_f)


def _same(a: object, b: object) -> bool:
    return normalise(a) == normalise(b)


# --- what the importer found, in the truth's terms -------------------------------------------


def _time(value: dt.date | None) -> str | None:
    return f"{value:%H:%M}" if isinstance(value, dt.datetime) else None


def found_events(issue: cdm.Issue) -> list[dict[str, Any]]:
    """The issue's agenda in the ground truth's terms."""
    events = []
    for event in issue.agenda:
        when = event.when
        first = when.first_day.isoformat() if when else None
        last = when.last_day.isoformat() if when and when.last_day != when.first_day else None
        original = getattr(event, "rescheduled_from", None)
        status = event.status.value
        if event.status is EventStatus.POSTPONED:
            original = original or (when.first_day if when else None)
            first, last = None, None
        elif original is not None and event.status is EventStatus.CONFIRMED:
            status = "postponed"  # moved to a new date: the truth calls it postponed
        link = event.registration.url if event.registration else None
        events.append(
            {
                "date": first,
                "end_date": last,
                "start_time": _time(when.start) if when else None,
                "end_time": _time(when.end) if when else None,
                "title": event.title,
                "place": event.place.name if event.place else None,
                "status": status,
                "original_date": original.isoformat()
                if isinstance(original, dt.date)
                else original,
                "registration": None if link in (None, "#") else link,
            }
        )
    return events


def found_contacts(issue: cdm.Issue) -> list[dict[str, Any]]:
    """Every contact the issue gives: articles' contacts, contact points, the publisher's e-mail."""
    people: list[dict[str, Any]] = []
    for article in issue.articles():
        people.extend({"name": p.name, "email": p.email} for p in article.contacts)
        for change in article.staff_changes:
            point = change.contact_point
            if point is not None and {"name": point.name, "email": point.email} not in people:
                people.append({"name": point.name, "email": point.email})
    if issue.publisher.email and all(p["email"] != issue.publisher.email for p in people):
        people.append({"name": None, "email": issue.publisher.email})
    return people


# --- scores ----------------------------------------------------------------------------------


def score_agenda(truth: list[dict[str, Any]], found: list[dict[str, Any]]) -> Score:
    """Fields of events that match; a missed or spurious event loses all its fields."""

    def closeness(t: dict[str, Any], f: dict[str, Any]) -> float:
        day = 0.3 if t["date"] == f["date"] or t["original_date"] == f["original_date"] else 0.0
        return 0.7 * similar(t["title"], f["title"]) + day

    pairs, spurious = _pairs(truth, found, closeness)
    won = 0
    for t, f in pairs:
        if f is not None:
            won += sum(_same(t[name], f[name]) for name in AGENDA_FIELDS)
    return won, len(AGENDA_FIELDS) * (len(truth) + spurious)


def score_titles(truth: list[str], found: list[str]) -> Score:
    """Titles that match exactly once normalised; spurious titles count as misses."""
    pairs, spurious = _pairs(truth, found, similar)
    return sum(f is not None and _same(t, f) for t, f in pairs), len(truth) + spurious


def score_contacts(truth: list[dict[str, Any]], found: list[dict[str, Any]]) -> Score:
    """Contacts whose e-mail and name both match (a name the truth gives must be found)."""

    def closeness(t: dict[str, Any], f: dict[str, Any]) -> float:
        if t.get("email") and f.get("email"):
            return 1.0 if t["email"].lower() == f["email"].lower() else 0.0
        return similar(t.get("name"), f.get("name")) if t.get("name") else 0.0

    truth = [t for t in truth if t.get("email") or t.get("name")]
    pairs, spurious = _pairs(truth, found, closeness)
    won = sum(
        f is not None
        and (t.get("email") or "").lower() == (f.get("email") or "").lower()
        and _same(t.get("name"), f.get("name"))
        for t, f in pairs
    )
    return won, len(truth) + spurious


def score_funding(truth: list[dict[str, Any]], found: list[cdm.FundingCall]) -> Score:
    """Funding calls whose deadline matches and whose title is the same once normalised."""
    calls = [{"title": c.title, "deadline": c.deadline.isoformat()} for c in found]
    pairs, spurious = _pairs(truth, calls, lambda t, f: similar(t["title"], f["title"]))
    won = sum(
        f is not None and f["deadline"] == t["deadline"] and similar(t["title"], f["title"]) >= 0.9
        for t, f in pairs
    )
    return won, len(truth) + spurious


def score_staff(truth: list[dict[str, Any]], found: list[cdm.StaffChange]) -> Score:
    """Staff moves whose person and kind (arrival, departure) match."""
    moves = [{"name": c.person.name, "kind": c.kind.value} for c in found]
    pairs, spurious = _pairs(truth, moves, lambda t, f: similar(t["name"], f["name"]))
    won = sum(
        f is not None and _same(t["name"], f["name"]) and t["kind"] == f["kind"] for t, f in pairs
    )
    return won, len(truth) + spurious


def score_issue(text_path: Path) -> dict[str, Score]:
    """Every kind's score for one issue and its ground truth."""
    truth = json.loads(text_path.with_suffix(".json").read_text(encoding="utf-8"))
    try:
        issue = cdm.load(text_path)
    except cdm.CdmNewsletterError:
        issue = None
    if issue is None:
        empty = cdm.Issue(
            id=truth["issue"],
            date=dt.date.fromisoformat(truth["issue"] + "-01"),
            title="-",
            publisher=cdm.Publisher(name="-"),
        )
        issue = empty
    titled_kinds = {"agenda", "editorial"}
    section_truth = [s["title"] for s in truth["sections"] if s["kind"] not in titled_kinds]
    articles = list(issue.articles())
    # Articles of the staff and contact sections only hold their notices: not news articles.
    news = [
        a
        for s in issue.sections
        if s.kind not in (SectionKind.STAFF_MOVES, SectionKind.CONTACT)
        for a in s.articles
    ]
    return {
        "agenda": score_agenda(truth["agenda"], found_events(issue)),
        "sections": score_titles(section_truth, [s.title for s in issue.sections]),
        "articles": score_titles(
            [a["title"] for a in truth["articles"]],
            [a.plain_title for a in news if a.plain_title not in {s.title for s in issue.sections}],
        ),
        "contacts": score_contacts(truth["contacts"], found_contacts(issue)),
        "funding": score_funding(
            truth["funding_calls"], [c for a in articles for c in a.funding_calls]
        ),
        "staff": score_staff(truth["staff_moves"], [c for a in articles for c in a.staff_changes]),
    }


def _share(score: Score) -> str:
    won, possible = score
    return "   -  " if possible == 0 else f"{100 * won / possible:5.1f}%"


def score_folders(
    folders: Iterable[Path], out: Callable[[str], object] = print
) -> dict[str, Score]:
    """Print each issue's shares and the totals; return the totals."""
    totals = dict.fromkeys(KINDS, (0.0, 0))
    out(f"{'issue':<40}" + "".join(f"{kind:>10}" for kind in KINDS))
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            if not path.with_suffix(".json").is_file():
                continue
            scores = score_issue(path)
            name = f"{folder.name}/{path.name}"
            out(f"{name:<40}" + "".join(f"{_share(scores[kind]):>10}" for kind in KINDS))
            for kind in KINDS:
                won, possible = totals[kind]
                totals[kind] = (won + scores[kind][0], possible + scores[kind][1])
    out(f"{'all':<40}" + "".join(f"{_share(totals[kind]):>10}" for kind in KINDS))
    return totals


def main(argv: Sequence[str] | None = None) -> int:
    """Score the folders given, or every batch of the blind corpus."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.blind", description=__doc__)
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args(argv)
    folders = args.folders or sorted(p for p in BLIND.iterdir() if p.is_dir())
    score_folders(folders)
    return 0


if __name__ == "__main__":
    sys.exit(main())
