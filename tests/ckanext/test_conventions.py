"""Conventions of the extension, checked so they stay true: every action has an auth function and a
documented signature, and every helper, validator and CLI command explains itself."""

from __future__ import annotations

import inspect

import pytest

from ckanext.zhangdian import cli, helpers
from ckanext.zhangdian.logic import action, auth, validators

OWN_ACTIONS = [name for name in action.__all__ if name.startswith("zhangdian_")]


def test_actions_follow_the_naming_scheme():
    chained = set(action.__all__) - set(OWN_ACTIONS)
    assert OWN_ACTIONS, "the extension defines actions"
    for name in chained:
        assert getattr(getattr(action, name), "chained_action", False), name


@pytest.mark.parametrize("name", OWN_ACTIONS)
def test_every_action_has_an_auth_function(name):
    assert name in auth.__all__
    assert callable(getattr(auth, name))


@pytest.mark.parametrize("name", OWN_ACTIONS)
def test_every_action_documents_its_parameters_and_result(name):
    doc = inspect.getdoc(getattr(action, name)) or ""
    assert ":param" in doc and (":returns:" in doc or ":rtype:" in doc), name


@pytest.mark.parametrize("module", [helpers, validators, cli, action, auth],
                         ids=lambda m: m.__name__)
def test_every_exported_function_has_a_docstring_or_wraps_a_documented_core_one(module):
    for name in module.__all__:
        function = getattr(module, name)
        if getattr(function, "chained_action", False) or getattr(function, "chained_auth_function", False):
            continue
        if module is auth:
            continue  # auth functions are named after their documented actions
        assert inspect.getdoc(function), f"{module.__name__}.{name}"


def test_helpers_are_prefixed():
    assert all(name.startswith("zhangdian_") for name in helpers.__all__)
