"""The human report (Chinese): errors grouped by kind, with where they are, the first examples and
what to do. Plain text for the CLI, HTML (Jinja2) for the portal and ``--format html``."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from zhangdian_validators import messages as M
from zhangdian_validators.engine import BLOCKING, ValidationResult

EXAMPLES_PER_KIND = 5
_environment = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")),
                           autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def groups(result: ValidationResult) -> list[dict]:
    """One entry per error kind: title, count, fix hint and the first examples."""
    kept: dict[str, list] = {}
    for error in result.errors:
        kept.setdefault(error.type, []).append(error)
    return [
        {"type": error_type, "title": M.title(error_type), "count": count, "hint": M.hint(error_type),
         "examples": [{"where": M.location(e), "message": M.describe(e)}
                      for e in kept.get(error_type, [])[:EXAMPLES_PER_KIND]]}
        for error_type, count in sorted(result.counts.items(), key=lambda item: (item[0] not in BLOCKING, -item[1]))
    ]


def summary(result: ValidationResult) -> dict:
    """A compact JSON-able summary (what the harvester stores on a resource)."""
    return {"status": result.status, "rows": result.rows, "format": result.table.format,
            "encoding": result.table.encoding, "sheet": result.table.sheet,
            "errors": dict(result.counts), "personal_information_columns": result.pii_columns}


def file_line(result: ValidationResult, name: str = "") -> str:
    """文件：名称（格式，编码，工作表，N 行数据）."""
    table = result.table
    details = [table.format.upper()] + ([table.encoding] if table.encoding else []) + (
        [M.REPORT_SHEET.format(sheet=table.sheet)] if table.sheet else [])
    return M.REPORT_FILE_LINE.format(name=name or table.path.name, details=M.DETAIL_SEPARATOR.join(details),
                                     rows=result.rows)


def render_text(result: ValidationResult, name: str = "") -> str:
    """The plain-text Chinese report the CLI prints."""
    lines = [file_line(result, name), M.REPORT_VERDICT.format(status=M.STATUS_TEXT[result.status])]
    for column, info in result.pii_columns.items():
        lines.append(M.REPORT_PII_COLUMN.format(column=column, kinds=M.LIST_SEPARATOR.join(info["kinds"]),
                                                count=info["count"], rows=M.LIST_SEPARATOR.join(map(str, info["rows"]))))
    for group in groups(result):
        lines.append("\n" + M.REPORT_GROUP.format(title=group["title"], count=group["count"]))
        lines.extend(f"  - {example['message']}" for example in group["examples"])
        if group["count"] > len(group["examples"]):
            lines.append("  " + M.REPORT_MORE.format(count=group["count"] - len(group["examples"])))
        lines.append("  " + M.REPORT_HINT.format(hint=group["hint"]))
    return "\n".join(lines) + "\n"


def render_html(result: ValidationResult, name: str = "") -> str:
    """The same report as a self-contained HTML page (Jinja2, autoescaped, no external assets)."""
    return _environment.get_template("report.html.j2").render(
        name=name or result.table.path.name, file_line=file_line(result, name), result=result,
        status_text=M.STATUS_TEXT[result.status], groups=groups(result), summary=summary(result))


def render_json(result: ValidationResult) -> str:
    return json.dumps(result.report.to_descriptor(), ensure_ascii=False, indent=2)
