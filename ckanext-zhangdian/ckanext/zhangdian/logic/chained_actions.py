"""Core actions wrapped so that no path returns data of datasets the user may not access.

package_show is covered by ``after_dataset_show`` (plugin.py) and resource_show, the resource pages,
downloads, views and the DataStore by the chained ``resource_show`` auth (logic/auth.py). These
wrappers cover the actions that return many datasets, resources or activities at once.
"""

from __future__ import annotations

from typing import Any, Callable

import re

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.zhangdian import policy

__all__ = [
    "package_search",
    "current_package_list_with_resources",
    "resource_search",
    "activity_show",
    "activity_data_show",
    "package_activity_list",
    "organization_activity_list",
    "group_activity_list",
    "user_activity_list",
    "recently_changed_packages_activity_list",
    "dashboard_activity_list",
]


PLAIN_FIELD = re.compile(r"[A-Za-z0-9_]+")


def _requested_fields(fields: Any) -> list[str] | None:
    """The raw Solr fields asked for with ``fl`` (None: full dataset dicts)."""
    if not fields or fields in ("id", "name"):
        return None
    names = [f for f in re.split(r"[,\s]+", fields) if f] if isinstance(fields, str) else list(fields)
    if not all(PLAIN_FIELD.fullmatch(name) for name in names):
        # Aliases (``x:validated_data_dict``), globs and functions would bypass the checks below.
        raise tk.ValidationError({"fl": [tk._("Only plain field names are allowed in fl.")]})
    return names


@tk.chained_action
@tk.side_effect_free
def package_search(original_action, context, data_dict):
    raw_fields = _requested_fields(data_dict.get("fl"))
    if raw_fields is not None:
        data_dict["fl"] = " ".join(dict.fromkeys([*raw_fields, "id"]))
    result = original_action(context, data_dict)
    viewer = policy.viewer_context(context)
    for item in result["results"]:
        if not isinstance(item, dict):
            continue
        if raw_fields is None:
            policy.apply_to_dataset_dict(viewer, item)
            continue
        package = model.Package.get(item.get("id") or "")
        if package is None or not policy.can_access_data(viewer, package):
            policy.hide_data_in_index_document(item)
        if "id" not in raw_fields:
            item.pop("id", None)
    return result


@tk.chained_action
@tk.side_effect_free
def current_package_list_with_resources(original_action, context, data_dict):
    packages = original_action(context, data_dict)
    for package in packages:
        policy.apply_to_dataset_dict(context, package)
    return packages


@tk.chained_action
@tk.side_effect_free
def resource_search(original_action, context, data_dict):
    """Searches every match and pages over the visible ones, so ``count`` reveals nothing hidden."""
    viewer = policy.viewer_context(context)
    offset, limit = int(data_dict.get("offset") or 0), data_dict.get("limit")
    everything = original_action(context, dict(data_dict, offset=0, limit=None))
    visible = [r for r in everything["results"]
               if (package := model.Package.get(r.get("package_id") or "")) is not None
               and policy.can_access_data(viewer, package)]
    page = visible[offset:offset + int(limit)] if limit is not None else visible[offset:]
    return dict(everything, results=page, count=len(visible))


def _hide_in_activity(context, activity: dict[str, Any]) -> dict[str, Any]:
    package_data = (activity.get("data") or {}).get("package")
    if not isinstance(package_data, dict):
        return activity
    current = model.Package.get(activity.get("object_id") or package_data.get("id") or "")
    allowed_then = policy.can_access_data(context, package_data)
    allowed_now = current is None or policy.can_access_data(context, current)
    if not (allowed_then and allowed_now):
        policy.hide_data(package_data)
    return activity


def _hiding_activity_lists(name: str) -> Callable:
    def wrapper(original_action, context, data_dict):
        return [_hide_in_activity(context, a) for a in original_action(context, data_dict)]

    wrapper.__name__ = name
    wrapper.__doc__ = f"{name}, without the data of datasets the user may not access."
    return tk.side_effect_free(tk.chained_action(wrapper))


package_activity_list = _hiding_activity_lists("package_activity_list")
organization_activity_list = _hiding_activity_lists("organization_activity_list")
group_activity_list = _hiding_activity_lists("group_activity_list")
user_activity_list = _hiding_activity_lists("user_activity_list")
recently_changed_packages_activity_list = _hiding_activity_lists(
    "recently_changed_packages_activity_list")
dashboard_activity_list = _hiding_activity_lists("dashboard_activity_list")


@tk.chained_action
@tk.side_effect_free
def activity_show(original_action, context, data_dict):
    return _hide_in_activity(context, original_action(context, data_dict))


@tk.chained_action
@tk.side_effect_free
def activity_data_show(original_action, context, data_dict):
    activity = model.Session.get(_activity_model(), data_dict.get("id"))
    data = original_action(context, data_dict)
    if activity is not None and isinstance(data, dict):
        wrapped = {"object_id": activity.object_id, "data": data}
        if "package" in data:
            _hide_in_activity(context, wrapped)
        elif data_dict.get("object_type") == "package":
            _hide_in_activity(context, {"object_id": activity.object_id, "data": {"package": data}})
    return data


def _activity_model():
    from ckanext.activity.model import Activity

    return Activity
