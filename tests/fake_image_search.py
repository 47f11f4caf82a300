"""A real HTTP server on loopback answering in the formats of Google Custom Search
(`/customsearch/v1`), Pexels (`/v1/search`) and Unsplash (`/search/photos`), for tests.
`fake.default` / `fake.queue(...)`: ok, 500, 429, slow, invalid_json. `fake.calls` records
(path, query, auth header) of every request."""

import json
import threading
import time
import urllib.parse
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def _google(query: str, count: int) -> dict:
    return {
        "items": [
            {
                "link": f"https://img.example.com/g/{i}.jpg",
                "displayLink": "example.com",
                "image": {
                    "thumbnailLink": f"https://img.example.com/g/{i}-t.jpg",
                    "contextLink": f"https://example.com/page/{i}?q={urllib.parse.quote(query)}",
                },
            }
            for i in range(count)
        ]
    }


def _pexels(query: str, count: int) -> dict:
    return {
        "photos": [
            {
                "id": i,
                "url": f"https://www.pexels.com/photo/{i}/",
                "photographer": f"Pexels Author {i}",
                "photographer_url": f"https://www.pexels.com/@author{i}",
                "src": {
                    "large": f"https://images.pexels.com/{i}-l.jpg",
                    "tiny": f"https://images.pexels.com/{i}-t.jpg",
                },
            }
            for i in range(count)
        ]
    }


def _unsplash(query: str, count: int) -> dict:
    return {
        "results": [
            {
                "id": str(i),
                "urls": {"regular": f"https://images.unsplash.com/{i}", "thumb": f"https://images.unsplash.com/{i}t"},
                "links": {"html": f"https://unsplash.com/photos/{i}"},
                "user": {"name": f"Unsplash Author {i}", "links": {"html": f"https://unsplash.com/@u{i}"}},
            }
            for i in range(count)
        ]
    }


ROUTES = {"/customsearch/v1": _google, "/v1/search": _pexels, "/search/photos": _unsplash}


class FakeImageSearch:
    def __init__(self, *, slow_seconds: float = 3.0, results: int = 5):
        self.slow_seconds = slow_seconds
        self.results = results
        self.default = "ok"
        self.calls: list[dict] = []
        self._script: deque[str] = deque()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    def queue(self, *behaviours: str) -> None:
        with self._lock:
            self._script.extend(behaviours)

    def reset(self) -> None:
        with self._lock:
            self._script.clear()
            self.calls.clear()
            self.default = "ok"

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def start(self) -> "FakeImageSearch":
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parsed = urllib.parse.urlparse(self.path)
                params = dict(urllib.parse.parse_qsl(parsed.query))
                with fake._lock:
                    behaviour = fake._script.popleft() if fake._script else fake.default
                    fake.calls.append(
                        {
                            "path": parsed.path,
                            "params": params,
                            "authorization": self.headers.get("Authorization", ""),
                            "behaviour": behaviour,
                        }
                    )
                builder = ROUTES.get(parsed.path)
                if builder is None:
                    return self._send(404, b'{"error": "not found"}')
                if behaviour in ("500", "429"):
                    return self._send(int(behaviour), b'{"error": "unavailable"}')
                if behaviour == "slow":
                    time.sleep(fake.slow_seconds)
                if behaviour == "invalid_json":
                    return self._send(200, b"<html>oops")
                query = params.get("q") or params.get("query", "")
                count = min(fake.results, int(params.get("num") or params.get("per_page") or 10))
                self._send(200, json.dumps(builder(query, count)).encode())

            def _send(self, status: int, raw: bytes):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
