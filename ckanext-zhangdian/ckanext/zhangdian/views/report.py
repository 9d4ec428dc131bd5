"""Pages of the gap report (查缺补漏): the public summary, each department's findings, downloads, the
import templates and the administrators' import page. Data comes from the actions, so the pages show
exactly what the API gives the same user."""

from __future__ import annotations

from urllib.parse import quote

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response

from ckanext.zhangdian.reports import charts, export, importing

INDEX_WEIGHTS = "Weights: open rate 40%, on-time updates 20%, validation 20%, metadata score 20%."
report = Blueprint("zhangdian_report", __name__, url_prefix="/report")

__all__ = ["report"]


def _context() -> dict:
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else ""}


def _download(content: bytes, filename: str, mimetype: str) -> Response:
    return Response(content, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


def _charts(result: dict) -> dict[str, str]:
    departments = result["departments"]
    trend = result.get("trend") or []
    series = {
        tk._("Open rate"): [(point["date"], point["open_rate"]) for point in trend if point.get("open_rate") is not None],
        tk._("On-time update rate"): [(point["date"], point["on_time_rate"]) for point in trend
                                      if point.get("on_time_rate") is not None],
    }
    return {
        "index": charts.bar_chart(
            [(d["title"], d["indicators"]["index"] or 0) for d in departments if d["rank"]],
            title=tk._("Openness index by department"),
            description=tk._(INDEX_WEIGHTS)),
        "open_rate": charts.bar_chart(
            [(d["title"], d["indicators"]["open_rate"] or 0) for d in departments
             if d["indicators"]["open_rate"] is not None],
            title=tk._("Open rate by department")),
        "trend": charts.trend_chart(series, title=tk._("District trend"),
                                    description=tk._("Daily snapshots of the district's indicators.")),
    }


@report.route("/")
def summary():
    result = tk.get_action("zhangdian_gap_report_show")(_context(), {})
    visible = {d["name"] for d in result["departments"]
               if _allowed("zhangdian_gap_finding_list", {"department": d["name"]})}
    return tk.render("zhangdian/report/summary.html", {
        "report": result, "charts": _charts(result), "departments_with_findings": visible,
        "index_weights": tk._(INDEX_WEIGHTS),
        "is_sysadmin": _allowed("zhangdian_gap_snapshot_create", {})})


def _allowed(auth: str, data_dict: dict) -> bool:
    try:
        tk.check_access(auth, _context(), data_dict)
    except tk.NotAuthorized:
        return False
    return True


@report.route("/department/<name>")
def department(name: str):
    try:
        result = tk.get_action("zhangdian_gap_report_show")(
            _context(), {"department": name, "with_findings": True})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Department not found: {name}").format(name=name))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Findings are shown to the department's members and administrators."))
    department_report = result["departments"][0]
    trend = result.get("trend") or []
    trend_chart = charts.trend_chart(
        {tk._("Open rate"): [(p["date"], p["open_rate"]) for p in trend if p.get("open_rate") is not None],
         tk._("On-time update rate"): [(p["date"], p["on_time_rate"]) for p in trend
                                       if p.get("on_time_rate") is not None]},
        title=tk._("Trend of {department}").format(department=department_report["title"]))
    return tk.render("zhangdian/report/department.html", {
        "report": result, "department": department_report, "trend_chart": trend_chart})


@report.route("/download.<file_format>")
def download(file_format: str):
    if file_format not in export.FORMATS:
        return tk.abort(404)
    department = tk.request.args.get("department") or None
    data_dict = {"department": department} if department else {}
    with_findings = _allowed("zhangdian_gap_finding_list", data_dict)
    try:
        result = tk.get_action("zhangdian_gap_report_show")(
            _context(), dict(data_dict, with_findings=with_findings))
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Department not found: {name}").format(name=department))
    mimetype, render = export.FORMATS[file_format]
    name = tk._("Gap report") + (f"-{result['departments'][0]['title']}" if department else "") + \
        f"-{result['date']}.{file_format}"
    return _download(render(result, tk._), name, mimetype)


@report.route("/template/<kind>.<file_format>")
def template(kind: str, file_format: str):
    if kind not in importing.TEMPLATES or file_format not in ("csv", "xlsx"):
        return tk.abort(404)
    filename, content = importing.template_bytes(kind, file_format)
    mimetype = "text/csv; charset=utf-8" if file_format == "csv" else export.FORMATS["xlsx"][0]
    return _download(content, filename, mimetype)


IMPORT_ACTIONS = {"responsibility": "zhangdian_responsibility_list_import",
                  "higher-level": "zhangdian_higher_level_catalog_import"}


@report.route("/manage", methods=["GET", "POST"])
def manage():
    if not _allowed("zhangdian_responsibility_list_import", {}):
        return tk.abort(403, tk._("Only portal administrators can do this."))
    errors, done = [], None
    if tk.request.method == "POST":
        kind = tk.request.form.get("kind", "")
        try:
            if kind in IMPORT_ACTIONS:
                done = tk.get_action(IMPORT_ACTIONS[kind])(_context(), {"upload": tk.request.files.get("upload")})
            elif kind == "snapshot":
                done = tk.get_action("zhangdian_gap_snapshot_create")(_context(), {})
            elif kind == "links":
                done = tk.get_action("zhangdian_link_check_run")(_context(), {})
        except tk.ValidationError as error:
            errors = [message for messages in error.error_dict.values() for message in messages]
    context = _context()
    return tk.render("zhangdian/report/manage.html", {
        "errors": errors, "done": done, "kind": tk.request.form.get("kind", ""),
        "responsibilities": tk.get_action("zhangdian_responsibility_item_list")(context, {}),
        "higher_level": tk.get_action("zhangdian_higher_level_entry_list")(context, {})})
