"""Hostile sources: each gives one clear error naming the file, line or field, and what was
expected; never a traceback, never a parser's own advice about its limits."""

from __future__ import annotations

from pathlib import Path

import pytest

import cdm_newsletter as cdm
from cdm_newsletter.cli import main
from cdm_newsletter.io import MAX_SOURCE_BYTES
from tests.conftest import build_issue, raises_exactly

HOW_TO_RAISE_THE_LIMIT = "raise it to read the file (--max-source-size, or max_bytes in Python)"

DEEP = 100_000
ALIAS_BOMB = b"""\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
"""
XXE_FILE = b"""<?xml version="1.0"?>
<!DOCTYPE issue [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<issue xmlns="urn:x-cdm-newsletter:archive:1" version="1.0" id="2018-12">&secret;</issue>
"""
XXE_PARAMETER = b"""<?xml version="1.0"?>
<!DOCTYPE issue [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote;]>
<issue xmlns="urn:x-cdm-newsletter:archive:1" version="1.0" id="2018-12"/>
"""
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<lolz>&lol2;</lolz>
"""

CASES = {
    # name: (file name, bytes, the error after "<file>: ")
    "xml external entity": (
        "a.xml",
        XXE_FILE,
        "line 2: a DOCTYPE is not allowed (entities and DTDs are refused)",
    ),
    "xml parameter entity": (
        "a.xml",
        XXE_PARAMETER,
        "line 2: a DOCTYPE is not allowed (entities and DTDs are refused)",
    ),
    "xml billion laughs": (
        "a.xml",
        BILLION_LAUGHS,
        "line 2: a DOCTYPE is not allowed (entities and DTDs are refused)",
    ),
    "xml any doctype": (
        "a.xml",
        b'<?xml version="1.0"?>\n<!DOCTYPE html>\n<issue/>',
        "line 2: a DOCTYPE is not allowed (entities and DTDs are refused)",
    ),
    "xml nested too deep": (
        "a.xml",
        b'<?xml version="1.0"?>\n' + b"<a>" * DEEP + b"</a>" * DEEP,
        "line 2, column 771: elements are nested deeper than 256 levels",
    ),
    "yaml alias bomb": (
        "a.yaml",
        ALIAS_BOMB,
        "line 1, column 4: this anchored value is used again through an alias (*name); "
        "aliases are not allowed",
    ),
    "yaml nested too deep": (
        "a.yaml",
        b"[" * DEEP + b"]" * DEEP,
        "line 1, column 1001: exceeded maximum nesting depth",
    ),
    "yaml python object": (
        "a.yaml",
        b"!!python/object/apply:os.system ['echo hi']",
        "line 1, column 1: the tag !!python/object/apply:os.system is not allowed: "
        "a source holds plain data only (mappings, lists, strings, numbers, booleans)",
    ),
    "json huge number": (
        "a.json",
        b'{"id": ' + b"9" * DEEP + b"}",
        "a number has more than 4,300 digits",
    ),
    "json duplicate key": ("a.json", b'{"id": "a", "id": "b"}', "duplicate key 'id'"),
    "json nested too deep": ("a.json", b"[" * DEEP + b"]" * DEEP, "nested too deep"),
    "json NaN": ("a.json", b'{"id": NaN}', "NaN is not allowed in JSON"),
    "toml huge number": ("a.toml", b"id = " + b"9" * DEEP, "a number has more than 4,300 digits"),
    "toml duplicate key": (
        "a.toml",
        b'id = "a"\nid = "b"\n',
        "line 2, column 9: Cannot overwrite a value",
    ),
    "toml nested too deep": ("a.toml", b"a = " + b"[" * DEEP + b"]" * DEEP, "nested too deep"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_source_is_one_clear_error(name: str) -> None:
    file, data, expected = CASES[name]
    with pytest.raises(cdm.CdmNewsletterError) as caught:
        cdm.loads(data, source=file)
    assert str(caught.value) == f"{file}: {expected}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_command_line_says_it_and_writes_nothing(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file, data, expected = CASES[name]
    source = tmp_path / file
    source.write_bytes(data)
    status = main(["build", str(source), "-o", str(tmp_path / "site")])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    assert captured.err == f"error: {source}: {expected}\n"
    assert not (tmp_path / "site").exists()


def test_a_source_over_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "big.yaml"
    source.write_bytes(b"#" * (MAX_SOURCE_BYTES + 1))
    with pytest.raises(cdm.CdmNewsletterError) as caught:
        cdm.load(source)
    assert str(caught.value) == (
        f"{source}: larger than the limit of {MAX_SOURCE_BYTES:,} bytes; {HOW_TO_RAISE_THE_LIMIT}"
    )
    small = tmp_path / "small.yaml"
    small.write_bytes(b"# " + b"x" * 2000)
    with raises_exactly(
        cdm.UnreadableSource,
        f"{small}: larger than the limit of 1,000 bytes; {HOW_TO_RAISE_THE_LIMIT}",
    ):
        cdm.load(small, max_bytes=1_000)
    assert main(["build", str(source), "-o", str(tmp_path / "site")]) == 1
    assert capsys.readouterr().err == (
        f"error: {source}: larger than the limit of {MAX_SOURCE_BYTES:,} bytes;"
        f" {HOW_TO_RAISE_THE_LIMIT}\n"
    )


@pytest.mark.parametrize("command", ["build", "lint", "convert"])
def test_the_command_line_size_limit_is_an_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    source = tmp_path / "2018-12.yaml"
    source.write_bytes(cdm.dumps(build_issue(), "yaml") + b"#" * 3000)
    size = source.stat().st_size
    rest = {
        "build": ["-o", str(tmp_path / "site")],
        "lint": [],
        "convert": [str(tmp_path / "x.json")],
    }
    arguments = [command, str(source), *rest[command]]
    assert main([*arguments, "--max-source-size", "2K"]) == 1
    assert capsys.readouterr().err == (
        f"error: {source}: larger than the limit of 2,048 bytes; {HOW_TO_RAISE_THE_LIMIT}\n"
    )
    assert main([*arguments, "--max-source-size", str(size)]) == 0
    capsys.readouterr()
    assert main([*arguments, "--max-source-size", "20X"]) == 1
    assert capsys.readouterr().err == (
        "error: --max-source-size: '20X' is not a size such as 20M, 512K or 20971520\n"
    )
