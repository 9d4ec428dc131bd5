"""Core actions wrapped so that no path returns data of datasets the user may not access.

package_show is covered by ``after_dataset_show`` (plugin.py) and resource_show, the resource pages,
downloads, views and the DataStore by the chained ``resource_show`` auth (logic/auth.py). These
wrappers cover the actions that return many datasets, resources or activities at once.
"""

from __future__ import annotations

from typing import Any, Callable

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


def _hide_in_search_result(context, item: dict[str, Any]) -> None:
    if "resources" in item or "open_attribute" in item:  # a full dataset dict
        policy.apply_to_dataset_dict(context, item)
        return
    package = model.Package.get(item.get("id") or "")  # raw Solr fields requested with ``fl``
    if package is None or not policy.can_access_data(context, package):
        policy.hide_data_in_index_document(item)


@tk.chained_action
@tk.side_effect_free
def package_search(original_action, context, data_dict):
    fields = data_dict.get("fl")
    if fields and fields not in ("id", "name"):
        requested = fields.split() if isinstance(fields, str) else list(fields)
        if "id" not in requested:
            data_dict["fl"] = " ".join([*requested, "id"])
    result = original_action(context, data_dict)
    for item in result["results"]:
        if isinstance(item, dict):
            _hide_in_search_result(context, item)
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
    result = original_action(context, data_dict)
    visible = []
    for resource in result["results"]:
        package = model.Package.get(resource.get("package_id") or "")
        if package is not None and policy.can_access_data(context, package):
            visible.append(resource)
    hidden = len(result["results"]) - len(visible)
    return dict(result, results=visible, count=result["count"] - hidden)


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
