"""Input schemas of the extension's actions."""

from __future__ import annotations

import ckan.plugins.toolkit as tk

__all__ = ["access_grant_create_schema", "access_grant_revoke_schema", "access_grant_list_schema"]


def access_grant_create_schema() -> dict:
    not_empty, unicode_safe, ignore_missing = (
        tk.get_validator(name) for name in ("not_empty", "unicode_safe", "ignore_missing"))
    return {
        "package_id": [not_empty, unicode_safe, tk.get_validator("package_id_or_name_exists")],
        "user_id": [not_empty, unicode_safe, tk.get_validator("user_id_or_name_exists")],
        "purpose": [ignore_missing, unicode_safe],
        "expires_at": [ignore_missing, tk.get_validator("isodate")],
    }


def access_grant_revoke_schema() -> dict:
    return {"id": [tk.get_validator("not_empty"), tk.get_validator("unicode_safe")]}


def access_grant_list_schema() -> dict:
    return {"package_id": [tk.get_validator("not_empty"), tk.get_validator("unicode_safe"),
                           tk.get_validator("package_id_or_name_exists")]}
