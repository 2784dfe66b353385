"""A small static server for the built site, on 127.0.0.1 only, that compresses like a real host.

Phones pay for every byte, so the phone benchmark and the phone tests must see the site as a
production server would send it: text compressed with gzip, content-hashed files cached for a year,
everything else revalidated (HTML, the service worker, the search entry file). Python's
`http.server` does neither, which would make every figure wrong.

Usage: python scripts/gzip_server.py SITE_DIR [PORT]     (or `with serve(site) as url:` from Python)
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import re
import sys
import threading
from pathlib import Path

# What is worth compressing; Pagefind's index and fragment files are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".webmanifest", ".map"}
# A content hash in the name (Material's `main.57a0d79d.min.css`, ours `aar.1a2b3c4d.css`, Pagefind's
# `fr_4f72fa3.pf_index`) means the content never changes under that name.
IMMUTABLE = re.compile(r"[._][0-9a-f]{7,}\.(?:min\.)?[a-z_]+$")
EXTRA_TYPES = {".webmanifest": "application/manifest+json", ".mjs": "text/javascript",
               ".pagefind": "application/wasm", ".pf_meta": "application/octet-stream",
               ".pf_index": "application/octet-stream", ".pf_fragment": "application/octet-stream"}


class _CountingWriter:
    """The connection's output, counting the bytes sent (headers included), as a phone's data plan does."""

    def __init__(self, raw):
        self.raw = raw
        self.count = 0

    def write(self, data):
        self.count += len(data)
        return self.raw.write(data)

    def flush(self):
        return self.raw.flush()

    def __getattr__(self, name):
        return getattr(self.raw, name)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; gzip for text when the client accepts it; cache headers by file name.

    Each request is logged on `server.requests` as (path, status, bytes sent) when that list exists.
    """

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **EXTRA_TYPES}
    protocol_version = "HTTP/1.1"
    _compressed: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile)

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def handle_one_request(self):
        before = self.wfile.count
        self._status = None
        super().handle_one_request()
        log = getattr(self.server, "requests", None)
        if log is not None and self._status is not None:
            log.append((self.path, self._status, self.wfile.count - before))

    def end_headers(self):
        path = self.translate_path(self.path)
        if IMMUTABLE.search(path):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()
            path = os.path.join(path, "index.html")
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and os.path.splitext(path)[1] in COMPRESSIBLE and os.path.isfile(path)):
            return super().send_head()
        stat = os.stat(path)
        since = self.headers.get("If-Modified-Since")
        modified = self.date_time_string(int(stat.st_mtime))
        if since == modified:
            self.send_response(304)
            self.send_header("Last-Modified", modified)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        body = self._gzip(path, stat.st_mtime)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", modified)
        self.end_headers()

        return io.BytesIO(body)

    @classmethod
    def _gzip(cls, path: str, mtime: float) -> bytes:
        key = (path, mtime)
        with cls._lock:
            if key not in cls._compressed:
                cls._compressed[key] = gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)
            return cls._compressed[key]


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A phone that drops a connection (offline tests, aborted downloads) is not an error here.
        pass


@contextlib.contextmanager
def serve(site: Path, port: int = 0, requests: list | None = None):
    """Serve `site` on 127.0.0.1 in a background thread; yields the base URL (no trailing slash).

    `requests`, when given, receives (path, status, bytes sent) for every request served.
    """
    handler = functools.partial(SiteHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", port), handler)
    server.requests = requests
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main(argv: list[str]) -> int:
    if not argv or not Path(argv[0]).is_dir():
        print("Usage : python scripts/gzip_server.py DOSSIER_DU_SITE [PORT]", file=sys.stderr)
        return 2
    port = int(argv[1]) if len(argv) > 1 else 8000
    with serve(Path(argv[0]), port) as url:
        print(f"Site servi (gzip) sur {url}/ ; Ctrl+C pour arrêter.")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
