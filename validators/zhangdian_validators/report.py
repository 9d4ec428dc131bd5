"""The human report (Chinese): errors grouped by kind, with where they are, the first examples and
what to do. Plain text for the CLI, HTML (Jinja2) for the portal and ``--format html``."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from zhangdian_validators import messages
from zhangdian_validators.engine import ValidationResult

EXAMPLES_PER_KIND = 5
STATUS_TEXT = {"valid": "校验通过，可以发布", "invalid": "校验未通过，请按提示修改后重新提交",
               "blocked": "含未脱敏的个人信息，禁止发布"}
_environment = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")),
                           autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def _location(error) -> str:
    parts = []
    if getattr(error, "row_number", None):
        parts.append(f"第{error.row_number}行")
    if getattr(error, "row_numbers", None):
        parts.append(f"第{error.row_numbers[0]}行（表头）")
    if getattr(error, "field_number", None):
        name = getattr(error, "field_name", "") or ""
        parts.append(f"第{error.field_number}列" + (f"（{name}）" if name else ""))
    return "".join(parts)


def groups(result: ValidationResult) -> list[dict]:
    """One entry per error kind: title, count, fix hint and the first examples."""
    kept: dict[str, list] = {}
    for error in result.errors:
        kept.setdefault(error.type, []).append(error)
    return [
        {"type": error_type, "title": messages.title(error_type), "count": count, "hint": messages.hint(error_type),
         "examples": [{"where": _location(e), "message": e.message} for e in kept.get(error_type, [])[:EXAMPLES_PER_KIND]]}
        for error_type, count in result.counts.most_common()
    ]


def summary(result: ValidationResult) -> dict:
    """A compact JSON-able summary (what the harvester stores on a resource)."""
    return {"status": result.status, "rows": result.rows, "format": result.table.format,
            "encoding": result.table.encoding, "sheet": result.table.sheet,
            "errors": dict(result.counts), "personal_information_columns": result.pii_columns}


def render_text(result: ValidationResult, name: str = "") -> str:
    table = result.table
    lines = [f"文件：{name or table.path.name}（{table.format.upper()}"
             + (f"，{table.encoding}" if table.encoding else "") + (f"，工作表“{table.sheet}”" if table.sheet else "")
             + f"，{result.rows} 行数据）", f"结论：{STATUS_TEXT[result.status]}"]
    for group in groups(result):
        lines.append(f"\n■ {group['title']}：{group['count']} 处")
        lines.extend(f"  - {example['message']}" for example in group["examples"])
        if group["count"] > len(group["examples"]):
            lines.append(f"  …… 另有 {group['count'] - len(group['examples'])} 处")
        lines.append(f"  怎么改：{group['hint']}")
    return "\n".join(lines) + "\n"


def render_html(result: ValidationResult, name: str = "") -> str:
    return _environment.get_template("report.html.j2").render(
        name=name or result.table.path.name, result=result, status_text=STATUS_TEXT[result.status],
        groups=groups(result), summary=summary(result))


def render_json(result: ValidationResult) -> str:
    return json.dumps(result.report.to_descriptor(), ensure_ascii=False, indent=2)
