"""The preview server, over real loopback HTTP: media types, validators, folders, and safety."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import http.client
import os
import threading
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import attrs
import pytest

from cdm_newsletter import preview as serve_module
from cdm_newsletter.errors import CdmNewsletterError
from cdm_newsletter.preview import make_server, serve, server_url
from tests.conftest import raises_exactly

TIMEOUT = 5.0  # seconds, for every request and every join
MTIME = dt.datetime(2018, 12, 15, 9, 30, tzinfo=dt.UTC).timestamp()
LAST_MODIFIED = "Sat, 15 Dec 2018 09:30:00 GMT"
SECRET = b"outside the site folder: never served"

SITE = {
    "index.html": b"<!doctype html><title>InfoLettre</title><p>archive</p>",
    "issues/2018-12/index.html": b"<!doctype html><title>Decembre 2018</title>",
    "agenda.ics": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
    "feed.rss": b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"/>',
    "feed.atom": b'<?xml version="1.0" encoding="utf-8"?><feed/>',
    "archive/2018-12.xml": b'<?xml version="1.0" encoding="utf-8"?><issue/>',
    "schema/issue.xsd": b'<?xml version="1.0"?><schema/>',
    "archive.json": b'{"issues": []}',
    "style.css": b"body { margin: 0 }",
    "notes.txt": "Cités des métiers".encode(),
}


@attrs.frozen
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A tiny built site in ``tmp_path/site``, and a secret file beside it, outside it."""
    root = tmp_path / "site"
    for name, data in SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.utime(path, (MTIME, MTIME))
    (tmp_path / "secret.txt").write_bytes(SECRET)
    return root


def _started(server: ThreadingHTTPServer) -> threading.Thread:
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    return thread


@pytest.fixture
def server(site: Path) -> Iterator[ThreadingHTTPServer]:
    """The preview server over ``site``, serving in a thread, shut down after the test."""
    running = make_server(site)
    thread = _started(running)
    yield running
    running.shutdown()
    running.server_close()
    thread.join(TIMEOUT)


def request(
    server: ThreadingHTTPServer,
    target: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
) -> Response:
    """Send one request, with ``target`` exactly as given, and read the whole answer."""
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(str(host), int(port), timeout=TIMEOUT)
    try:
        connection.request(method, target, headers=headers or {})
        answer = connection.getresponse()
        return Response(answer.status, answer.headers, answer.read())
    finally:
        connection.close()


def etag_of(data: bytes) -> str:
    return f'"{hashlib.sha256(data).hexdigest()}"'


def test_binds_loopback_and_a_port_the_system_chose(server: ThreadingHTTPServer) -> None:
    host, port = server.server_address[:2]
    assert host == "127.0.0.1"
    assert port > 0
    assert server_url(server) == f"http://127.0.0.1:{port}/"


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("agenda.ics", "text/calendar; charset=utf-8"),
        ("feed.rss", "application/rss+xml; charset=utf-8"),
        ("feed.atom", "application/atom+xml; charset=utf-8"),
        ("archive/2018-12.xml", "application/xml; charset=utf-8"),
        ("schema/issue.xsd", "application/xml; charset=utf-8"),
        ("index.html", "text/html; charset=utf-8"),
        ("archive.json", "application/json"),
        ("style.css", "text/css; charset=utf-8"),
        ("notes.txt", "text/plain; charset=utf-8"),
    ],
)
def test_each_format_has_its_media_type(
    server: ThreadingHTTPServer, name: str, media_type: str
) -> None:
    response = request(server, f"/{name}")
    assert response.status == 200
    assert response.headers["Content-Type"] == media_type
    assert response.body == SITE[name]


@pytest.mark.parametrize("name", sorted(SITE))
def test_every_file_has_a_strong_etag_and_last_modified(
    server: ThreadingHTTPServer, name: str
) -> None:
    response = request(server, f"/{name}")
    assert response.status == 200
    assert response.headers["ETag"] == etag_of(SITE[name])
    assert response.headers["Last-Modified"] == LAST_MODIFIED
    assert response.headers["Content-Length"] == str(len(SITE[name]))


@pytest.mark.parametrize(
    "if_none_match",
    [
        "{etag}",
        'W/"0000", {etag}',
        "W/{etag}",
        "*",
    ],
)
def test_a_matching_if_none_match_is_304_without_a_body(
    server: ThreadingHTTPServer, if_none_match: str
) -> None:
    etag = etag_of(SITE["feed.rss"])
    # An old If-Modified-Since is ignored: If-None-Match decides.
    headers = {
        "If-None-Match": if_none_match.format(etag=etag),
        "If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT",
    }
    response = request(server, "/feed.rss", headers=headers)
    assert response.status == 304
    assert response.body == b""
    assert response.headers["ETag"] == etag


def test_a_stale_etag_is_200_even_with_a_recent_if_modified_since(
    server: ThreadingHTTPServer,
) -> None:
    headers = {"If-None-Match": '"0000", W/"1111"', "If-Modified-Since": LAST_MODIFIED}
    response = request(server, "/feed.rss", headers=headers)
    assert response.status == 200
    assert response.body == SITE["feed.rss"]


@pytest.mark.parametrize("seconds_after", [0, 1, 86_400])
def test_if_modified_since_not_older_than_the_file_is_304(
    server: ThreadingHTTPServer, seconds_after: int
) -> None:
    since = email.utils.formatdate(MTIME + seconds_after, usegmt=True)
    response = request(server, "/agenda.ics", headers={"If-Modified-Since": since})
    assert response.status == 304
    assert response.body == b""
    assert response.headers["Last-Modified"] == LAST_MODIFIED


@pytest.mark.parametrize(
    "since", [email.utils.formatdate(MTIME - 1, usegmt=True), "yesterday", "Sat, 15 Dec 2018"]
)
def test_an_older_or_unreadable_if_modified_since_is_200(
    server: ThreadingHTTPServer, since: str
) -> None:
    response = request(server, "/agenda.ics", headers={"If-Modified-Since": since})
    assert response.status == 200
    assert response.body == SITE["agenda.ics"]


def test_a_changed_file_gets_a_new_etag(server: ThreadingHTTPServer, site: Path) -> None:
    before = request(server, "/feed.atom").headers["ETag"]
    (site / "feed.atom").write_bytes(b"<feed>changed</feed>")
    os.utime(site / "feed.atom", (MTIME, MTIME))  # same mtime: only the ETag can tell
    response = request(server, "/feed.atom", headers={"If-None-Match": before})
    assert response.status == 200
    assert response.headers["ETag"] == etag_of(b"<feed>changed</feed>") != before


def test_head_sends_the_headers_of_get_and_no_body(server: ThreadingHTTPServer) -> None:
    response = request(server, "/agenda.ics", method="HEAD")
    assert response.status == 200
    assert response.body == b""
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Length"] == str(len(SITE["agenda.ics"]))
    assert response.headers["ETag"] == etag_of(SITE["agenda.ics"])
    assert response.headers["Last-Modified"] == LAST_MODIFIED


def test_a_conditional_head_is_304(server: ThreadingHTTPServer) -> None:
    headers = {"If-None-Match": etag_of(SITE["agenda.ics"])}
    assert request(server, "/agenda.ics", method="HEAD", headers=headers).status == 304


@pytest.mark.parametrize(
    ("target", "name"),
    [
        ("/", "index.html"),
        ("/?utm_source=test", "index.html"),
        ("/issues/2018-12/", "issues/2018-12/index.html"),
        ("/issues//2018-12/./", "issues/2018-12/index.html"),
        ("/issues/2018-12/index.html", "issues/2018-12/index.html"),
    ],
)
def test_a_folder_serves_its_index(server: ThreadingHTTPServer, target: str, name: str) -> None:
    response = request(server, target)
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["ETag"] == etag_of(SITE[name])
    assert response.body == SITE[name]


@pytest.mark.parametrize(
    ("target", "location"),
    [
        ("/issues/2018-12", "/issues/2018-12/"),
        ("/issues/2018-12?x=1", "/issues/2018-12/?x=1"),
        ("/issues", None),  # no index.html there: 404, below
    ],
)
def test_a_folder_without_its_slash_redirects(
    server: ThreadingHTTPServer, target: str, location: str | None
) -> None:
    response = request(server, target)
    if location is None:
        assert response.status == 404
    else:
        assert response.status == 301
        assert response.headers["Location"] == location


def test_a_redirect_can_never_leave_the_site(server: ThreadingHTTPServer, site: Path) -> None:
    (site / "evil.example").mkdir()
    (site / "evil.example" / "index.html").write_bytes(b"<p>inside</p>")
    response = request(server, "//evil.example")
    assert response.status == 301
    assert response.headers["Location"] == "/evil.example/"


def test_urllib_follows_the_folder_redirect(server: ThreadingHTTPServer) -> None:
    with urllib.request.urlopen(f"{server_url(server)}issues/2018-12", timeout=TIMEOUT) as response:
        assert response.url.endswith("/issues/2018-12/")
        assert response.read() == SITE["issues/2018-12/index.html"]


@pytest.mark.parametrize(
    "target", ["/archive/", "/archive", "/schema/", "/missing.html", "/feed.rss/", "/issues/"]
)
def test_no_listing_and_nothing_missing_is_404(server: ThreadingHTTPServer, target: str) -> None:
    response = request(server, target)
    assert response.status == 404
    assert b"2018-12.xml" not in response.body


@pytest.mark.parametrize(
    "target",
    [
        "/../secret.txt",
        "/issues/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/issues/2018-12/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%252e%252e/secret.txt",
        "/secret.txt%00.html",
        "../secret.txt",
        "secret.txt",
        "http://127.0.0.1/../secret.txt",
        "/{secret}",
        "/{quoted_secret}",
        "{secret}",
    ],
)
def test_a_path_out_of_the_folder_is_404(
    server: ThreadingHTTPServer, tmp_path: Path, target: str
) -> None:
    secret = tmp_path / "secret.txt"
    target = target.format(
        secret=secret.as_posix(), quoted_secret=urllib.parse.quote(secret.as_posix(), safe="")
    )
    for method in ("GET", "HEAD"):
        response = request(server, target, method=method)
        assert response.status == 404
        assert SECRET not in response.body


def test_a_link_out_of_the_folder_is_404(
    server: ThreadingHTTPServer, site: Path, tmp_path: Path
) -> None:
    try:
        (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
        (site / "up").symlink_to(tmp_path, target_is_directory=True)
    except OSError:
        pytest.skip("symbolic links cannot be made here")
    for target in ("/leak.txt", "/up/secret.txt", "/up/"):
        response = request(server, target)
        assert response.status == 404
        assert SECRET not in response.body


def test_other_methods_are_not_implemented(server: ThreadingHTTPServer) -> None:
    assert request(server, "/index.html", method="POST").status == 501


def test_requests_are_not_logged_to_stderr_by_default(
    server: ThreadingHTTPServer, capfd: pytest.CaptureFixture[str]
) -> None:
    request(server, "/index.html")
    request(server, "/missing")
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""


def test_requests_are_logged_to_the_callable(site: Path) -> None:
    lines: list[str] = []
    running = make_server(site, log=lines.append)
    thread = _started(running)
    try:
        request(running, "/feed.rss")
        request(running, "/missing")
    finally:
        running.shutdown()
        running.server_close()
        thread.join(TIMEOUT)
    assert any('"GET /feed.rss HTTP/1.1" 200' in line for line in lines), lines
    assert any('"GET /missing HTTP/1.1" 404' in line for line in lines), lines


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with raises_exactly(
        CdmNewsletterError,
        f"{tmp_path / 'nowhere'}: no such folder; build the site first, or name its folder",
    ):
        make_server(tmp_path / "nowhere")


def test_a_file_is_not_a_folder(site: Path) -> None:
    with raises_exactly(
        CdmNewsletterError,
        f"{site / 'feed.rss'}: is not a folder; build the site first, or name its folder",
    ):
        make_server(site / "feed.rss")


def test_a_taken_port_is_refused(server: ThreadingHTTPServer, site: Path) -> None:
    port = int(server.server_address[1])
    # The middle is the operating system's wording ("Address already in use" on Linux).
    expected = (
        rf"^cannot listen on 127\.0\.0\.1:{port}: .+; the port is taken, choose another \(or 0\)$"
    )
    with pytest.raises(CdmNewsletterError, match=expected):
        make_server(site, port=port)


@pytest.mark.parametrize("port", [-1, 65536])
def test_a_port_out_of_range_is_refused(site: Path, port: int) -> None:
    with raises_exactly(
        CdmNewsletterError, f"port {port}: not a TCP port (0 to 65535; 0 for any free port)"
    ):
        make_server(site, port=port)


def _capture_servers(
    monkeypatch: pytest.MonkeyPatch, then: Callable[[ThreadingHTTPServer], None] | None = None
) -> list[ThreadingHTTPServer]:
    """Make ``serve`` hand over the servers it makes (and run ``then`` on each)."""
    made: list[ThreadingHTTPServer] = []
    original = serve_module.make_server

    def capturing(*args: object, **kwargs: object) -> ThreadingHTTPServer:
        running = original(*args, **kwargs)  # type: ignore[arg-type]
        made.append(running)
        if then is not None:
            then(running)
        return running

    monkeypatch.setattr(serve_module, "make_server", capturing)
    return made


def test_serve_announces_its_address_and_serves(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _capture_servers(monkeypatch)
    announced: list[str] = []
    listening = threading.Event()

    def announce(message: str) -> None:
        announced.append(message)
        listening.set()

    thread = threading.Thread(target=serve, args=(site,), kwargs={"announce": announce})
    thread.start()
    try:
        assert listening.wait(TIMEOUT)
        port = made[0].server_address[1]
        assert announced == [f"serving {site} at http://127.0.0.1:{port}/"]
        with urllib.request.urlopen(announced[0].split(" at ")[1], timeout=TIMEOUT) as response:
            assert response.read() == SITE["index.html"]
    finally:
        if made:
            made[0].shutdown()
        thread.join(TIMEOUT)
    assert not thread.is_alive()
    assert made[0].socket.fileno() == -1  # closed on the way out


def test_serve_stops_quietly_on_keyboard_interrupt(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(poll_interval: float = 0.5) -> None:
        raise KeyboardInterrupt

    def interrupted(running: ThreadingHTTPServer) -> None:
        monkeypatch.setattr(running, "serve_forever", interrupt)

    made = _capture_servers(monkeypatch, then=interrupted)
    serve(site)  # returns, rather than raising KeyboardInterrupt
    assert made[0].socket.fileno() == -1


def test_serve_refuses_a_missing_folder(tmp_path: Path) -> None:
    with raises_exactly(
        CdmNewsletterError,
        f"{tmp_path / 'nowhere'}: no such folder; build the site first, or name its folder",
    ):
        serve(tmp_path / "nowhere", announce=pytest.fail)
