"""``harvest report``: the report as a file, in the site's language (run inside a request context)."""

from __future__ import annotations

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.zhangdian.reports import charts, export, service, snapshots


def _department_name(department: str) -> str:
    group = model.Group.get(department) or model.Session.query(model.Group).filter_by(
        title=department, is_organization=True, state="active").first()
    if group is None or not group.is_organization:
        raise tk.ObjectNotFound(f"找不到部门“{department}”。")
    return group.name


def render_report(department: str | None, file_format: str, snapshot: bool) -> tuple[dict, bytes]:
    name = _department_name(department) if department else None
    report = service.record_snapshot() if snapshot else service.current_report()
    result = export.report_dict(report, tk._, with_findings=True, department=name)
    if file_format != "html":
        mimetype, render = export.FORMATS[file_format]
        return result, render(result, tk._)
    trend = snapshots.trend(name or snapshots.OVERALL)
    figures = [
        charts.bar_chart([(d["title"], d["indicators"]["index"] or 0) for d in result["departments"] if d["rank"]],
                         title=tk._("Openness index by department")),
        charts.trend_chart({tk._("Open rate"): [(day, values["open_rate"]) for day, values in trend
                                                if values.get("open_rate") is not None]},
                           title=tk._("District trend")),
    ]
    html = tk.render("zhangdian/report/export.html", {"report": result, "charts": figures})
    return result, html.encode("utf-8")
