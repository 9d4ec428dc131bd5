import page_checks as pc
import pytest

@pytest.mark.parametrize("path", ["/", "/dataset/"])
def test_explore(browser_page, phone_page, portal_url, screenshot, requested_urls, page_errors, path):
    for name, page in [("desk", browser_page), ("phone", phone_page)]:
        page.goto(portal_url + path)
        print("\n==", path, name, page.title(), pc.page_language(page))
        print("imgs", pc.images_without_alt(page))
        print("inputs", pc.unlabelled_inputs(page))
        print("overflow", pc.horizontal_overflow(page))
        print("ext", pc.external_requests(requested_urls))
        print("errors", page_errors)
        print(screenshot(f"explore-{name}-{path.strip('/') or 'home'}"))
