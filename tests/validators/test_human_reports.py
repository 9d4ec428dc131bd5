"""Item 5: the human report (Chinese) — errors grouped by kind, where they are, the first examples and
a fix hint per error type; HTML from the Jinja2 template, plain text for the CLI; plus the JSON summary."""

from __future__ import annotations

import json

import pytest

from zhangdian_validators import messages, render_html, render_text, summary, validate
from zhangdian_validators.checks import ERROR_CLASSES
from zhangdian_validators.report import render_json

SCHEMA = {"fields": [{"name": "街道"}, {"name": "人数", "type": "integer", "constraints": {"required": True}}]}


@pytest.fixture
def invalid_result(write_csv):
    rows = [["街道", "人数"], ["公园街道", "十"], ["湖田街道", ""]] + [[f"街道{n}", "多"] for n in range(6)]
    rows += [["合计", "100"], ["马尚街道", "5", "13800138000"]]
    return validate(write_csv(rows, name="人口.csv"), SCHEMA)


def test_text_report_groups_errors_by_kind_with_examples_and_hints(invalid_result):
    assert render_text(invalid_result) == """文件：人口.csv（CSV，utf-8，10 行数据）
结论：含未脱敏的个人信息，禁止发布
含个人信息的列“第3列”：手机号码，1 处，行号 11

■ 含未脱敏的个人信息：1 处
  - 第11行第3列含未脱敏的手机号码：“138****8000”
  怎么改：开放数据不得含可识别个人的信息：删除该列，或按脱敏规则处理（身份证号保留前 6 位和后 4 位、手机号中间 4 位打 *），并在数据字典中将该列标为已脱敏。

■ 数据类型不符：7 处
  - 第2行第2列（人数）的值“十”不是整数
  - 第4行第2列（人数）的值“多”不是整数
  - 第5行第2列（人数）的值“多”不是整数
  - 第6行第2列（人数）的值“多”不是整数
  - 第7行第2列（人数）的值“多”不是整数
  …… 另有 2 处
  怎么改：按数据字典填写正确类型的值：数值列只写数字（不带单位），日期写成 2021-08-27 等格式。

■ 不满足约束：1 处
  - 第3行第2列（人数）的值“”不符合要求：必填，不能为空
  怎么改：按数据字典的要求修改：必填列不能为空，取值须在允许范围或列表内。

■ 合计行：1 处
  - 第10行是合计行：合计
  怎么改：删除合计/总计/小计行：汇总值可由使用者自行计算。

■ 多余的单元格：1 处
  - 第11行第3列多出单元格“138****8000”（表头没有这一列）
  怎么改：该行的单元格比表头多：检查是否有多余的逗号或合并单元格。
"""


def test_html_report_is_chinese_escaped_and_self_contained(write_csv):
    result = validate(write_csv([["名称", "人数"], ["<script>alert(1)</script>", "<b>多</b>"]], name="a.csv"),
                      {"fields": [{"name": "名称"}, {"name": "人数", "type": "integer"}]})
    html = render_html(result)
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"zh-Hans-CN\">")
    assert '<p class="status status-invalid" role="status">校验未通过，请按提示修改后重新提交</p>' in html
    assert "<h2>数据类型不符：1 处</h2>" in html
    assert "<li>第2行第2列（人数）的值“&lt;b&gt;多&lt;/b&gt;”不是整数</li>" in html
    assert "<strong>怎么改：</strong>按数据字典填写正确类型的值" in html
    assert "<script>" not in html and "http" not in html


def test_html_report_lists_personal_information_columns(invalid_result):
    html = render_html(invalid_result)
    assert '<p class="status status-blocked" role="status">含未脱敏的个人信息，禁止发布</p>' in html
    assert "<tr><td>第3列</td><td>手机号码</td><td>1</td><td>11</td></tr>" in html


def test_valid_report(write_csv):
    result = validate(write_csv([["街道", "人数"], ["公园街道", "5"]], name="好.csv"), SCHEMA)
    assert render_text(result) == "文件：好.csv（CSV，utf-8，1 行数据）\n结论：校验通过，可以发布\n"


def test_json_report_is_the_frictionless_descriptor_and_summary_is_compact(invalid_result):
    descriptor = json.loads(render_json(invalid_result))
    assert descriptor["valid"] is False
    assert [e["type"] for e in descriptor["tasks"][0]["errors"]][:2] == ["type-error", "constraint-error"]
    assert summary(invalid_result) == {
        "status": "blocked", "rows": 10, "format": "csv", "encoding": "utf-8", "sheet": None,
        "errors": {"type-error": 7, "constraint-error": 1, "totals-row": 1, "extra-cell": 1, "personal-information": 1},
        "personal_information_columns": {"第3列": {"kinds": ["手机号码"], "rows": [11], "count": 1}}}


FRICTIONLESS_TYPES_WE_EMIT = ["type-error", "constraint-error", "unique-error", "blank-row", "extra-cell",
                              "missing-cell", "missing-label", "extra-label", "incorrect-label"]


@pytest.mark.parametrize("error_type", sorted(ERROR_CLASSES) + FRICTIONLESS_TYPES_WE_EMIT)
def test_every_error_type_has_a_chinese_title_and_fix_hint(error_type):
    assert messages.title(error_type) != error_type
    assert messages.hint(error_type) != messages.hint("no-such-type")
    assert any("\u4e00" <= char <= "\u9fff" for char in messages.title(error_type) + messages.hint(error_type))
