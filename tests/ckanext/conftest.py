"""Fixtures of the extension tests: a clean portal with its plugins, and the people who use it."""

from __future__ import annotations

import pytest
from ckan.tests import factories, helpers


@pytest.fixture
def clean_portal(clean_db, clean_index, with_plugins, migrate_db_for):
    """A clean database and search index with the portal's plugins (and their tables) loaded."""
    for plugin in ("activity", "harvest", "zhangdian"):
        migrate_db_for(plugin)


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


@pytest.fixture
def sysadmin():
    return factories.SysadminWithToken()


@pytest.fixture
def department(sysadmin):
    """A department (organization) with one editor."""
    editor = factories.UserWithToken()
    org = helpers.call_action(
        "organization_create", context={"user": sysadmin["name"]}, name="zd-jtysj",
        title="淄博市张店区交通运输局", users=[{"name": editor["name"], "capacity": "editor"}],
    )
    return {"org": org, "editor": editor}


def create_dataset(user: dict, owner_org: str, **fields) -> dict:
    return helpers.call_action("package_create", context={"user": user["name"], "ignore_auth": False},
                               owner_org=owner_org, **dataset_fields(**fields))
