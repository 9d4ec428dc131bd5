"""Fixtures of the browser tests: Debian's Chromium, headless, driven by Playwright, against a real CKAN.

- The browser is Debian's ``chromium`` (``/usr/bin/chromium``, or ``$ZD_CHROMIUM``), installed by
  ``deploy/scripts/install.sh``. Playwright never downloads a browser (``playwright install`` is not used); a
  missing Chromium fails the tests, it does not skip them.
- The portal is the test profile's CKAN web server (``portal_url``, from ``ckan_server_url`` in
  tests/conftest.py: started if it is not running).
- Offline: every page may only load from this machine. Requests to any other host are blocked and the test
  fails, listing them.
- Screenshots go to ``$ARTIFACTS_DIR`` if set, else ``.run/artifacts/browser/``; a failing test leaves one of
  each of its pages there too (``FAILED-<test>-<n>.png``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from ckan.tests import factories, helpers
from harvest_fixtures import GOOD_DATA, ListServer
from page_checks import external_requests, is_local_url

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = os.environ.get("ZD_CHROMIUM", "/usr/bin/chromium")
# Playwright adds --headless (headless=True) and its own temporary --user-data-dir, removed on close.
CHROMIUM_FLAGS = [
    "--no-sandbox",  # runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
PHONE_VIEWPORT = {"width": 375, "height": 740}
PASSWORD = "correct123"  # ckan.tests.factories' password for the users it creates
TIMEOUT_MS = 15_000
NAVIGATION_TIMEOUT_MS = 60_000  # the first page of a fresh CKAN builds its web assets


@pytest.fixture(scope="session")
def portal_url(ckan_server_url) -> str:
    """Base URL of the portal under test, without a trailing slash (e.g. http://127.0.0.1:5051)."""
    return ckan_server_url.rstrip("/")


@pytest.fixture(autouse=True)
def _clean_portal(clean_portal):
    """Every browser test starts from an empty portal (what earlier tests left in the shared test
    database — e.g. factory organizations with external logo URLs — must not leak into the pages)."""


@pytest.fixture(scope="session")
def artifacts_dir(repo_dir) -> Path:
    """Where screenshots are saved: $ARTIFACTS_DIR if set, else .run/artifacts/browser/ (created). The
    failure screenshots of an earlier run are removed, so those present belong to this one."""
    path = Path(os.environ.get("ARTIFACTS_DIR") or repo_dir / ".run" / "artifacts" / "browser").resolve()
    path.mkdir(parents=True, exist_ok=True)
    for stale in path.glob("FAILED-*.png"):
        stale.unlink()
    return path


@pytest.fixture(scope="session")
def chromium_browser(portal_url) -> Iterator[Browser]:
    """One headless Chromium for the whole session (each test gets fresh contexts: no shared cookies).
    The portal's port is explicitly allowed: ZD_CKAN_TEST_PORT may be one Chromium calls unsafe (5061)."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `bash deploy/scripts/install.sh` "
                    "(installs Debian's chromium), or point $ZD_CHROMIUM at it", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.fail(f"Playwright is not installed ({error}): run `bash deploy/scripts/install.sh`", pytrace=False)
    with sync_playwright() as playwright:
        port = urlsplit(portal_url).port
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=[*CHROMIUM_FLAGS, f"--explicitly-allowed-ports={port}"])
        yield browser
        browser.close()


@pytest.fixture
def requested_urls() -> list[str]:
    """Every URL the test's pages requested (documents, assets, XHR, websockets), in order.

    After the test body, any URL that is not local fails the test (see ``pytest_runtest_call``).
    """
    return []


@pytest.fixture
def page_errors() -> list[str]:
    """Uncaught JavaScript errors of the test's pages ("<page url>: <message>")."""
    return []


@pytest.fixture
def _opened_pages() -> list[Page]:
    return []


@pytest.fixture
def new_page(chromium_browser, requested_urls, page_errors, _opened_pages, artifacts_dir,
             request) -> Iterator[Callable[..., Page]]:
    """Factory: ``new_page(width=1280, height=900, **context_options) -> Page`` in a fresh browser context.

    Chinese locale and China's time zone; ``context_options`` go to Playwright's ``Browser.new_context``
    (e.g. ``is_mobile=True``). Requests leaving the machine are recorded and aborted.
    """
    contexts = []

    def keep_local(route, req):
        if is_local_url(req.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def open_page(width: int = DESKTOP_VIEWPORT["width"], height: int = DESKTOP_VIEWPORT["height"],
                  **context_options) -> Page:
        options = {"viewport": {"width": width, "height": height}, "locale": "zh-CN",
                   "timezone_id": "Asia/Shanghai", **context_options}
        context = chromium_browser.new_context(**options)
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        context.on("request", lambda req: requested_urls.append(req.url))
        context.route("**/*", keep_local)
        page = context.new_page()
        page.on("websocket", lambda socket: requested_urls.append(socket.url))
        page.on("pageerror", lambda error: page_errors.append(f"{page.url}: {error}"))
        _opened_pages.append(page)
        return page

    yield open_page

    report = getattr(request.node, "zd_call_report", None)
    if report is not None and report.failed:
        stem = _safe_name(request.node.name)
        for number, page in enumerate(_opened_pages, 1):
            try:
                page.screenshot(path=artifacts_dir / f"FAILED-{stem}-{number}.png", full_page=True)
            except Exception:  # a crashed or closed page: the failure itself says more
                pass
    for context in contexts:
        context.close()


@pytest.fixture
def browser_page(new_page) -> Page:
    """A desktop page, 1280 x 900."""
    return new_page(**DESKTOP_VIEWPORT)


@pytest.fixture
def phone_page(new_page) -> Page:
    """A phone page, 375 x 740 CSS px, mobile emulation (meta viewport honoured, touch)."""
    return new_page(**PHONE_VIEWPORT, is_mobile=True, has_touch=True)


@pytest.fixture
def transport():
    """淄博市张店区交通运输局 with an editor, and a sysadmin; both log in with a password, as staff do."""
    editor = factories.User(password=PASSWORD, image_url="")  # factories invent external avatar URLs
    sysadmin = factories.Sysadmin(password=PASSWORD, image_url="")
    org = helpers.call_action("organization_create", context={"user": sysadmin["name"]}, name="zd-jtysj",
                              title="淄博市张店区交通运输局", users=[{"name": editor["name"], "capacity": "editor"}])
    return {"org": org, "editor": editor, "sysadmin": sysadmin}


@pytest.fixture
def department_server(tmp_path):
    """The department's web server with two valid data files, data1.csv and data2.csv."""
    server = ListServer(tmp_path)
    server.write_file("data1.csv", GOOD_DATA)
    server.write_file("data2.csv", GOOD_DATA.replace("1路", "101路"))
    yield server
    server.close()


@pytest.fixture
def log_in(portal_url) -> Callable[..., None]:
    """``log_in(page, user)``: log ``user`` (made by ckan.tests.factories) in through the login form."""
    def submit(page: Page, user: dict) -> None:
        page.goto(f"{portal_url}/user/login")
        page.fill("#field-login", user["name"])
        page.fill("#field-password", PASSWORD)
        page.locator("#field-password").press("Enter")
        page.wait_for_load_state()
        assert page.locator(f"a[href*='{user['name']}']").count(), "not logged in"
    return submit


@pytest.fixture
def screenshot(artifacts_dir, _opened_pages) -> Callable[..., Path]:
    """``screenshot(name, page=None, *, full_page=True) -> Path``: save a PNG named ``<name>.png``.

    ``page`` may be left out when the test has opened a single page. Returns the file's path (in
    ``artifacts_dir``); an existing file of that name is replaced.
    """
    def take(name: str, page: Page | None = None, *, full_page: bool = True) -> Path:
        if page is None:
            if len(_opened_pages) != 1:
                raise ValueError(f"screenshot({name!r}): the test has {len(_opened_pages)} pages, pass page=")
            page = _opened_pages[0]
        path = artifacts_dir / f"{_safe_name(name.removesuffix('.png'))}.png"
        page.screenshot(path=path, full_page=full_page, animations="disabled")
        return path
    return take


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.-]+", "_", name).strip("._") or "page"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a browser test whose pages tried to load anything from outside this machine."""
    result = yield
    urls = item.funcargs.get("requested_urls")
    external = external_requests(urls or [])
    if external:
        pytest.fail("pages must work offline, but tried to load (blocked):\n  " + "\n  ".join(external),
                    pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.zd_call_report = report
    return report
