"""Register an exporter at run time, without packaging a plugin, and build a site with it.

Run: python examples/custom_exporter.py [OUT-DIR]   (default: ./site-custom)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import cdm_newsletter as cdm


class DeadlinesExporter:
    """Writes the funding-call deadlines of every issue as a plain-text list."""

    name = "deadlines-txt"
    description = "funding-call deadlines as plain text (deadlines.txt)"
    media_type = "text/plain"

    def export(self, archive: cdm.Archive, options: cdm.ExportOptions) -> Iterator[cdm.Artifact]:
        """Yield ``deadlines.txt``: one line per call, soonest first."""
        calls = sorted(
            (call.deadline, call.title, issue.id)
            for issue in archive.issues
            for article in issue.articles()
            for call in article.funding_calls
        )
        text = "".join(
            f"{deadline}  {title}  (InfoLettre {issue})\n" for deadline, title, issue in calls
        )
        yield cdm.Artifact(
            path="deadlines.txt", data=text.encode("utf-8"), media_type=self.media_type
        )


def main(out_dir: str) -> None:
    """Build the bundled example with the json exporter and the one above."""
    cdm.register_exporter(DeadlinesExporter())
    report = cdm.build(
        cdm.Archive(cdm.example_issues()), out_dir, formats=["json", "deadlines-txt"]
    )
    print("\n".join(report.paths))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "site-custom")
