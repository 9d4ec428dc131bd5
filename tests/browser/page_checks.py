"""Checks of a page open in the browser: each returns a list of what is wrong (empty = passes).

They report rather than assert, so a test can assert on the checks that must pass and print the others;
each entry names the element (its opening tag, shortened) so it can be found in the templates.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Page

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}

# The opening tag of an element, shortened: enough to find it in a template.
_DESCRIBE_JS = """
(el) => {
    const tag = el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1);
    return tag.length > 200 ? tag.slice(0, 197) + '...' : tag;
}
"""

# Where an element sits: its nearest ancestors as "tag#id.class" steps, e.g. "footer.site-footer > div.row".
_PATH_JS = """
(el) => {
    const step = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + [...e.classList].map(c => '.' + c).join('');
    const steps = [];
    for (let e = el; e && e !== document.body && steps.length < 4; e = e.parentElement) steps.unshift(step(e));
    return steps.join(' > ');
}
"""


def is_local_url(url: str) -> bool:
    """True for URLs that stay on this machine: data:/blob:/about: and http(s)/ws(s) to loopback."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return False
    host = (parts.hostname or "").lower()
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def external_requests(urls: Iterable[str]) -> list[str]:
    """The URLs (in order, without repeats) that would leave the machine: the portal must work offline."""
    return list(dict.fromkeys(url for url in urls if not is_local_url(url)))


def images_without_alt(page: Page) -> list[str]:
    """Every <img> (visible or not) whose alt attribute is missing or empty."""
    return page.evaluate(
        f"""() => {{
            const describe = {_DESCRIBE_JS};
            return [...document.images]
                .filter(img => !(img.getAttribute('alt') || '').trim())
                .map(img => (img.hasAttribute('alt') ? 'empty alt: ' : 'no alt: ') + describe(img));
        }}"""
    )


def unlabelled_inputs(page: Page) -> list[str]:
    """Visible form fields (input, select, textarea; not buttons or hidden inputs) without a label.

    A field is labelled by a non-empty aria-label, an aria-labelledby pointing at an element with text, or a
    <label> with text that is associated with it (label[for=id] or a <label> wrapping the field).
    """
    return page.evaluate(
        f"""() => {{
            const describe = {_DESCRIBE_JS};
            const notFields = new Set(['hidden', 'submit', 'button', 'reset', 'image']);
            const hasText = el => !!el && !!(el.textContent || '').trim();
            const problems = [];
            for (const field of document.querySelectorAll('input, select, textarea')) {{
                const type = (field.getAttribute('type') || 'text').toLowerCase();
                if (field.tagName === 'INPUT' && notFields.has(type)) continue;
                if (!field.checkVisibility({{visibilityProperty: true}})) continue;
                if ((field.getAttribute('aria-label') || '').trim()) continue;
                const labelledBy = (field.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
                if (labelledBy.some(id => hasText(document.getElementById(id)))) continue;
                if ([...(field.labels || [])].some(hasText)) continue;
                const form = field.closest('form');
                const where = form ? ` in <form action="${{form.getAttribute('action') || ''}}">` : '';
                problems.push(describe(field) + where);
            }}
            return problems;
        }}"""
    )


def horizontal_overflow(page: Page, width: int | None = None) -> list[str]:
    """Empty if the page does not scroll sideways: scrollWidth <= width + 1 px.

    ``width`` defaults to the page's viewport width as set (375 on a phone page): not ``window.innerWidth``,
    which mobile emulation widens to fit content that overflows. Otherwise the first entry gives both widths
    and the following ones (at most ten) the elements that stick out past that width while their parent
    does not (where the overflow starts), as paths of their nearest ancestors.
    """
    if width is None:
        width = page.viewport_size["width"] if page.viewport_size else page.evaluate("() => window.innerWidth")
    return page.evaluate(
        f"""(viewport) => {{
            const path = {_PATH_JS};
            const scrollWidth = document.scrollingElement.scrollWidth;
            if (scrollWidth <= viewport + 1) return [];
            const problems = [`document scrollWidth ${{scrollWidth}}px > viewport ${{viewport}}px`];
            const sticksOut = el => el.getBoundingClientRect().right + window.scrollX > viewport + 1;
            for (const el of document.body.querySelectorAll('*')) {{
                if (problems.length > 10) break;
                if (!el.checkVisibility() || !sticksOut(el)) continue;
                if (el.parentElement && el.parentElement !== document.body && sticksOut(el.parentElement)) continue;
                const right = Math.round(el.getBoundingClientRect().right + window.scrollX);
                problems.push(`right edge at ${{right}}px: ${{path(el)}}`);
            }}
            return problems;
        }}""",
        width,
    )


def page_language(page: Page) -> str:
    """The lang attribute of <html> (e.g. "zh-Hans-CN"), "" if missing."""
    return page.evaluate("() => document.documentElement.getAttribute('lang') || ''")


# WCAG 2.1 contrast of an element's text against the first opaque background behind it.
_CONTRAST_JS = """
(el) => {
    const rgba = value => (value.match(/[\\d.]+/g) || []).map(Number);
    const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    let background = null;
    for (let e = el; e && !background; e = e.parentElement) {
        const colour = rgba(getComputedStyle(e).backgroundColor);
        if (colour.length === 3 || (colour.length === 4 && colour[3] === 1)) background = colour;
    }
    const [l1, l2] = [luminance(rgba(getComputedStyle(el).color)), luminance(background || [255, 255, 255])];
    return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}
"""


def low_contrast(page: Page, selector: str, minimum: float = 4.5) -> list[str]:
    """Visible elements matching ``selector`` whose text has less than ``minimum``:1 contrast (WCAG AA for
    normal text) with the first opaque background behind them; each entry gives the ratio and the element."""
    return page.evaluate(
        f"""([selector, minimum]) => {{
            const describe = {_DESCRIBE_JS};
            const contrast = {_CONTRAST_JS};
            return [...document.querySelectorAll(selector)]
                .filter(el => el.checkVisibility() && (el.textContent || '').trim())
                .map(el => [contrast(el), el])
                .filter(([ratio]) => ratio < minimum)
                .map(([ratio, el]) => `${{ratio.toFixed(2)}}:1 ${{describe(el)}}`);
        }}""",
        [selector, minimum],
    )
