"""Valid datasets of the portal's schema, for tests (imported by name: keep this module name unique)."""

from __future__ import annotations

from bs4 import BeautifulSoup
from ckan.tests import helpers


def dataset_fields(**overrides) -> dict:
    """A minimal valid dataset of our schema (open by default); override any field."""
    fields = {
        "name": "zd-bus-routes",
        "title": "张店区公交线路信息",
        "resource_code": "370303-JT-0001",
        "theme": "transport",
        "update_frequency": "monthly",
        "notes": "公交线路的编号、起讫站点和首末班时间。",
    }
    fields.update(overrides)
    return fields


def create_dataset(user: dict, owner_org: str, **fields) -> dict:
    return helpers.call_action("package_create", context={"user": user["name"], "ignore_auth": False},
                               owner_org=owner_org, **dataset_fields(**fields))


def soup(response) -> BeautifulSoup:
    """A test app response's HTML, parsed."""
    return BeautifulSoup(response.body, "html.parser")


def text(element) -> str:
    """An element's text with whitespace collapsed, as a reader sees it."""
    return " ".join(element.get_text(" ").split())
