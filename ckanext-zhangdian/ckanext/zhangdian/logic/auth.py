"""Auth functions: one per action of the extension, plus the data gate on ``resource_show``.

``resource_show`` is the gate every data path goes through: the resource page, ``/download``,
resource views and the DataStore API (``datastore_search``/``datastore_info`` authorise with it).
"""

from __future__ import annotations

import ckan.authz as authz
import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.zhangdian import policy

__all__ = [
    "zhangdian_access_grant_create",
    "zhangdian_access_grant_revoke",
    "zhangdian_access_grant_list",
    "zhangdian_gap_report_show",
    "zhangdian_gap_finding_list",
    "zhangdian_gap_snapshot_create",
    "zhangdian_link_check_run",
    "zhangdian_responsibility_item_create",
    "zhangdian_responsibility_item_delete",
    "zhangdian_responsibility_item_list",
    "zhangdian_responsibility_list_import",
    "zhangdian_higher_level_entry_create",
    "zhangdian_higher_level_entry_delete",
    "zhangdian_higher_level_entry_list",
    "zhangdian_higher_level_catalog_import",
    "zhangdian_list_check",
    "zhangdian_list_publish",
    "resource_show",
    "activity_diff",
    "harvest_object_show",
]


def _can_manage_dataset(context, data_dict) -> dict:
    """Sysadmins and editors of the dataset's own department."""
    package_id = data_dict.get("package_id")
    return authz.is_authorized("package_update", context, {"id": package_id})


def zhangdian_access_grant_create(context, data_dict):
    return _can_manage_dataset(context, data_dict)


def zhangdian_access_grant_revoke(context, data_dict):
    return _can_manage_dataset(context, data_dict)


def zhangdian_access_grant_list(context, data_dict):
    return _can_manage_dataset(context, data_dict)


@tk.auth_allow_anonymous_access
def zhangdian_gap_report_show(context, data_dict):
    return {"success": True}


def zhangdian_gap_finding_list(context, data_dict):
    """Members of the department see its findings; all findings are for sysadmins (who pass anyway)."""
    department = data_dict.get("department")
    group = model.Group.get(department) if department else None
    user = context.get("user")
    if group is not None and user and authz.has_user_permission_for_group_or_org(group.id, user, "read"):
        return {"success": True}
    return {"success": False, "msg": tk._("Findings are shown to the department's members and administrators.")}


def _sysadmins_only(context, data_dict):
    return {"success": False, "msg": tk._("Only portal administrators can do this.")}


zhangdian_gap_snapshot_create = _sysadmins_only
zhangdian_link_check_run = _sysadmins_only
zhangdian_responsibility_item_create = _sysadmins_only
zhangdian_responsibility_item_delete = _sysadmins_only
zhangdian_responsibility_list_import = _sysadmins_only
zhangdian_higher_level_entry_create = _sysadmins_only
zhangdian_higher_level_entry_delete = _sysadmins_only
zhangdian_higher_level_catalog_import = _sysadmins_only


def zhangdian_list_check(context, data_dict):
    """The department's editors and admins maintain its list (sysadmins pass anyway)."""
    user = context.get("user")
    if user and authz.has_user_permission_for_group_or_org(data_dict.get("organization_id"), user,
                                                           "create_dataset"):
        return {"success": True}
    return {"success": False, "msg": tk._("Only the department's editors can register its open-data list.")}


zhangdian_list_publish = zhangdian_list_check


@tk.auth_allow_anonymous_access
def zhangdian_responsibility_item_list(context, data_dict):
    """Responsibility lists are public: they are what the open rate is measured against."""
    return {"success": True}


@tk.auth_allow_anonymous_access
def zhangdian_higher_level_entry_list(context, data_dict):
    return {"success": True}


def _package_of_resource(resource_id: str | None) -> model.Package | None:
    resource = model.Resource.get(resource_id or "")
    return resource.package if resource is not None else None


def _with_data_gate(result: dict, context, package: model.Package | None) -> dict:
    """Core's verdict, narrowed: a yes becomes a no when the user may not see the package's data."""
    if not result.get("success") or package is None or policy.can_access_data(context, package):
        return result
    if policy.open_attribute_of(package) == policy.CONDITIONAL:
        message = tk._("This dataset is conditionally open: its data is available to users "
                       "whose application has been approved.")
    else:
        message = tk._("This dataset is not open: its data is available only to the providing "
                       "department.")
    return {"success": False, "msg": message}


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def resource_show(next_auth, context, data_dict):
    package = _package_of_resource(data_dict.get("id") or data_dict.get("resource_id"))
    return _with_data_gate(next_auth(context, data_dict), context, package)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def activity_diff(next_auth, context, data_dict):
    """A diff shows resource URLs, so it needs access to the dataset's data."""
    from ckanext.activity.model import Activity

    activity = model.Session.get(Activity, data_dict.get("id"))
    package = model.Package.get(activity.object_id) if activity is not None else None
    return _with_data_gate(next_auth(context, data_dict), context, package)


@tk.chained_auth_function
@tk.auth_allow_anonymous_access
def harvest_object_show(next_auth, context, data_dict):
    """Harvest objects hold list rows and data file locations (also of restricted datasets), so only
    those who may run the source see them — ckanext-harvest itself shows them to everybody."""
    from ckanext.harvest.model import HarvestObject

    harvest_object = HarvestObject.get(data_dict["id"]) if data_dict.get("id") else None
    if harvest_object is None and data_dict.get("dataset_id"):
        package = model.Package.get(data_dict["dataset_id"])
        harvest_object = model.Session.query(HarvestObject).filter_by(package_id=package.id) \
            .order_by(HarvestObject.harvest_source_id).first() if package is not None else None
    if harvest_object is None:
        return {"success": authz.is_sysadmin(context.get("user"))}
    result = authz.is_authorized("harvest_source_update", context, {"id": harvest_object.harvest_source_id})
    if not result.get("success"):
        return {"success": False, "msg": tk._("Harvest records are shown to the providing department only.")}
    return next_auth(context, data_dict)
