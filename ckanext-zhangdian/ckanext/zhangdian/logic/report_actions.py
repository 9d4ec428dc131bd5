"""Actions of the gap report (查缺补漏) and of its inputs: responsibility lists, higher-level catalogs,
link checks. Registered through ``action.__all__``."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.zhangdian.logic import schema
from ckanext.zhangdian.model import HigherLevelEntry, ResponsibilityItem
from ckanext.zhangdian.reports import export, importing, linkcheck, service, snapshots

__all__ = [
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
]


def _organization_id(id_or_name: str) -> str:
    group = model.Group.get(id_or_name)
    if group is None or not group.is_organization:
        raise tk.ObjectNotFound(tk._("Department not found: {name}").format(name=id_or_name))
    return group.id


@tk.side_effect_free
def zhangdian_gap_report_show(context, data_dict):
    """The gap report: indicators for the district and every department, the ranking and the trend.

    Public. Findings are included for whoever may see them (``zhangdian_gap_finding_list``).

    :param department: only this department (name or id) (optional)
    :type department: string
    :param with_findings: include the findings (default False; needs the right to see them)
    :type with_findings: bool

    :returns: ``date``, ``finding_kinds``, ``overall``, ``departments`` (ranking order), ``trend``
    :rtype: dictionary
    """
    data = schema.validated(data_dict, schema.gap_report_show_schema(), context)
    tk.check_access("zhangdian_gap_report_show", context, data)
    department = data.get("department")
    if department:
        department = model.Group.get(_organization_id(department)).name
    if data.get("with_findings"):
        tk.check_access("zhangdian_gap_finding_list", context, {"department": department} if department else {})
    report = service.current_report()
    result = export.report_dict(report, tk._, with_findings=bool(data.get("with_findings")),
                                department=department)
    result["trend"] = [{"date": day, **values} for day, values in
                       snapshots.trend(department or snapshots.OVERALL)]
    return result


@tk.side_effect_free
def zhangdian_gap_finding_list(context, data_dict):
    """Findings of the gap report with what to fix: every department (sysadmins) or one department
    (its members and sysadmins).

    :param department: name or id of the department (required unless sysadmin)
    :type department: string
    :param kind: only findings of this kind (e.g. ``stale``; see ``finding_kinds`` of the report)
    :type kind: string

    :returns: findings: department, resource, kind, problem, action, since
    :rtype: list of dictionaries
    """
    data = schema.validated(data_dict, schema.gap_finding_list_schema(), context)
    department = model.Group.get(_organization_id(data["department"])).name if data.get("department") else None
    tk.check_access("zhangdian_gap_finding_list", context, {"department": department} if department else {})
    result = export.report_dict(service.current_report(), tk._, with_findings=True, department=department)
    findings = export.finding_rows(result)
    return [finding for finding in findings if data.get("kind") in (None, finding["kind"])]


def zhangdian_gap_snapshot_create(context, data_dict):
    """Compute the report now and store its indicators for the day (the points of the trend lines).
    Also done by ``harvest report --snapshot`` and after every ``harvest run``.

    :param date: record under this day (ISO date; default today)
    :type date: string

    :returns: ``date`` and ``departments`` (rows stored, the district included)
    :rtype: dictionary
    """
    data = schema.validated(data_dict, schema.gap_snapshot_create_schema(), context)
    tk.check_access("zhangdian_gap_snapshot_create", context, data)
    day = data.get("date")
    report = service.record_snapshot(day.date() if isinstance(day, datetime.datetime) else day)
    return {"date": report.today, "departments": len(report.departments) + 1}


def zhangdian_link_check_run(context, data_dict):
    """Check the download links of every resource (source URL and mirrored file) and store the
    results for the gap report's "broken link" findings. Slow: one request per link.

    :param package_id: check only this dataset's links (name or id; optional)
    :type package_id: string

    :returns: ``checked`` and ``broken`` counts
    :rtype: dictionary
    """
    tk.check_access("zhangdian_link_check_run", context, data_dict)
    package_id = None
    if data_dict.get("package_id"):
        package = model.Package.get(data_dict["package_id"])
        if package is None:
            raise tk.ObjectNotFound(tk._("Dataset not found."))
        package_id = package.id
    return linkcheck.check_links(package_id=package_id)


def zhangdian_responsibility_item_create(context, data_dict):
    """Add a resource to a department's responsibility list (what it is required to open).

    :param organization_id: the department (name or id)
    :type organization_id: string
    :param title: 信息资源名称
    :type title: string
    :param resource_code: 信息资源代码 (optional; matching falls back to the title)
    :type resource_code: string
    :param basis: why it is required, e.g. the document that assigns it (optional)
    :type basis: string

    :returns: the item
    :rtype: dictionary
    """
    data = schema.validated(data_dict, schema.responsibility_item_create_schema(), context)
    tk.check_access("zhangdian_responsibility_item_create", context, data)
    item = ResponsibilityItem(organization_id=_organization_id(data["organization_id"]), title=data["title"],
                              resource_code=data.get("resource_code") or None, basis=data.get("basis") or None,
                              created_by=context.get("user"))
    model.Session.add(item)
    model.Session.commit()
    return item.as_dict()


def zhangdian_responsibility_item_delete(context, data_dict):
    """Remove an item from a responsibility list.

    :param id: the item id
    :type id: string

    :returns: the removed item
    :rtype: dictionary
    """
    tk.check_access("zhangdian_responsibility_item_delete", context, data_dict)
    return _delete(ResponsibilityItem, data_dict, tk._("Responsibility list item not found."))


def _delete(model_class, data_dict: dict, not_found: str) -> dict:
    row = model.Session.get(model_class, data_dict.get("id") or "")
    if row is None:
        raise tk.ObjectNotFound(not_found)
    model.Session.delete(row)
    model.Session.commit()
    return row.as_dict()


@tk.side_effect_free
def zhangdian_responsibility_item_list(context, data_dict):
    """The responsibility list of one department, or of all.

    :param organization_id: the department (name or id; optional)
    :type organization_id: string

    :rtype: list of dictionaries
    """
    tk.check_access("zhangdian_responsibility_item_list", context, data_dict)
    query = model.Session.query(ResponsibilityItem).order_by(ResponsibilityItem.created)
    if data_dict.get("organization_id"):
        query = query.filter_by(organization_id=_organization_id(data_dict["organization_id"]))
    return [item.as_dict() for item in query]


def _uploaded_path(data_dict: dict, workdir: str) -> Path:
    """The uploaded file (multipart ``upload``) saved into ``workdir``."""
    upload = data_dict.get("upload")
    if upload is None or not getattr(upload, "filename", ""):
        raise tk.ValidationError({"upload": [tk._("Upload a CSV or XLSX file made from the template.")]})
    path = Path(workdir) / Path(upload.filename).name
    with path.open("wb") as handle:
        stream = getattr(upload, "stream", None) or getattr(upload, "file", None) or upload
        handle.write(stream.read())
    return path


def _department_finder():
    organizations = model.Session.query(model.Group).filter_by(is_organization=True, state="active").all()
    index = {key: group.id for group in organizations for key in (group.name, group.title, group.id)}
    return index.get


def import_responsibility_list(path: Path, user: str | None) -> dict:
    """Replace the responsibility lists of the departments named in the file (all or nothing)."""
    items = importing.responsibility_items(path, _department_finder())
    departments = {item["organization_id"] for item in items}
    model.Session.query(ResponsibilityItem).filter(
        ResponsibilityItem.organization_id.in_(departments)).delete(synchronize_session=False)
    for item in items:
        model.Session.add(ResponsibilityItem(created_by=user, **item))
    model.Session.commit()
    return {"items": len(items), "departments": len(departments)}


def import_higher_level_catalog(path: Path) -> dict:
    """Replace the entries of the catalogs named in the file (all or nothing)."""
    entries = importing.higher_level_entries(path)
    catalogs = {entry["catalog"] for entry in entries}
    model.Session.query(HigherLevelEntry).filter(HigherLevelEntry.catalog.in_(catalogs)).delete(
        synchronize_session=False)
    for entry in entries:
        model.Session.add(HigherLevelEntry(**entry))
    model.Session.commit()
    return {"entries": len(entries), "catalogs": len(catalogs)}


def _import(data_dict: dict, run) -> dict:
    with tempfile.TemporaryDirectory() as workdir:
        try:
            return run(_uploaded_path(data_dict, workdir))
        except importing.ImportProblem as problem:
            model.Session.rollback()
            raise tk.ValidationError({"upload": problem.render(tk._)})


def zhangdian_responsibility_list_import(context, data_dict):
    """Import responsibility lists from a CSV/XLSX file made from the template (责任清单模板): the
    file replaces the lists of the departments it names. Nothing changes if any row has an error.

    :param upload: the file (multipart upload)
    :type upload: file

    :returns: ``items`` imported and ``departments`` replaced
    :rtype: dictionary
    """
    tk.check_access("zhangdian_responsibility_list_import", context, data_dict)
    return _import(data_dict, lambda path: import_responsibility_list(path, context.get("user")))


def zhangdian_higher_level_entry_create(context, data_dict):
    """Add a resource that a city, provincial or national catalog already opens.

    :param level: ``city``, ``province`` or ``national``
    :type level: string
    :param catalog: the catalog's name, e.g. 淄博市公共数据开放网
    :type catalog: string
    :param title: the resource's title there
    :type title: string
    :param resource_code: its resource code (optional)
    :type resource_code: string
    :param publisher: the department that publishes it there (optional)
    :type publisher: string
    :param field_names: its fields (list of strings, optional)
    :type field_names: list
    :param url: its page (optional)
    :type url: string

    :returns: the entry
    :rtype: dictionary
    """
    data = schema.validated(data_dict, schema.higher_level_entry_create_schema(), context)
    tk.check_access("zhangdian_higher_level_entry_create", context, data)
    entry = HigherLevelEntry(**{key: data.get(key) for key in (
        "level", "catalog", "title", "resource_code", "publisher", "url")},
        field_names=list(data.get("field_names") or []))
    model.Session.add(entry)
    model.Session.commit()
    return entry.as_dict()


def zhangdian_higher_level_entry_delete(context, data_dict):
    """Remove a higher-level catalog entry.

    :param id: the entry id
    :type id: string

    :returns: the removed entry
    :rtype: dictionary
    """
    tk.check_access("zhangdian_higher_level_entry_delete", context, data_dict)
    return _delete(HigherLevelEntry, data_dict, tk._("Higher-level catalog entry not found."))


@tk.side_effect_free
def zhangdian_higher_level_entry_list(context, data_dict):
    """Resources already open at a higher level (city, provincial, national catalogs).

    :param catalog: only this catalog (optional)
    :type catalog: string

    :rtype: list of dictionaries
    """
    tk.check_access("zhangdian_higher_level_entry_list", context, data_dict)
    query = model.Session.query(HigherLevelEntry).order_by(HigherLevelEntry.catalog, HigherLevelEntry.title)
    if data_dict.get("catalog"):
        query = query.filter_by(catalog=data_dict["catalog"])
    return [entry.as_dict() for entry in query]


def zhangdian_higher_level_catalog_import(context, data_dict):
    """Import higher-level catalog entries from a CSV/XLSX file made from the template (上级已开放目录模板):
    the file replaces the entries of the catalogs it names. Nothing changes if any row has an error.

    :param upload: the file (multipart upload)
    :type upload: file

    :returns: ``entries`` imported and ``catalogs`` replaced
    :rtype: dictionary
    """
    tk.check_access("zhangdian_higher_level_catalog_import", context, data_dict)
    return _import(data_dict, import_higher_level_catalog)
