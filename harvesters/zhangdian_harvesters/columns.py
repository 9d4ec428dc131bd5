"""The columns of a 数据开放清单 and the ONE synonym table that maps the headers seen in real lists onto them.

Every header a list may use is listed here exactly once:

- :data:`RESOURCE_COLUMNS` — the resource-level columns the harvester uses (our template's columns, in
  template order, then a few more that real lists carry);
- :data:`ITEM_COLUMNS` — 信息项 (field) columns, for the 1272 layout with one row per 信息项 and for a
  separate 信息项 sheet;
- :data:`KNOWN_EXTRA_COLUMNS` — columns of real templates that are recognised and kept in
  ``ListRecord.extras`` but not published.

Anything else is an *unknown* column: kept in ``extras`` and reported as a finding, never dropped silently.
``docs/harvesters.md`` embeds :func:`synonym_table_markdown` (a test keeps the two in step) and
``list_schema.json`` is :func:`build_list_schema` (same).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from zhangdian_harvesters.vocabularies import (
    EXCEPTION_REASON,
    FIELD_TYPE,
    OPEN_ATTRIBUTE,
    THEME,
    UPDATE_FREQUENCY,
    Vocabulary,
)

LIST_SCHEMA_PATH = Path(__file__).with_name("list_schema.json")

RESOURCE, ITEM, EXTRA = "resource", "item", "extra"


@dataclass(frozen=True)
class Column:
    """One column of a list: ``key`` (record attribute), ``label`` (our header) and its synonyms."""

    key: str
    label: str
    synonyms: tuple[str, ...] = ()
    level: str = RESOURCE
    kind: str = "string"  # string | date | integer | phone | email | division | items | vocabulary
    vocabulary: Vocabulary | None = None
    required: bool = False
    in_template: bool = False
    description: str = ""
    example: str = ""

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


def _col(key, label, synonyms="", **kwargs) -> Column:
    return Column(key, label, tuple(synonyms.split()), **kwargs)


RESOURCE_COLUMNS: tuple[Column, ...] = (
    _col("code", "信息资源代码", "资源代码 目录代码 目录编码 资源编码 信息资源编码 数据目录代码 数据目录编码 "
         "目录编号 资源编号 catalog_id", required=True, in_template=True,
         description="在本清单和平台内唯一；字母、数字、“-”“/”“.”组成，4～64 位（1272号：分类码+顺序码）。",
         example="370303-JT-0001"),
    _col("title", "信息资源名称", "资源名称 数据资源目录名称 数据目录名称 目录名称 数据资源名称 数据集名称 "
         "信息资源目录名称 catalog_name", required=True, in_template=True,
         description="在本清单中不得重复（忽略标点、空格和全角/半角差异）。", example="张店区公交线路信息"),
    _col("notes", "信息资源摘要", "摘要 资源摘要 数据资源目录描述 目录描述 资源描述 信息资源描述 数据摘要 "
         "数据描述 简介 description", in_template=True,
         description="说明数据的内容、口径和用途。", example="张店区城市公交线路名称、起止站点、首末班时间。"),
    _col("theme", "主题分类", "重点领域 领域 所属领域 主题 数据领域 开放主题 行业分类 domain", kind="vocabulary",
         vocabulary=THEME, in_template=True, description="必填，从下拉列表选择。", example="交通运输"),
    _col("keywords", "关键词", "关键字 标签 tags keywords", in_template=True,
         description="多个关键词用“，”“、”或“;”分隔；每个 2～100 个字。", example="公交，线路"),
    _col("open_attribute", "开放属性", "开放类型 开放类别 开放属性分类", kind="vocabulary",
         vocabulary=OPEN_ATTRIBUTE, in_template=True,
         description="不填视为无条件开放（以开放为原则，不开放为例外）。", example="无条件开放"),
    _col("open_conditions", "开放条件", "开放要求", in_template=True,
         description="有条件开放时必填：申请人须满足的条件。"),
    _col("exception_reason", "不予开放依据类型", "不开放依据类型 不予开放理由类型 不予开放原因 例外依据类型 "
         "依据类型", kind="vocabulary", vocabulary=EXCEPTION_REASON, in_template=True,
         description="有条件开放、不予开放时必填。"),
    _col("legal_basis", "法律法规依据", "不予开放依据 不开放依据 开放依据 法律依据 法规依据 政策依据",
         in_template=True, description="有条件开放、不予开放时必填：法律、法规、规章名称及条款。"),
    _col("review_date", "复审日期", "复核日期 下次复审日期", kind="date", in_template=True,
         description="不予开放（有条件开放）例外的复审日期。"),
    _col("update_frequency", "更新周期", "更新频率 更新频次 更新频度", kind="vocabulary",
         vocabulary=UPDATE_FREQUENCY, in_template=True, description="必填，从下拉列表选择。",
         example="每月"),
    _col("data_updated", "数据更新时间", "更新时间 最近更新时间 最后更新时间 数据更新日期 updated_at",
         kind="date", in_template=True, example="2025-06-30"),
    _col("spatial_code", "行政区划代码", "区划代码 地理空间范围 空间范围代码 地域范围代码 行政区划",
         kind="division", in_template=True,
         description="6、9 或 12 位统计用区划代码；不填为 370303（张店区）。", example="370303"),
    _col("temporal_start", "数据时间范围（起）", "时间范围起 数据起始时间 数据开始时间 起始时间 开始时间",
         kind="date", in_template=True, example="2020-01-01"),
    _col("temporal_end", "数据时间范围（止）", "时间范围止 数据截止时间 数据结束时间 截止时间 结束时间",
         kind="date", in_template=True, example="2025-06-30"),
    _col("issued", "发布日期", "发布时间 开放日期 首次发布日期 published_at", kind="date", in_template=True,
         example="2025-07-01"),
    _col("contact_name", "联系人", "联系人姓名 数据联系人", in_template=True, example="王某"),
    _col("contact_phone", "联系电话", "联系方式 电话 手机 联系人电话", kind="phone", in_template=True,
         description="手机号（13800000000）或带区号的固定电话（0533-2181234）。", example="0533-2181234"),
    _col("contact_email", "联系邮箱", "邮箱 电子邮箱 电子邮件 email", kind="email", in_template=True,
         example="zdjt@zibo.gov.cn"),
    _col("row_count", "数据量", "数据量（条） 数据条数 记录数 数据记录数 条数 record_count", kind="integer",
         in_template=True, description="数据条数，非负整数。", example="128"),
    _col("info_items", "信息项", "信息项列表 数据项 字段列表", kind="items", in_template=True,
         description="每个信息项写作“字段名|中文名称|数据类型|计量单位|说明”，多个信息项用“；”分隔。",
         example="line_name|线路名称|字符型；length|线路长度|数值型|千米"),
    _col("data_file", "数据文件", "数据文件地址 数据文件路径 文件地址 文件路径 下载地址 数据地址 资源地址 "
         "download_url", in_template=True,
         description="http(s) 地址，或相对于清单文件所在目录的路径。", example="data/bus_routes.csv"),
    _col("data_format", "数据格式", "文件格式 开放格式 格式 open_formats", in_template=True,
         description="如 CSV、XLSX、JSON；多个用“;”分隔。", example="CSV"),
    # Not in our template, but used when a list has them.
    _col("legacy_open", "是否向社会开放", "是否开放 是否对社会开放 是否向社会公开",
         description="旧清单的“是/否”：是→无条件开放（填了开放条件则为有条件开放），否→不予开放。"),
    _col("temporal_range", "数据时间范围", "时间范围",
         description="“起-止”写在一格，如 2025/04/27-2026/01/01；只填起始时间表示至今。"),
    _col("provider", "信息资源提供方", "提供方 来源部门 数据资源来源部门 提供部门 数据提供方 数据提供部门 "
         "责任部门 所属部门 source_department"),
    _col("provider_code", "提供方代码", "信息资源提供方代码 提供方统一社会信用代码 部门代码"),
    _col("share_attribute", "共享属性", "共享类型"),
    _col("source_url", "来源地址", "来源链接 原始地址 页面地址 source_url"),
)

ITEM_COLUMNS: tuple[Column, ...] = (
    _col("item_name", "字段名", "信息项技术名称 字段英文名 字段英文名称 英文名称 字段代码 字段标识 field_name",
         level=ITEM),
    _col("item_title", "中文名称", "信息项名称 信息项业务名称 信息项中文名称 字段中文名 字段中文名称 中文名 "
         "数据项名称", level=ITEM),
    _col("item_type", "数据类型", "字段类型 信息项类型 信息项数据类型", level=ITEM, kind="vocabulary",
         vocabulary=FIELD_TYPE),
    _col("item_description", "信息项描述", "字段描述 字段说明 信息项说明", level=ITEM),
    _col("item_unit", "计量单位", "单位", level=ITEM),
    _col("item_open_attribute", "信息项开放属性", "字段开放属性", level=ITEM, kind="vocabulary",
         vocabulary=OPEN_ATTRIBUTE),
)

# Recognised columns of real templates that the portal does not publish (kept in ListRecord.extras).
KNOWN_EXTRA_COLUMNS: tuple[Column, ...] = tuple(
    _col(f"extra:{label}", label, synonyms, level=EXTRA)
    for label, synonyms in (
        ("信息资源格式", "资源格式"), ("信息资源分类", "资源分类 资源属性分类一"),
        ("资源属性分类二", ""), ("资源属性分类三", ""), ("目录提供方", "编目部门"),
        ("共享条件", "共享条件/不予共享依据 不予共享依据"), ("共享方式", ""), ("关联资源代码", ""),
        ("挂接资源名称", ""), ("所属信息系统", ""), ("所属业务对象", ""), ("应用场景分类", ""),
        ("数据所属事项", ""), ("空间范围", ""), ("数据分级", ""), ("数据同步机制", ""), ("同步频率", ""),
        ("数据是否存在物理删除", ""), ("是否上线到超市", "是否上线到服务超市"),
        # 信息项 details of the 1272 templates, recognised but not stored
        ("数据长度", "字段长度"), ("关联数据标准", ""), ("关联码表", ""), ("数据值域", "值域"),
        ("敏感属性", ""), ("涉密属性", ""), ("是否时间戳", ""), ("是否主键", "主键"),
        ("信息项共享属性", "字段共享属性"),
    )
)

ALL_COLUMNS: tuple[Column, ...] = RESOURCE_COLUMNS + ITEM_COLUMNS + KNOWN_EXTRA_COLUMNS
TEMPLATE_COLUMNS: tuple[Column, ...] = tuple(c for c in RESOURCE_COLUMNS if c.in_template)
COLUMNS_BY_KEY = {column.key: column for column in ALL_COLUMNS}
REQUIRED_KEYS = tuple(c.key for c in RESOURCE_COLUMNS if c.required)
ITEM_KEYS = frozenset(c.key for c in ITEM_COLUMNS)
# In a separate 信息项 sheet these resource headers describe the 信息项, not the resource.
ITEM_SHEET_OVERRIDES = {"open_attribute": "item_open_attribute", "share_attribute": "extra:信息项共享属性"}

_REQUIRED_MARKS = re.compile(r"^[*＊]+|[*＊]+$|\((必填|选填|可选|非必填)\)$")


def normalise_header(text: object) -> str:
    """Fold a header for matching: NFKC (full-width → half-width), no spaces, no ``*`` marks, lower case."""
    folded = "".join(unicodedata.normalize("NFKC", str(text or "")).split()).lower()
    previous = None
    while previous != folded:
        previous, folded = folded, _REQUIRED_MARKS.sub("", folded).rstrip(":")
    return folded


def _build_index() -> dict[str, Column]:
    index: dict[str, Column] = {}
    for column in ALL_COLUMNS:
        for header in column.headers:
            key = normalise_header(header)
            if key in index and index[key] is not column:
                raise ValueError(f"header {header!r} is a synonym of two columns")
            index[key] = column
    return index


_INDEX = _build_index()


def match_header(text: object) -> Column | None:
    """The column a header means, or None when it is unknown."""
    return _INDEX.get(normalise_header(text))


def build_list_schema() -> dict:
    """The Frictionless Table Schema of our list template (written to ``list_schema.json``)."""
    fields = []
    for column in TEMPLATE_COLUMNS:
        field: dict = {"name": column.label, "type": "string", "description": column.description}
        constraints: dict = {}
        if column.required:
            constraints.update(required=True, unique=True)
        if column.key == "code":
            constraints["pattern"] = "[0-9A-Za-z][0-9A-Za-z./-]{3,63}"
        elif column.kind == "vocabulary":
            constraints["enum"] = list(column.vocabulary.labels.values())
        elif column.kind == "date":
            field["type"] = "date"
        elif column.kind == "integer":
            field["type"] = "integer"
            constraints["minimum"] = 0
        elif column.kind == "division":
            constraints["pattern"] = r"\d{6}(\d{3}(\d{3})?)?"
        elif column.kind == "phone":
            constraints["pattern"] = r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}"
        elif column.kind == "email":
            field["format"] = "email"
        if constraints:
            field["constraints"] = constraints
        if column.example:
            field["example"] = column.example
        fields.append({k: v for k, v in field.items() if v != ""})
    return {
        "title": "张店区数据开放清单",
        "description": "一行一个信息资源。列名的同义词见 docs/harvesters.md；"
                       "以 # 开头的行（如 #示例）为注释行，导入时忽略。",
        "fields": fields,
        "primaryKey": ["信息资源代码"],
        "missingValues": [""],
    }


def list_schema_json() -> str:
    return json.dumps(build_list_schema(), ensure_ascii=False, indent=2) + "\n"


def synonym_table_markdown() -> str:
    """The synonym table as Markdown, embedded in docs/harvesters.md."""
    lines = ["| 标准列名 | 级别 | 字段 | 也接受的列名 |", "|---|---|---|---|"]
    levels = {RESOURCE: "信息资源", ITEM: "信息项", EXTRA: "保留（不发布）"}
    for column in ALL_COLUMNS:
        synonyms = "、".join(column.synonyms) or "—"
        key = "—" if column.level == EXTRA else f"`{column.key}`"
        lines.append(f"| {column.label} | {levels[column.level]} | {key} | {synonyms} |")
    return "\n".join(lines) + "\n"


def labels_of(keys: Iterable[str]) -> list[str]:
    return [COLUMNS_BY_KEY[key].label for key in keys]


if __name__ == "__main__":  # regenerate list_schema.json
    LIST_SCHEMA_PATH.write_text(list_schema_json(), encoding="utf-8")
