"""The text importer takes linear time: the cost per byte of a long input is that of a short one.

A quadratic rule (recounting brackets at every character after a URL, say) makes a 100 KB line
cost a hundred times more per byte than a 1 KB one; the property compares the two with a wide
margin, on the best of several runs, so that a busy machine does not make it fail.
"""

from __future__ import annotations

import time

from hypothesis import example, given, settings
from hypothesis import strategies as st

import cdm_newsletter as cdm

# Contexts where the importer's rules look at a line: a URL in an article, an agenda entry,
# a table row, a contact line, a staff paragraph.
CONTEXTS = (
    "NOUVELLES DU RESEAU\n\nTITRE\n\nVoir https://example.org/x{}\n",
    "AGENDA\n\n7 novembre 2019 {}\n",
    "AGENDA\n\nDate | Événement | Lieu\n12/03/2020 | {} | Paris\n",
    "NOUVELLES DES CDM\n\nTITRE\n\nTexte.\n\nContact : {} (at) example.org\n",
    "ARRIVEES / DEPARTS\n\nCité des métiers de Lyon\n\nMarie Durand {} quitte ses fonctions.\n",
)
UNITS = st.text(alphabet=")(.][*h1:/@ |,–-ÉaA\t", min_size=1, max_size=4)


def _seconds_per_byte(data: bytes) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        cdm.loads(data, source="infolettre-2020-01.txt")
        best = min(best, time.perf_counter() - start)
    return best / len(data)


@settings(max_examples=15, deadline=None)
@given(context=st.sampled_from(CONTEXTS), unit=UNITS)
@example(context=CONTEXTS[0], unit=")")  # once quadratic: brackets recounted after a URL
@example(context=CONTEXTS[0], unit=".)")
@example(context=CONTEXTS[4], unit=". A")  # once quadratic: each sentence searched for
@example(context=CONTEXTS[4], unit=" rejoint")  # once quadratic: a role searched to the end
def test_time_per_byte_does_not_grow_with_the_length(context: str, unit: str) -> None:
    short = context.format(unit * (1_000 // len(unit))).encode()
    long = context.format(unit * (100_000 // len(unit))).encode()
    _seconds_per_byte(short)  # warm the caches (compiled patterns, the gazetteer)
    ratio = _seconds_per_byte(long) / _seconds_per_byte(short)
    assert ratio < 8, f"a 100 KB input costs {ratio:.0f} times more per byte than a 1 KB one"
