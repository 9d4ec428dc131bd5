"""Actions behind the department list pages: check a list (errors + preview) and publish it.
Registered through ``action.__all__``."""

from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.zhangdian import harvest_runs, list_registration

__all__ = ["zhangdian_list_check", "zhangdian_list_publish"]


def _organization(id_or_name: str | None) -> dict:
    group = model.Group.get(id_or_name or "")
    if group is None or not group.is_organization:
        raise tk.ObjectNotFound(tk._("Department not found: {name}").format(name=id_or_name))
    return {"id": group.id, "name": group.name, "title": group.title}


def zhangdian_list_check(context, data_dict):
    """Read and validate a department's open-data list without publishing anything: every error by row
    and column, hints, and — when there are no errors — what a harvest would create, update, leave
    unchanged, withdraw or skip.

    Allowed to the department's editors and admins, and to sysadmins.

    :param organization_id: the department (name or id)
    :type organization_id: string
    :param upload: the list file (CSV, XLSX, XLS or JSON; multipart upload), or
    :type upload: file
    :param url: the list's http(s) URL, or ``location`` from an earlier check
    :type url: string

    :returns: ``ok``, ``location`` (pass it to ``zhangdian_list_publish``), ``summary``, ``error``,
        ``problems`` (row, cell, column, value, message, hint), ``findings``, ``changes``
    :rtype: dictionary
    """
    organization = _organization(data_dict.get("organization_id"))
    tk.check_access("zhangdian_list_check", context, {"organization_id": organization["id"]})
    upload = data_dict.get("upload")
    if upload is not None and getattr(upload, "filename", ""):
        location = list_registration.save_upload(organization["name"], upload)
    elif data_dict.get("url"):
        location = list_registration.check_location(data_dict["url"].strip(), organization["name"])
    else:
        raise tk.ValidationError({"upload": [tk._("Upload the list file or give its URL.")]})
    return list_registration.check_list(location, organization).as_dict()


def zhangdian_list_publish(context, data_dict):
    """Register the checked list as the department's harvest source (or point its source at it) and
    harvest it now, or leave it to the schedule.

    :param organization_id: the department (name or id)
    :type organization_id: string
    :param location: ``location`` returned by ``zhangdian_list_check``
    :type location: string
    :param frequency: MANUAL, DAILY, WEEKLY, BIWEEKLY or MONTHLY (default MANUAL)
    :type frequency: string
    :param run: harvest now (default True); False leaves it to the schedule
    :type run: bool

    :returns: ``source`` (name, url, frequency) and, when run, ``job`` (status, counts, errors)
    :rtype: dictionary
    """
    organization = _organization(data_dict.get("organization_id"))
    tk.check_access("zhangdian_list_publish", context, {"organization_id": organization["id"]})
    frequency = (data_dict.get("frequency") or "MANUAL").upper()
    if frequency not in list_registration.FREQUENCIES:
        raise tk.ValidationError({"frequency": [tk._("Choose how often the list is harvested.")]})
    location = list_registration.check_location(data_dict.get("location") or "", organization["name"])
    source = list_registration.register(organization, location, frequency)
    result = {"source": {"name": source["name"], "url": source["url"], "frequency": frequency}}
    if tk.asbool(data_dict.get("run", True)):
        try:
            report = harvest_runs.run_source(source["name"])
        except harvest_runs.SourceBusyError:
            raise tk.ValidationError({"run": [tk._("This list is being harvested right now; try again "
                                                   "in a few minutes.")]})
        result["job"] = {"id": report.job_id, "status": report.status, "counts": report.counts,
                         "gather_errors": report.gather_errors, "object_errors": report.object_errors}
    return result
