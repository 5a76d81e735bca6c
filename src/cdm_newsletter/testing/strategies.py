"""Hypothesis strategies that generate valid models, for property-based tests."""

from __future__ import annotations

import datetime as dt

from attrs import evolve
from hypothesis import strategies as st

from cdm_newsletter import (
    Article,
    BulletList,
    Editorial,
    Emphasis,
    Event,
    EventCategory,
    EventStatus,
    FundingCall,
    Issue,
    Link,
    Paragraph,
    PartOfDay,
    Person,
    Place,
    Publisher,
    RichText,
    Section,
    SectionKind,
    StaffChange,
    StaffChangeKind,
    Superscript,
    Text,
    When,
)
from cdm_newsletter.model._checks import NONCHARACTERS

# Every character a one-line field accepts: no controls, surrogates, non-characters or separators.
line_characters = st.characters(
    blacklist_categories=("Cs", "Cc"),
    blacklist_characters="\u2028\u2029" + NONCHARACTERS,
)
lines = st.text(line_characters, min_size=1, max_size=40).filter(lambda text: text.strip() != "")
optional_lines = st.none() | lines
multiline_texts = st.lists(lines, min_size=1, max_size=3).map("\n".join)

emails = st.builds(
    "{}@{}.{}".format,
    st.from_regex(r"[a-z0-9][a-z0-9.+_-]{0,10}", fullmatch=True),
    st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True),
    st.sampled_from(["org", "fr", "pt", "example"]),
)
web_urls = st.builds(
    "https://{}.example.org/{}".format,
    st.from_regex(r"[a-z]{1,8}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9_~%./?=&#-]{0,20}", fullmatch=True),
)
link_urls = web_urls | emails.map("mailto:{}".format) | st.sampled_from(["#", ""])
links = st.builds(Link, url=link_urls, label=optional_lines)
span_texts = st.text(line_characters, min_size=1, max_size=20)
text_spans = st.one_of(
    st.builds(Text, text=span_texts),
    st.builds(Emphasis, text=span_texts),
    st.builds(Superscript, text=span_texts),
)
span_lines = st.lists(text_spans | links, min_size=1, max_size=4).map(tuple)
titles = (
    st.lists(text_spans, min_size=1, max_size=3)
    .map(tuple)
    .filter(lambda title: "".join(span.text for span in title).strip() != "")
)
blocks = st.builds(Paragraph, spans=span_lines) | st.builds(
    BulletList, items=st.lists(span_lines, min_size=1, max_size=3)
)
rich_texts = st.builds(RichText, blocks=st.lists(blocks, max_size=3))

people = st.builds(
    Person,
    name=lines,
    email=st.none() | emails,
    role=optional_lines,
    organisation=optional_lines,
    public=st.booleans(),
)
timezones = st.sampled_from(
    ["Europe/Paris", "Europe/Lisbon", "Europe/Brussels", "America/Montreal"]
)
places = st.builds(
    Place,
    name=lines,
    city=optional_lines,
    country=st.none() | st.sampled_from(["FR", "PT", "BE", "IT"]),
    timezone=st.none() | timezones,
)
days = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))


@st.composite
def whens(draw: st.DrawFn) -> When:
    """An all-day date or span (maybe half a day), or a span of local times in a zone."""
    start = draw(days)
    shape = draw(st.sampled_from(["day", "half-day", "days", "times"]))
    if shape == "day":
        return When(start=start)
    if shape == "half-day":
        return When(start=start, part_of_day=draw(st.sampled_from(PartOfDay)))
    if shape == "days":
        return When(start=start, end=start + dt.timedelta(days=draw(st.integers(1, 30))))
    begin = dt.datetime.combine(start, draw(st.times()))
    end = begin + dt.timedelta(minutes=draw(st.integers(0, 3000)))
    return When(start=begin, end=end, timezone=draw(timezones))


@st.composite
def _events(draw: st.DrawFn) -> Event:
    """An event of any status, dated, maybe moved from another day."""
    when = draw(whens())
    return Event(
        id="placeholder",
        title=draw(lines),
        when=when,
        rescheduled_from=draw(st.none() | days.filter(lambda day: day != when.first_day)),
        place=draw(st.none() | places),
        category=draw(st.sampled_from(EventCategory)),
        registration=draw(st.none() | links),
        status=draw(st.sampled_from(EventStatus)),
        description=draw(st.none() | multiline_texts),
    )


events = _events()
funding_calls = st.builds(
    FundingCall, title=lines, deadline=days, programme=optional_lines, link=st.none() | links
)
staff_changes = st.builds(
    StaffChange,
    organisation=lines,
    person=people,
    kind=st.sampled_from(StaffChangeKind),
    role=optional_lines,
    contact_point=st.none() | people,
)
articles = st.builds(
    Article,
    id=st.just("placeholder"),
    title=titles,
    body=rich_texts,
    contacts=st.lists(people, max_size=2),
    links=st.lists(links, max_size=2),
    funding_calls=st.lists(funding_calls, max_size=2),
    staff_changes=st.lists(staff_changes, max_size=1),
)
sections = st.builds(
    Section,
    title=lines,
    kind=st.sampled_from(SectionKind),
    intro=rich_texts,
    articles=st.lists(articles, max_size=3),
)
editorials = st.builds(
    Editorial,
    body=rich_texts,
    salutation=optional_lines,
    closing=optional_lines,
    signature=st.none() | people,
)
publishers = st.builds(Publisher, name=lines, url=st.none() | web_urls, email=st.none() | emails)


@st.composite
def issues(draw: st.DrawFn) -> Issue:
    """A valid issue with every kind of content; its article and event ids are unique."""
    day = draw(days)
    number = draw(st.none() | st.integers(2, 9))
    issue_id = f"{day:%Y-%m}" + ("" if number is None else f"-{number}")
    agenda = [
        evolve(event, id=f"e{index}")
        for index, event in enumerate(draw(st.lists(events, max_size=4)))
    ]
    drawn_sections = draw(st.lists(sections, max_size=3))
    counter = 0
    numbered_sections = []
    for section in drawn_sections:
        numbered = []
        for article in section.articles:
            numbered.append(evolve(article, id=f"{issue_id}-a{counter}"))
            counter += 1
        numbered_sections.append(evolve(section, articles=numbered))
    return Issue(
        id=issue_id,
        date=day,
        title=draw(lines),
        publisher=draw(publishers),
        language=draw(st.sampled_from(["fr", "pt", "fr-BE"])),
        editorial=draw(st.none() | editorials),
        agenda=agenda,
        sections=numbered_sections,
        editors=draw(st.lists(people, max_size=3)),
        url=draw(st.none() | web_urls),
    )
