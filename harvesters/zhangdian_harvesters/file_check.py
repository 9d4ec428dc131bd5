"""A data file through ``zhangdian_validators``: which files to mirror, with what status.

- valid → the normalised UTF-8 CSV (never the original workbook: only its validated sheet is known to be clean);
- invalid → no data; the human validation report (HTML) so the department sees what to fix;
- blocked (personal information) → no data at all; the report (which never echoes the values).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from zhangdian_validators import ValidatorError, render_html, summary, validate

from zhangdian_harvesters.publish import PublishedFile

STATUS_PROBLEMS = {"invalid": "数据文件未通过校验，未作为数据发布（见校验报告）。",
                   "blocked": "数据文件含未脱敏的个人信息，禁止发布（见校验报告）。"}


@dataclass
class FileCheck:
    status: str
    files: list[PublishedFile] = field(default_factory=list)
    problem: str | None = None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_data_file(path: Path, table_schema: dict, open_attribute: str, workdir: Path, *,
                    source_url: str = "") -> FileCheck:
    """Validate ``path`` against the dataset's Table Schema and decide what to publish."""
    original_hash = sha256_of(path)
    stem = Path(source_url).stem or path.stem
    normalised = workdir / f"{stem}.csv"
    try:
        result = validate(path, table_schema if table_schema.get("fields") else None,
                          open_attribute=open_attribute, output=normalised)
    except ValidatorError as error:
        report = workdir / f"{stem}-校验报告.txt"
        report.write_text(f"数据文件无法读取：{error}\n", encoding="utf-8")
        return FileCheck("invalid", [PublishedFile(report, "校验报告", "TXT", original_hash, "invalid",
                                                   json.dumps({"status": "invalid", "error": str(error)},
                                                              ensure_ascii=False), source_url)],
                         f"数据文件无法读取：{error}")
    report_json = json.dumps(summary(result), ensure_ascii=False, sort_keys=True)
    if result.status != "valid":
        normalised.unlink(missing_ok=True)
        report = workdir / f"{stem}-校验报告.html"
        report.write_text(render_html(result, Path(source_url).name or path.name), encoding="utf-8")
        return FileCheck(result.status, [PublishedFile(report, "校验报告", "HTML", original_hash, result.status,
                                                       report_json, source_url)],
                         STATUS_PROBLEMS[result.status])
    # Only the normalised CSV is mirrored: it holds exactly the validated (and PII-scanned) sheet, while
    # an original workbook may carry other or hidden sheets, pivot caches and embedded objects.
    return FileCheck("valid", [PublishedFile(normalised, f"{stem}（CSV）", "CSV", original_hash, "valid",
                                             report_json, source_url)])
