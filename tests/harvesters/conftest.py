"""Fixtures of the CKAN-free harvester tests: list writers, the real-data folder and a real HTTP server."""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

import pytest
from table_files import write_csv_file, write_xlsx_file

@pytest.fixture(scope="session")
def realdata(repo_dir) -> Path:
    path = repo_dir.parent / "shared" / "realdata"
    if not path.is_dir():
        pytest.skip(f"real data not found at {path}")
    return path


@pytest.fixture
def write_csv(tmp_path) -> Callable[..., Path]:
    def write(table: list[list[str]], name: str = "清单.csv", encoding: str = "utf-8-sig") -> Path:
        return write_csv_file(tmp_path / name, table, encoding=encoding)
    return write


@pytest.fixture
def write_xlsx(tmp_path) -> Callable[..., Path]:
    def write(sheets: dict[str, list[list]], name: str = "清单.xlsx",
              merges: dict[str, list[str]] | None = None) -> Path:
        return write_xlsx_file(tmp_path / name, sheets, merges)
    return write


@pytest.fixture
def write_json(tmp_path) -> Callable[..., Path]:
    def write(data, name: str = "清单.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path
    return write


class _Handler(BaseHTTPRequestHandler):
    """Serves ``server.routes[path] = (status, headers, body)``; a list of those is served in turn."""

    def do_GET(self):  # noqa: N802 (http.server API)
        self.server.hits[self.path] += 1
        self.server.host_headers.append(self.headers.get("Host"))
        route = self.server.routes.get(self.path, (404, {}, b"not found"))
        if isinstance(route, list):
            route = route[min(self.server.hits[self.path], len(route)) - 1]
        if callable(route):
            route(self)
            return
        status, headers, body = route
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    """A real HTTP server on 127.0.0.1 (random port); set ``server.routes`` and read ``server.hits``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.routes = {}
    server.hits = Counter()
    server.host_headers = []
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)
