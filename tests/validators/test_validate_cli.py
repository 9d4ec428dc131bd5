"""Item 6: ``zd-validate FILE [--schema] [--sheet] [--format text|json|html] [--output]`` — exit 0/1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhangdian_validators.cli import main

SCHEMA = {"fields": [{"name": "街道"}, {"name": "人数", "type": "integer"}]}


@pytest.fixture
def schema_file(tmp_path) -> Path:
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(SCHEMA, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def run():
    def invoke(*args):
        return CliRunner().invoke(main, [str(arg) for arg in args])
    return invoke


def test_valid_file_exits_0_with_the_text_report(run, write_csv, schema_file):
    result = run(write_csv([["街道", "人数"], ["公园街道", "5"]]), "--schema", schema_file)
    assert result.exit_code == 0
    assert result.stdout == "文件：数据.csv（CSV，utf-8，1 行数据）\n结论：校验通过，可以发布\n\n"


def test_invalid_file_exits_1(run, write_csv, schema_file):
    result = run(write_csv([["街道", "人数"], ["公园街道", "五"]]), "--schema", schema_file)
    assert result.exit_code == 1
    assert "第2行第2列（人数）的值“五”不是整数" in result.stdout


def test_json_format_is_the_frictionless_report(run, write_csv, schema_file):
    result = run(write_csv([["街道", "人数"], ["公园街道", "五"]]), "--schema", schema_file, "--format", "json")
    report = json.loads(result.stdout)
    assert (result.exit_code, report["valid"], report["tasks"][0]["errors"][0]["type"]) == (1, False, "type-error")


def test_html_format(run, write_csv):
    result = run(write_csv([["街道"], ["公园街道"]]), "--format", "html")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_output_writes_the_normalised_csv(run, write_csv, tmp_path):
    output = tmp_path / "normalised.csv"
    result = run(write_csv([["街道", "人数"], ["公园街道", "5"]], encoding="gbk"), "--output", output)
    assert result.exit_code == 0
    assert output.read_text(encoding="utf-8-sig") == "街道,人数\n公园街道,5\n"


def test_sheet_option(run, write_xlsx):
    path = write_xlsx({"说明": [["填表说明"]], "数据": [["街道", "人数"], ["公园街道", 5]]})
    result = run(path, "--sheet", "数据")
    assert result.exit_code == 0
    assert "工作表“数据”" in result.stdout


def test_wrong_sheet_exits_1_with_a_clear_message(run, write_xlsx):
    result = run(write_xlsx({"数据": [["街道"], ["公园街道"]]}), "--sheet", "Sheet1")
    assert result.exit_code == 1
    assert result.stderr == "无法校验：找不到工作表“Sheet1”（工作簿中的工作表有：数据。）\n"
    assert result.stdout == ""


def test_unreadable_file_exits_1(run, tmp_path):
    empty = tmp_path / "空.csv"
    empty.write_bytes(b"")
    result = run(empty)
    assert result.exit_code == 1
    assert result.stderr == "无法校验：文件为空（请上传含表头和数据的文件。）\n"


def test_progress_bar_is_shown_for_large_files_only(run, tmp_path, write_csv):
    large = tmp_path / "大.csv"
    large.write_bytes("街道,人数\n".encode() + "公园街道,5\n".encode() * 700_000)
    assert large.stat().st_size > 10 * 1024 * 1024
    shown = run(large)
    assert shown.exit_code == 0
    assert "校验中" in shown.stderr
    assert "校验中" not in run(write_csv([["街道"], ["公园街道"]])).stderr


def test_console_script_is_installed(write_csv):
    script = Path(sys.executable).with_name("zd-validate")
    completed = subprocess.run([str(script), str(write_csv([["街道"], ["公园街道"]]))], capture_output=True, text=True)
    assert completed.returncode == 0
    assert "结论：校验通过，可以发布" in completed.stdout
