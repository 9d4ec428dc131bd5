"""Input schemas of the extension's actions."""

from __future__ import annotations

import ckan.plugins.toolkit as tk

__all__ = ["validated", "access_grant_create_schema", "access_grant_revoke_schema", "access_grant_list_schema",
           "gap_report_show_schema", "gap_finding_list_schema", "gap_snapshot_create_schema",
           "responsibility_item_create_schema", "higher_level_entry_create_schema"]


def validated(data_dict: dict, schema_dict: dict, context) -> dict:
    """``data_dict`` validated against ``schema_dict``; ``tk.ValidationError`` when it is not valid."""
    data, errors = tk.navl_validate(data_dict, schema_dict, context)
    if errors:
        raise tk.ValidationError(errors)
    return data


def _v(*names: str) -> list:
    return [tk.get_validator(name) for name in names]


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


def gap_report_show_schema() -> dict:
    return {"department": _v("ignore_missing", "unicode_safe"),
            "with_findings": _v("ignore_missing", "boolean_validator")}


def gap_finding_list_schema() -> dict:
    return {"department": _v("ignore_missing", "unicode_safe"),
            "kind": _v("ignore_missing", "unicode_safe", "zhangdian_finding_kind")}


def gap_snapshot_create_schema() -> dict:
    return {"date": _v("ignore_missing", "isodate")}


def responsibility_item_create_schema() -> dict:
    return {"organization_id": _v("not_empty", "unicode_safe"), "title": _v("not_empty", "unicode_safe", "strip_value"),
            "resource_code": _v("ignore_missing", "unicode_safe", "strip_value"),
            "basis": _v("ignore_missing", "unicode_safe")}


def higher_level_entry_create_schema() -> dict:
    return {"level": _v("not_empty", "unicode_safe", "zhangdian_catalog_level"),
            "catalog": _v("not_empty", "unicode_safe"), "title": _v("not_empty", "unicode_safe", "strip_value"),
            "resource_code": _v("ignore_missing", "unicode_safe"), "publisher": _v("ignore_missing", "unicode_safe"),
            "field_names": _v("ignore_missing", "list_of_strings"), "url": _v("ignore_missing", "unicode_safe")}
