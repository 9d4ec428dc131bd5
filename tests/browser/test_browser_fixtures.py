"""The browser fixtures themselves: Debian's Chromium, the offline guard, screenshots, viewports."""

from __future__ import annotations

import pytest
from page_checks import external_requests, is_local_url


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:5051/dataset/", "http://localhost/x.css", "https://127.8.9.10/", "http://[::1]:8080/",
    "ws://127.0.0.1:5051/socket", "data:image/png;base64,AAAA", "blob:http://127.0.0.1:5051/1234", "about:blank",
])
def test_local_urls(url):
    assert is_local_url(url)


@pytest.mark.parametrize("url", [
    "https://fonts.googleapis.com/css?family=Noto", "http://10.0.0.1/", "http://127.0.0.1.nip.io/",
    "//cdn.example.com/x.js", "ftp://127.0.0.1/", "http://localhost.example.com/",
])
def test_non_local_urls(url):
    assert not is_local_url(url)


def test_external_requests_are_listed_once_in_order():
    urls = ["http://127.0.0.1/", "https://b.example/", "https://a.example/", "https://b.example/"]
    assert external_requests(urls) == ["https://b.example/", "https://a.example/"]


def test_it_is_debians_chromium(chromium_browser):
    assert chromium_browser.version.split(".")[0].isdigit()
    assert chromium_browser.browser_type.name == "chromium"


def test_a_request_leaving_the_machine_is_blocked_and_recorded(browser_page, requested_urls):
    # .invalid never resolves; the request is aborted by the guard before any lookup.
    browser_page.set_content('<img id="remote" src="http://offline-guard-check.invalid/logo.png" alt="x">')
    browser_page.wait_for_function("document.getElementById('remote').complete")

    assert browser_page.evaluate("document.getElementById('remote').naturalWidth") == 0
    assert external_requests(requested_urls) == ["http://offline-guard-check.invalid/logo.png"]
    requested_urls.clear()  # or the guard fails this test, as it should any other


def test_viewports_and_screenshot(browser_page, phone_page, portal_url, screenshot, artifacts_dir):
    assert browser_page.viewport_size == {"width": 1280, "height": 900}
    assert phone_page.viewport_size == {"width": 375, "height": 740}
    phone_page.goto(portal_url + "/")
    assert phone_page.evaluate("document.documentElement.clientWidth") == 375

    path = screenshot("fixture-check/phone", phone_page, full_page=False)

    assert path == artifacts_dir / "fixture-check_phone.png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="pass page="):
        screenshot("which-page")
    path.unlink()
