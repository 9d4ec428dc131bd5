"""Department list pages: the template and its guide (public), and for the department's editors —
register the list (upload or URL → errors by row and column → preview → publish or schedule), the
harvest history and the current findings."""

from __future__ import annotations

from urllib.parse import quote

import ckan.authz as authz
import ckan.model as model
import ckan.plugins.toolkit as tk
from flask import Blueprint, Response
from zhangdian_harvesters import list_templates
from zhangdian_harvesters.columns import TEMPLATE_COLUMNS

from ckanext.zhangdian import harvest_runs, list_registration
from ckanext.zhangdian.reports.export import FORMATS

lists = Blueprint("zhangdian_lists", __name__, url_prefix="/lists")

__all__ = ["lists"]

TEMPLATE_FILES = {
    "xlsx": (list_templates.XLSX_NAME, FORMATS["xlsx"][0], list_templates.xlsx_bytes),
    "csv": (list_templates.CSV_NAME, "text/csv; charset=utf-8", list_templates.csv_bytes),
}


def _context() -> dict:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def _editable_departments() -> list[model.Group]:
    user = tk.current_user.name if tk.current_user.is_authenticated else None
    if not user:
        return []
    groups = model.Session.query(model.Group).filter_by(is_organization=True, state="active") \
        .order_by(model.Group.title)
    return [group for group in groups if authz.has_user_permission_for_group_or_org(group.id, user, "create_dataset")]


def _department_or_abort(name: str) -> dict:
    group = model.Group.get(name)
    if group is None or not group.is_organization:
        return tk.abort(404, tk._("Department not found: {name}").format(name=name))
    try:
        tk.check_access("zhangdian_list_check", _context(), {"organization_id": group.id})
    except tk.NotAuthorized:
        if not tk.current_user.is_authenticated:
            return tk.abort(403, tk._("Log in as an editor of the department to manage its open-data list."))
        return tk.abort(403, tk._("Only the department's editors can register its open-data list."))
    return {"id": group.id, "name": group.name, "title": group.title}


@lists.route("/template.<file_format>")
def template(file_format: str):
    if file_format not in TEMPLATE_FILES:
        return tk.abort(404)
    filename, mimetype, build = TEMPLATE_FILES[file_format]
    return Response(build(), mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


@lists.route("/guide")
def guide():
    return tk.render("zhangdian/lists/guide.html", {"columns": TEMPLATE_COLUMNS})


@lists.route("/")
def index():
    if not tk.current_user.is_authenticated:
        return tk.redirect_to("user.login", came_from=tk.url_for("zhangdian_lists.index"))
    departments = []
    for group in _editable_departments():
        source = list_registration.existing_source(group.id)
        last_job = (source.get("status") or {}).get("last_job") if source else None
        departments.append({"name": group.name, "title": group.title, "source": source, "last_job": last_job})
    return tk.render("zhangdian/lists/index.html", {"departments": departments})


@lists.route("/<name>")
def department(name: str):
    organization = _department_or_abort(name)
    source = list_registration.existing_source(organization["id"])
    jobs = []
    if source:
        listed = tk.get_action("harvest_job_list")(harvest_runs._site_context(), {"source_id": source["id"]})
        jobs = [harvest_runs.job_report(job["id"]) for job in listed[:20]]
    report = tk.get_action("zhangdian_gap_report_show")(_context(), {"department": organization["name"]})
    return tk.render("zhangdian/lists/department.html", {
        "organization": organization, "source": source, "jobs": jobs, "report": report,
        "indicators": report["departments"][0]["indicators"] if report["departments"] else None})


@lists.route("/<name>/register", methods=["GET", "POST"])
def register(name: str):
    organization = _department_or_abort(name)
    extra = {"organization": organization, "check": None, "errors": [], "published": None,
             "source": list_registration.existing_source(organization["id"]),
             "frequencies": list_registration.FREQUENCIES}
    form = tk.request.form
    try:
        if tk.request.method == "POST" and form.get("step") == "publish":
            extra["published"] = tk.get_action("zhangdian_list_publish")(_context(), {
                "organization_id": organization["id"], "location": form.get("location", ""),
                "frequency": form.get("frequency"), "run": form.get("run") == "now"})
        elif tk.request.method == "POST":
            extra["check"] = tk.get_action("zhangdian_list_check")(_context(), {
                "organization_id": organization["id"], "upload": tk.request.files.get("upload"),
                "url": form.get("url", "")})
    except tk.ValidationError as error:
        extra["errors"] = [message for messages in error.error_dict.values() for message in messages]
    return tk.render("zhangdian/lists/register.html", extra)
