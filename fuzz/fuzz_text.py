"""Atheris harness for the InfoLettre text importer.

Run: ``python fuzz/fuzz_text.py -max_total_time=600 fuzz/corpus-text`` (``pip install atheris``;
the corpus folder fills with interesting inputs; seed it with ``tests/data/infolettre/*.txt``).
A crash is any exception other than ``CdmNewsletterError``, or an imported issue that does not
survive a JSON round trip.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import cdm_newsletter as cdm


def test_one_input(data: bytes) -> None:
    """Import ``data`` as a text export; if it imports, it must round-trip through JSON."""
    try:
        issue = cdm.loads(data, source="infolettre-2019-03.txt")
    except cdm.CdmNewsletterError:
        return
    again = cdm.loads(cdm.dumps(issue, "json"), source="again.json")
    if again != issue:
        raise AssertionError("the imported issue does not survive a JSON round trip")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
