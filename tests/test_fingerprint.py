"""Fingerprints: equal inputs give equal digests, in any process; different inputs, different."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import attrs
from hypothesis import given, settings

import cdm_newsletter as cdm
from cdm_newsletter.fingerprint import Fingerprinter, tree_digest
from cdm_newsletter.testing import property_examples
from cdm_newsletter.testing.strategies import issues
from tests.conftest import build_issue, raises_exactly


def _with_body(*spans: cdm.Text | cdm.Emphasis | cdm.Link) -> cdm.Issue:
    article = cdm.Article(
        id="a", title="T", body=cdm.RichText(blocks=(cdm.Paragraph(spans=spans),))
    )
    return build_issue(sections=(cdm.Section(title="S", articles=(article,)),))


def test_a_text_that_looks_like_another_span_is_another_digest() -> None:
    emphasis = _with_body(cdm.Emphasis(text="x"))
    lookalike = _with_body(cdm.Text(text="rEmphasis(text='x')"))
    assert emphasis != lookalike
    assert Fingerprinter().issue(emphasis) != Fingerprinter().issue(lookalike)


def test_span_boundaries_count() -> None:
    one = _with_body(cdm.Text(text="ab"), cdm.Emphasis(text="c"))
    other = _with_body(cdm.Text(text="a"), cdm.Emphasis(text="bc"))
    assert Fingerprinter().issue(one) != Fingerprinter().issue(other)


@settings(max_examples=property_examples(60), deadline=None)
@given(first=issues(), second=issues())
def test_different_issues_have_different_digests(first: cdm.Issue, second: cdm.Issue) -> None:
    same = first == second and first.provenance == second.provenance
    assert (Fingerprinter().issue(first) == Fingerprinter().issue(second)) == same


@settings(max_examples=property_examples(30), deadline=None)
@given(issue=issues())
def test_an_equal_copy_has_the_same_digest(issue: cdm.Issue) -> None:
    copy = attrs.evolve(issue)
    assert Fingerprinter().issue(copy) == Fingerprinter().issue(issue)


def test_values_of_other_types_or_shapes_differ() -> None:
    fingerprint = Fingerprinter()
    values = [
        (1,),
        ("1",),
        ((1,),),
        ([1],),
        ({"a": 1},),
        ((("a", 1),),),
        (dt.date(2019, 1, 1),),
        ("2019-01-01",),
        ((), ()),
        (((),),),
        (cdm.EventCategory.INTERNAL,),
        ("internal",),
    ]
    digests = [fingerprint.of(*value) for value in values]
    assert len(set(digests)) == len(values)


def _module_function() -> None:
    """A module-level function: fingerprinted by its name."""


def test_closures_lambdas_and_bound_methods_cannot_be_fingerprinted() -> None:
    fingerprint = Fingerprinter()
    fingerprint.of(_module_function)

    def local() -> None:
        """A closure: its captured state is not in its name."""

    functions = [
        (local, "test_closures_lambdas_and_bound_methods_cannot_be_fingerprinted.<locals>.local"),
        (
            lambda: None,
            "test_closures_lambdas_and_bound_methods_cannot_be_fingerprinted.<locals>.<lambda>",
        ),
        (Fingerprinter().issue, "Fingerprinter.issue"),
    ]
    for function, name in functions:
        with raises_exactly(
            TypeError,
            f"cannot fingerprint the function {name!r}: only module-level functions can be "
            "(a lambda, a closure or a bound method carries state its name does not say)",
        ):
            fingerprint.of(function)
    for value, kind in [({1, 2}, "set"), (object(), "object")]:
        with raises_exactly(
            TypeError,
            f"cannot fingerprint a value of type {kind!r}: use tuples, mappings, attrs classes "
            "and plain values",
        ):
            fingerprint.of(value)


def test_the_same_in_another_process() -> None:
    script = (
        "from tests.conftest import build_issue\n"
        "from cdm_newsletter.fingerprint import Fingerprinter\n"
        "print(Fingerprinter().of(build_issue(), {'b': 1, 'a': (2, 'x')}))\n"
    )
    other = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert other == Fingerprinter().of(build_issue(), {"b": 1, "a": (2, "x")})


def test_tree_digest_sees_names_and_bytes(tmp_path: Path) -> None:
    folder = tmp_path
    empty = tree_digest(folder)
    (folder / "a.j2").write_text("x")
    first = tree_digest(folder)
    (folder / "a.j2").write_text("y")
    second = tree_digest(folder)
    (folder / "a.j2").rename(folder / "b.j2")
    third = tree_digest(folder)
    assert len({empty, first, second, third}) == 4
    assert tree_digest(None) == tree_digest(folder / "missing") == empty
