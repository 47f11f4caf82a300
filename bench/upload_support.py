"""Pieces of the upload benchmark: a local S3 API, a big file without a big buffer, memory
sampling, the page that runs the browser's uploader, and a sink that only swallows uploads
(bench_upload.py)."""

import functools
import http.server
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest
import requests

from .conftest import ROOT, free_port

FRONTEND = ROOT / "frontend"
UPLOADER = FRONTEND / "src/features/review/upload-version/model/multipart.ts"
BROWSER_SCRIPT = Path(__file__).resolve().parent / "upload_browser.mjs"


def start_moto() -> tuple[str, subprocess.Popen]:
    port = free_port()
    binary = Path(sys.executable).parent / "moto_server"
    process = subprocess.Popen(
        [str(binary if binary.exists() else shutil.which("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(endpoint, timeout=1)
            return endpoint, process
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("moto_server did not start")
            time.sleep(0.1)


class Repeating:
    """A file-like object of `size` bytes that repeats one block (no 1 GiB in memory)."""

    def __init__(self, size: int, block: bytes):
        self.remaining, self.block, self.offset = size, block, 0

    def read(self, n: int = -1) -> bytes:
        n = self.remaining if n is None or n < 0 else min(n, self.remaining)
        out = bytearray()
        while len(out) < n:
            start = self.offset % len(self.block)
            take = min(n - len(out), len(self.block) - start)
            out += self.block[start : start + take]
            self.offset += take
        self.remaining -= n
        return bytes(out)


def write_file(path: Path, size: int, block: bytes) -> Path:
    """The same bytes as Repeating(size, block), on disk (what a person picks in the browser)."""
    with path.open("wb") as out:
        for start in range(0, size, len(block)):
            out.write(block[: min(len(block), size - start)])
    return path


class PeakRss:
    """Samples a process's resident memory every 50 ms."""

    def __init__(self, pid: int):
        self.process = psutil.Process(pid)
        self.base = self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.base) / 1024**2


class UploaderPage:
    """The app's uploader bundled as it ships (rolldown, from the frontend's own dependencies)
    into a page with a file input, served on loopback."""

    def __init__(self, folder: Path):
        subprocess.run(
            [str(FRONTEND / "node_modules/.bin/rolldown"), str(UPLOADER), "--format", "iife", "--name", "VpUpload"]
            + ["--file", str(folder / "uploader.js")],
            cwd=FRONTEND,
            check=True,
            capture_output=True,
            timeout=120,
        )
        (folder / "index.html").write_text(
            '<!doctype html><meta charset="utf-8"><title>uploader</title>'
            '<input type="file" id="file"><script src="uploader.js"></script>'
        )
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class NullSink:
    """An HTTP server on loopback that reads every PUT body and keeps nothing: what a client's
    own upload path can do when the server costs next to nothing (CORS allowed for the page)."""

    def __init__(self):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), _SinkHandler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _SinkHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as S3

    def log_message(self, *args):
        pass

    def _cors(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "PUT")
        self.send_header("Access-Control-Allow-Headers", "*")
        self.send_header("Access-Control-Expose-Headers", "ETag")
        self.send_header("Content-Length", "0")

    def do_OPTIONS(self):
        self.send_response(200)
        self._cors()
        self.end_headers()

    def do_PUT(self):
        left = int(self.headers["Content-Length"])
        while left and (chunk := self.rfile.read(min(left, 1 << 20))):
            left -= len(chunk)
        self.send_response(200)
        self.send_header("ETag", '"sink"')
        self._cors()
        self.end_headers()
