"""Fixtures of the extension tests: a clean portal with its plugins, and the people who use it."""

from __future__ import annotations

import pytest
from ckan.tests import factories, helpers


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
