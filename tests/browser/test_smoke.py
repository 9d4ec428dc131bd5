"""Smoke test in headless Chromium: an anonymous visitor opens the home page and the dataset list.

On a desktop (1280 px) and a phone (375 px): Chinese, offline (every request stays on this machine; checked
for every browser test by conftest.py), no JavaScript errors, every form field labelled; screenshots of
each page in the artifacts folder. The checks the current templates fail are expected failures (xfail),
with the offending elements in the failure message: remove the mark when the templates are fixed.
"""

from __future__ import annotations

import pytest
from page_checks import external_requests, horizontal_overflow, images_without_alt, page_language, unlabelled_inputs

PORTAL_NAME = "张店区公共数据开放平台"
PAGES = {"home": "/", "dataset": "/dataset/"}


def _open(page, portal_url, path):
    response = page.goto(portal_url + path)
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    return page


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitor_sees_the_page_in_chinese_on_desktop_and_phone(
        browser_page, phone_page, portal_url, screenshot, requested_urls, page_errors, name):
    for device, page in (("desktop", browser_page), ("375px", phone_page)):
        _open(page, portal_url, PAGES[name])
        screenshot(f"{name}-{device}", page)

        assert page_language(page) == "zh-Hans-CN"
        assert page.title().endswith(PORTAL_NAME)
        assert page.get_by_text(PORTAL_NAME, exact=True).first.is_visible()
        assert unlabelled_inputs(page) == []
    assert page_errors == []
    assert any(url.startswith(portal_url) for url in requested_urls)  # the recording works…
    assert external_requests(requested_urls) == []                     # …and everything came from here


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_on_desktop(browser_page, portal_url, name):
    assert horizontal_overflow(_open(browser_page, portal_url, PAGES[name])) == []


@pytest.mark.xfail(raises=AssertionError,
                   reason="CKAN core CSS: .container has --bs-gutter-x 0.75rem (6px padding) but .row keeps 1.5rem "
                          "(-12px margins), so rows stick out 6px at 375px")
@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scroll_at_375px(phone_page, portal_url, name):
    assert horizontal_overflow(_open(phone_page, portal_url, PAGES[name])) == []


@pytest.mark.xfail(raises=AssertionError,
                   reason='the header emblem <img src="/zhangdian/emblem.svg" alt=""> has an empty alt')
@pytest.mark.parametrize("name", PAGES)
def test_every_image_has_a_text_alternative(browser_page, portal_url, name):
    assert images_without_alt(_open(browser_page, portal_url, PAGES[name])) == []
