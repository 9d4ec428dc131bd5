"""The committed blank templates are what templates/build_templates.py builds, and they work as lists."""

from __future__ import annotations

import csv
import importlib.util

import pytest
from openpyxl import load_workbook

from zhangdian_harvesters import ListEmptyError, read_list
from zhangdian_harvesters.columns import TEMPLATE_COLUMNS
from zhangdian_harvesters.vocabularies import THEME, UPDATE_FREQUENCY


@pytest.fixture(scope="module")
def build(repo_dir):
    spec = importlib.util.spec_from_file_location("build_templates", repo_dir / "templates" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _validations(sheet) -> list[tuple]:
    return sorted((str(v.sqref), v.type, v.formula1, v.allow_blank, v.showErrorMessage, v.error)
                  for v in sheet.data_validations.dataValidation)


def _snapshot(path) -> dict:
    workbook = load_workbook(path)
    return {
        sheet.title: {
            "cells": [[cell.value for cell in r] for r in sheet.iter_rows()],
            "validations": _validations(sheet),
            "freeze": sheet.freeze_panes,
            "widths": {k: d.width for k, d in sheet.column_dimensions.items()},
            "comments": {c.coordinate: c.comment.text for r in sheet.iter_rows() for c in r if c.comment},
        }
        for sheet in workbook.worksheets
    }


def test_committed_xlsx_matches_what_the_script_builds(build, tmp_path):
    rebuilt = tmp_path / "rebuilt.xlsx"
    build.build_xlsx(rebuilt)
    assert _snapshot(build.XLSX_PATH) == _snapshot(rebuilt), "run .venv/bin/python templates/build_templates.py"


def test_committed_csv_matches_what_the_script_builds(build, tmp_path):
    rebuilt = tmp_path / "rebuilt.csv"
    build.build_csv(rebuilt)
    assert build.CSV_PATH.read_bytes() == rebuilt.read_bytes()
    assert build.CSV_PATH.read_bytes().startswith(b"\xef\xbb\xbf")


def test_xlsx_has_dropdowns_frozen_header_and_instructions(build):
    workbook = load_workbook(build.XLSX_PATH)
    sheet = workbook["数据开放清单"]
    headers = [c.value for c in sheet[1]]
    letter = {h: chr(ord("A") + i) for i, h in enumerate(headers)}

    validations = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}

    assert headers == [c.label for c in TEMPLATE_COLUMNS]
    assert validations[f"{letter['开放属性']}2:{letter['开放属性']}2000"] == '"无条件开放,有条件开放,不予开放"'
    assert validations[f"{letter['更新周期']}2:{letter['更新周期']}2000"] == \
        '"' + ",".join(UPDATE_FREQUENCY.labels.values()) + '"'
    assert validations[f"{letter['主题分类']}2:{letter['主题分类']}2000"] == '"' + ",".join(THEME.labels.values()) + '"'
    assert len(validations) == 4  # 主题分类, 开放属性, 不予开放依据类型, 更新周期
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["U"].width > sheet.column_dimensions["Q"].width
    assert sheet["A2"].value.startswith("#示例")
    assert workbook.sheetnames == ["数据开放清单", "说明"]


@pytest.mark.parametrize("attribute", ["CSV_PATH", "XLSX_PATH"])
def test_blank_template_is_an_empty_list(build, attribute):
    with pytest.raises(ListEmptyError):
        read_list(getattr(build, attribute))


def test_example_row_is_a_valid_record_once_uncommented(build, tmp_path):
    with open(build.CSV_PATH, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    table[1][0] = table[1][0].removeprefix(build.EXAMPLE_MARK)
    path = tmp_path / "清单.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(table)

    result = read_list(path)

    assert result.ok and result.findings == ()
    assert [(r.code, r.title) for r in result.records] == [("370303-JT-0001", "张店区公交线路信息")]


def test_example_row_is_valid_against_the_published_list_schema(build):
    frictionless = pytest.importorskip("frictionless")
    from zhangdian_harvesters.columns import build_list_schema

    with open(build.CSV_PATH, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    table[1][0] = table[1][0].removeprefix(build.EXAMPLE_MARK)
    resource = frictionless.Resource(data=table, schema=frictionless.Schema.from_descriptor(build_list_schema()))

    assert resource.validate().valid
