"""A preview server for a built site folder, on the standard library alone.

It serves what ``build`` wrote, as a static host would: each format with its
media type, ``ETag`` and ``Last-Modified`` on every file so that conditional
requests answer ``304 Not Modified``, ``index.html`` for a folder, and nothing
outside the folder, no folder listing. It listens on 127.0.0.1 unless told
otherwise; it is a preview, not a production server.
"""

from __future__ import annotations

import contextlib
import email.utils
import errno
import hashlib
import mimetypes
import os
import socket
import socketserver
import sys
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ._version import __version__
from .errors import CdmNewsletterError

__all__ = ["make_server", "media_type", "serve", "server_url"]

DEFAULT_HOST = "127.0.0.1"

MEDIA_TYPES = {
    ".atom": "application/atom+xml; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".rss": "application/rss+xml; charset=utf-8",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".xsd": "application/xml; charset=utf-8",
    ".xsl": "application/xslt+xml; charset=utf-8",
}
"""The media type of each suffix the site holds; others are guessed (or octet-stream)."""

_INDEX = "index.html"
_ADDRESS_IN_USE = {errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)}
_FALLBACK_TYPES = mimetypes.MimeTypes()  # Python's own table, not the host's /etc/mime.types


def media_type(path: Path) -> str:
    """The ``Content-Type`` a file is served with, from its suffix.

    Args:
        path: the file.

    Returns:
        The media type, with ``charset=utf-8`` for the text formats the site writes.
    """
    suffix = path.suffix.lower()
    if suffix in MEDIA_TYPES:
        return MEDIA_TYPES[suffix]
    guessed, _encoding = _FALLBACK_TYPES.guess_type(path.name, strict=False)
    return guessed or "application/octet-stream"


class _PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its site folder and where request logs go."""

    def __init__(self, root: Path, host: str, port: int, log: Callable[[str], None] | None) -> None:
        self.root = root
        self.log = log
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), _PreviewHandler)

    def server_bind(self) -> None:
        """Bind without ``HTTPServer``'s reverse DNS look-up of the host (``getfqdn``)."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that hang up; let anything else show its traceback (a bug)."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class _PreviewHandler(BaseHTTPRequestHandler):
    """Answer ``GET`` and ``HEAD`` with the site's files; every other method is 501."""

    server: _PreviewServer
    server_version = f"cdm-newsletter/{__version__}"
    sys_version = ""
    timeout = 60  # seconds an idle connection may hold a thread

    def do_GET(self) -> None:
        """Send a file, a redirect to a folder's slash, ``304``, or ``404``."""
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        """Send what ``GET`` would send, without the body."""
        self._answer(with_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Pass one log line to the server's ``log`` callable, or drop it."""
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def _answer(self, *, with_body: bool) -> None:
        segments = _request_segments(self.path)
        target = None if segments is None else _existing(self.server.root, segments)
        if target is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        asks_for_folder = self.path.split("?", 1)[0].endswith("/")
        if target.is_dir():
            if not (target / _INDEX).is_file():
                self.send_error(HTTPStatus.NOT_FOUND)  # no folder listing
                return
            if not asks_for_folder:
                self._redirect_to_folder(segments or [])
                return
            target = target / _INDEX
        elif asks_for_folder:  # "/feed.rss/" is not a folder: relative links would break
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        if not target.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self._send_file(target, with_body=with_body)

    def _redirect_to_folder(self, segments: list[str]) -> None:
        # Built from the decoded segments, so "//host" can never become a redirect off-site.
        location = "/" + "".join(f"{urllib.parse.quote(segment)}/" for segment in segments)
        query = urllib.parse.urlsplit(self.path).query
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", f"{location}?{query}" if query else location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_file(self, path: Path, *, with_body: bool) -> None:
        try:
            with path.open("rb") as stream:
                mtime = os.fstat(stream.fileno()).st_mtime
                data = stream.read()
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        etag = f'"{hashlib.sha256(data).hexdigest()}"'
        if _not_modified(
            etag,
            int(mtime),
            if_none_match=self.headers.get_all("If-None-Match"),
            if_modified_since=self.headers.get("If-Modified-Since"),
        ):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._send_validators(etag, mtime)
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", media_type(path))
        self.send_header("Content-Length", str(len(data)))
        self._send_validators(etag, mtime)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if with_body:
            self.wfile.write(data)

    def _send_validators(self, etag: str, mtime: float) -> None:
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", email.utils.formatdate(mtime, usegmt=True))
        self.send_header("Cache-Control", "no-cache")  # a preview: always revalidate


def _request_segments(target: str) -> list[str] | None:
    """The decoded path segments of a request target, or ``None`` when it may not be served.

    The query and fragment are dropped, the path is percent-decoded once, and
    empty and ``.`` segments are left out. A ``..`` segment, a backslash or a
    NUL byte (after decoding) refuses the request.
    """
    if target.startswith(("http://", "https://")):  # the absolute form of a request target
        target = urllib.parse.urlsplit(target).path or "/"
    path = target.split("?", 1)[0].split("#", 1)[0]
    if not path.startswith("/"):
        return None
    segments = [part for part in urllib.parse.unquote(path).split("/") if part not in ("", ".")]
    if any(part == ".." or "\\" in part or "\x00" in part for part in segments):
        return None
    return segments


def _existing(root: Path, segments: list[str]) -> Path | None:
    """The real path ``segments`` name under ``root``, or ``None`` if missing or outside it.

    Symbolic links are followed, and a link that leads out of ``root`` counts as missing.
    """
    try:
        resolved = root.joinpath(*segments).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    return resolved if resolved.is_relative_to(root) else None


def _not_modified(
    etag: str, mtime: int, *, if_none_match: list[str] | None, if_modified_since: str | None
) -> bool:
    """Whether a conditional ``GET`` or ``HEAD`` is answered ``304`` (RFC 9110, section 13.2.2).

    ``If-None-Match`` decides when present (weak comparison, ``*`` matches any
    file); ``If-Modified-Since`` is then ignored. Otherwise the file is not
    modified when its mtime, in whole seconds, is not after that date.
    """
    if if_none_match:
        tags = {tag.strip() for header in if_none_match for tag in header.split(",")}
        return "*" in tags or etag in {tag.removeprefix("W/") for tag in tags}
    if if_modified_since is None:
        return False
    try:
        date = email.utils.parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError, IndexError):
        return False  # an unreadable date is ignored, as RFC 9110 says
    if date.tzinfo is None:
        return False
    return mtime <= date.timestamp()


def make_server(
    directory: str | os.PathLike[str],
    *,
    host: str = DEFAULT_HOST,
    port: int = 0,
    log: Callable[[str], None] | None = None,
) -> ThreadingHTTPServer:
    """Create a preview server for a site folder, bound and listening but not yet serving.

    Run it with ``serve_forever()`` (in a thread, for tests) and stop it with
    ``shutdown()`` then ``server_close()``; ``server_address`` holds the port
    the system chose when ``port`` is 0.

    Args:
        directory: the site folder to serve.
        host: the address to listen on; only this computer can connect to the default.
        port: the TCP port, or 0 for any free port.
        log: called with one line per request (and per error answered);
            ``None`` logs nothing.

    Returns:
        The server, listening.

    Raises:
        CdmNewsletterError: the folder does not exist or is not a folder, or the
            address cannot be listened on (the port is taken, say).
    """
    folder = Path(directory)
    if not folder.is_dir():
        reason = "is not a folder" if folder.exists() else "no such folder"
        raise CdmNewsletterError(f"{folder}: {reason}; build the site first, or name its folder")
    if not 0 <= port <= 65535:
        raise CdmNewsletterError(f"port {port}: not a TCP port (0 to 65535; 0 for any free port)")
    try:
        return _PreviewServer(folder.resolve(), host, port, log)
    except (OSError, UnicodeError) as exc:  # UnicodeError: a host name IDNA refuses
        raise CdmNewsletterError(_listen_failure(host, port, exc)) from exc


def _listen_failure(host: str, port: int, exc: Exception) -> str:
    """Say why listening on ``host:port`` failed, and what to do when the port is taken."""
    where = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    reason = getattr(exc, "strerror", None) or str(exc)
    if getattr(exc, "errno", None) in _ADDRESS_IN_USE:
        return f"cannot listen on {where}: {reason}; the port is taken, choose another (or 0)"
    return f"cannot listen on {where}: {reason}"


def server_url(server: ThreadingHTTPServer) -> str:
    """The address of a server's site root, as ``http://127.0.0.1:8000/``.

    Args:
        server: a server from `make_server`.

    Returns:
        The URL, with the port actually listened on.
    """
    host, port = server.server_address[:2]
    shown = f"[{host!s}]" if ":" in str(host) else str(host)
    return f"http://{shown}:{port}/"


def serve(
    directory: str | os.PathLike[str],
    *,
    host: str = DEFAULT_HOST,
    port: int = 0,
    announce: Callable[[str], None] | None = None,
    log: Callable[[str], None] | None = None,
) -> None:
    """Serve a site folder until interrupted (Ctrl-C), then close the server.

    Args:
        directory: the site folder to serve.
        host: the address to listen on; only this computer can connect to the default.
        port: the TCP port, or 0 for any free port.
        announce: called once listening, with ``"serving <folder> at <url>"``.
        log: called with one line per request; ``None`` logs nothing.

    Raises:
        CdmNewsletterError: the folder does not exist, or the address cannot be
            listened on (the port is taken, say).
    """
    with make_server(directory, host=host, port=port, log=log) as server:
        if announce is not None:
            announce(f"serving {os.fspath(directory)} at {server_url(server)}")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
