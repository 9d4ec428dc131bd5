"""Valid list rows to start tests from (imported by the tests of this folder)."""

from __future__ import annotations

from zhangdian_harvesters.columns import TEMPLATE_COLUMNS

HEADERS = [column.label for column in TEMPLATE_COLUMNS]

VALID_ROW = {
    "信息资源代码": "370303-jt-0001",
    "信息资源名称": "张店区公交线路信息",
    "信息资源摘要": "公交线路名称、起止站点。",
    "主题分类": "交通运输",
    "关键词": "公交，线路",
    "更新周期": "每月",
    "数据更新时间": "2025-06-30",
    "行政区划代码": "370303",
    "联系人": "王某",
    "联系电话": "0533-2181234",
    "联系邮箱": "zdjt@zibo.gov.cn",
    "数据量": "128",
    "信息项": "line_name|线路名称|字符型；length|线路长度|数值型|千米",
    "数据文件": "data/bus_routes.csv",
    "数据格式": "CSV",
}


def row(number: int = 1, **changes: str) -> dict[str, str]:
    """A valid list row with a distinct code and name, plus ``changes`` (keys are headers)."""
    values = dict(VALID_ROW, 信息资源代码=f"370303-jt-{number:04d}", 信息资源名称=f"张店区公交线路信息{number}")
    values.update(changes)
    return values


def as_table(rows: list[dict[str, str]], headers: list[str] | None = None) -> list[list[str]]:
    headers = headers or HEADERS
    return [headers] + [[r.get(h, "") for h in headers] for r in rows]
