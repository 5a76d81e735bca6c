"""load() and dump(): formats chosen by suffix or content, file errors, size limits."""

from __future__ import annotations

from pathlib import Path

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.io import DUMP_SUFFIXES, importer_for
from tests.conftest import build_issue, raises_exactly


@pytest.mark.parametrize("suffix", sorted(DUMP_SUFFIXES))
def test_dump_then_load_gives_the_same_issue(tmp_path: Path, suffix: str) -> None:
    issue = build_issue()
    path = tmp_path / f"issue{suffix}"
    cdm.dump(issue, path)
    assert cdm.load(path) == issue
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_dump_keeps_private_people(tmp_path: Path) -> None:
    private = cdm.Person(name="Privée", email="privee@example.org", public=False)
    issue = build_issue(editors=(private,))
    cdm.dump(issue, tmp_path / "issue.json")
    assert cdm.load(tmp_path / "issue.json").editors == (private,)


def test_dump_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(cdm.UnknownFormat) as caught:
        cdm.dump(build_issue(), tmp_path / "issue.docx")
    assert str(caught.value) == (
        f"{tmp_path / 'issue.docx'}: cannot write the suffix '.docx';"
        " known: .json, .toml, .yaml, .yml"
    )
    assert not (tmp_path / "issue.docx").exists()


def test_dumps_unknown_format() -> None:
    with raises_exactly(cdm.UnknownFormat, "no data format named 'csv'; known: json, toml, yaml"):
        cdm.dumps(build_issue(), "csv")


def test_format_is_sniffed_when_the_suffix_says_nothing(tmp_path: Path) -> None:
    issue = build_issue()
    for format_name in ("json", "yaml", "toml"):
        path = tmp_path / f"issue-{format_name}.data"
        path.write_bytes(cdm.dumps(issue, format_name))
        assert cdm.load(path) == issue


def test_importer_for_by_suffix_then_content() -> None:
    assert importer_for("a.YML", b"").name == "yaml"
    assert importer_for("a.json", b"").name == "json"
    assert importer_for("issue", b'  {"id": 1}').name == "json"
    assert importer_for("issue", b"# comment\nid = 1\n").name == "toml"
    assert importer_for("issue", b"# comment\nid: 1\n").name == "yaml"


def test_unknown_content_and_suffix() -> None:
    with pytest.raises(cdm.UnknownFormat) as caught:
        cdm.loads(b"\x00\x01binary", source="issue.bin")
    suffixes = sorted({suffix for importer in cdm.importers() for suffix in importer.suffixes})
    assert {".json", ".md", ".toml", ".txt", ".xml", ".yaml", ".yml"} <= set(suffixes)
    assert str(caught.value) == (
        "issue.bin: cannot tell the format from the suffix '.bin' or the content; "
        f"known suffixes: {', '.join(suffixes)}"
    )


def test_explicit_format_overrides_the_suffix() -> None:
    data = cdm.dumps(build_issue(), "yaml")
    assert cdm.loads(data, source="issue.txt", format="yaml") == build_issue()


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(cdm.UnreadableSource) as caught:
        cdm.load(tmp_path / "nope.yaml")
    assert str(caught.value) == f"{tmp_path / 'nope.yaml'}: no such file"


def test_folder_is_not_a_source(tmp_path: Path) -> None:
    with raises_exactly(cdm.UnreadableSource, f"{tmp_path}: is a folder, not a file"):
        cdm.load(tmp_path)


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 101 + b"{}")
    with pytest.raises(cdm.UnreadableSource) as caught:
        cdm.load(path, max_bytes=100)
    assert str(caught.value) == (
        f"{path}: larger than the limit of 100 bytes;"
        " raise it to read the file (--max-source-size, or max_bytes in Python)"
    )


def test_errors_name_the_file_as_given(tmp_path: Path) -> None:
    path = tmp_path / "issue.yaml"
    path.write_text("id: 2018-12\ndate: 2018-12-15\ntitle: T\n", encoding="utf-8")
    with pytest.raises(cdm.InvalidData) as caught:
        cdm.load(path)
    assert str(caught.value) == f"{path}: $.publisher: required field missing"


def test_example_issues_are_bundled() -> None:
    issues = cdm.example_issues()
    assert [issue.id for issue in issues] == ["2018-12", "2019-03"]
