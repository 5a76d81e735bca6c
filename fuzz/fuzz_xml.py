"""Atheris harness for the XML archive importer.

Run: ``python fuzz/fuzz_xml.py -max_total_time=600 fuzz/corpus-xml`` (``pip install atheris``;
seed the corpus with exported archive documents). A crash is any exception other than
``CdmNewsletterError``, or an imported document that does not export to the same bytes again.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import cdm_newsletter as cdm
    from cdm_newsletter.exporters.xml import issue_to_xml


def test_one_input(data: bytes) -> None:
    """Import ``data`` as an archive document; if it imports, XML -> model -> XML is stable."""
    try:
        issue = cdm.loads(data, source="issue.xml")
    except cdm.CdmNewsletterError:
        return
    exported = issue_to_xml(issue)
    if issue_to_xml(cdm.loads(exported, source="again.xml")) != exported:
        raise AssertionError("XML -> model -> XML is not stable")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
