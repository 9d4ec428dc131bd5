"""Fixtures shared by the whole suite.

CKAN-backed tests use CKAN's own pytest plugin (``--ckan-ini=.run/test.ini``, set by ``make test``):
``clean_db``, ``clean_index``, ``with_plugins``, ``app`` … against the real PostgreSQL and Solr started
by ``deploy/scripts/services.sh``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_DIR.parent / "shared"
REALDATA_DIR = SHARED_DIR / "realdata"


@pytest.fixture
def clean_portal(clean_db, clean_index, with_plugins, migrate_db_for):
    """A clean database and search index with the portal's plugins (and their tables) loaded."""
    for plugin in ("activity", "harvest", "zhangdian"):
        migrate_db_for(plugin)


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO_DIR


@pytest.fixture(scope="session")
def ckan_server_url():
    """Base URL of a real CKAN web server on the test profile (started here if not running)."""
    script = REPO_DIR / "deploy" / "scripts" / "ckan.sh"
    port = subprocess.run(
        ["bash", "-c", f'source "{REPO_DIR}/deploy/scripts/common.sh"; echo "$CKAN_TEST_PORT"'],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    url = f"http://127.0.0.1:{port}"
    already_running = _answers(url)
    if not already_running:
        subprocess.run(["bash", str(script), "serve", "test"], check=True)
    yield url
    if not already_running:
        subprocess.run(["bash", str(script), "stop", "test"], check=True)


def _answers(url: str) -> bool:
    import requests

    try:
        return requests.get(f"{url}/api/3/action/status_show", timeout=5).ok
    except requests.RequestException:
        return False
