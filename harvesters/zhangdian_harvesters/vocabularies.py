"""Controlled vocabularies of the catalog (../shared/reference/catalog.md §4), one source of truth.

Each vocabulary maps a stable ASCII code (stored in CKAN) to its Chinese term (shown to users), plus
the synonyms seen in real lists. The CKAN extension builds its form choices from these; the harvester
uses :func:`Vocabulary.code_for` to read what departments write.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping


def normalise_term(text: str) -> str:
    """Fold full-width forms and drop whitespace, so ``每 月`` and ``每月`` compare equal."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Vocabulary:
    """A controlled vocabulary: ``code -> Chinese label`` plus ``synonym -> code``."""

    name: str
    labels: Mapping[str, str]
    synonyms: Mapping[str, str] = field(default_factory=dict)
    english: Mapping[str, str] = field(default_factory=dict)

    def code_for(self, term: str) -> str | None:
        """The code for a label, synonym or code as written in a list; None when unknown."""
        wanted = normalise_term(term)
        if not wanted:
            return None
        for code, label in self.labels.items():
            if wanted in (normalise_term(label), code):
                return code
        for synonym, code in self.synonyms.items():
            if wanted == normalise_term(synonym):
                return code
        return None

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.labels)


def _frozen(mapping: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType(mapping)


OPEN_ATTRIBUTE = Vocabulary(
    "open_attribute",
    _frozen({"unconditional": "无条件开放", "conditional": "有条件开放", "closed": "不予开放"}),
    _frozen({
        # legacy 是否向社会开放 and other provinces' terms (catalog.md §4)
        "是": "unconditional", "否": "closed", "开放": "unconditional", "不开放": "closed",
        "普遍开放": "unconditional", "依申请开放": "conditional",
        "无条件开放类": "unconditional", "受限开放类": "conditional", "受限": "conditional",
        "禁止开放类": "closed", "禁止": "closed", "非开放": "closed",
        "无条件": "unconditional", "有条件": "conditional", "不予开放类": "closed",
        "有条件开放类": "conditional",
    }),
    _frozen({"unconditional": "Unconditionally open", "conditional": "Conditionally open",
             "closed": "Not open"}),
)
DEFAULT_OPEN_ATTRIBUTE = "unconditional"

EXCEPTION_REASON = Vocabulary(
    "exception_reason",
    _frozen({"law": "法律法规", "policy": "政策文件", "sensitive": "涉及敏感信息", "other": "其他"}),
    _frozen({"个人信息": "sensitive", "商业秘密": "sensitive", "涉及个人信息": "sensitive",
             "涉及商业秘密": "sensitive", "国家秘密": "law", "法律": "law", "法规": "law"}),
    _frozen({"law": "Laws and regulations", "policy": "Policy documents",
             "sensitive": "Sensitive information", "other": "Other"}),
)

UPDATE_FREQUENCY = Vocabulary(
    "update_frequency",
    _frozen({
        "realtime": "实时", "daily": "每日", "weekly": "每周", "monthly": "每月",
        "quarterly": "每季度", "semiannual": "每半年", "annual": "每年",
        "irregular": "不定期", "static": "不更新", "other": "其他",
    }),
    _frozen({
        "日": "daily", "每天": "daily", "天": "daily", "周": "weekly", "月": "monthly",
        "月度": "monthly", "季度": "quarterly", "每季": "quarterly", "季": "quarterly",
        "半年": "semiannual", "年度": "annual", "年": "annual", "每年度": "annual",
        "不定时": "irregular", "按需": "irregular", "静态": "static", "一次性": "static",
        "实时更新": "realtime", "每日更新": "daily", "按日": "daily",
        "每周更新": "weekly", "按周": "weekly", "每月更新": "monthly", "按月": "monthly",
        "每季度更新": "quarterly", "按季度": "quarterly", "每半年更新": "semiannual", "半年度": "semiannual",
        "每年更新": "annual", "按年": "annual", "不定期更新": "irregular",
    }),
    _frozen({
        "realtime": "Real time", "daily": "Daily", "weekly": "Weekly", "monthly": "Monthly",
        "quarterly": "Quarterly", "semiannual": "Every six months", "annual": "Annually",
        "irregular": "Irregularly", "static": "Not updated", "other": "Other",
    }),
)

THEME = Vocabulary(
    "theme",
    _frozen({
        "government": "综合政务", "science": "科技创新", "livelihood": "社会民生",
        "energy": "资源能源", "organisations": "机构团体", "employment": "社保就业",
        "environment": "资源环境", "agriculture": "农业农村", "market": "市场监督",
        "safety-supervision": "安全监管", "culture": "文化休闲", "housing": "城建住房",
        "industry": "工业制造", "work-safety": "安全生产", "transport": "交通运输",
        "education": "教育科技", "health": "医疗卫生",
    }),
    _frozen({"交通出行": "transport", "教育": "education", "卫生健康": "health",
             "医疗健康": "health", "生态环境": "environment", "市场监管": "market"}),
    _frozen({
        "government": "Government", "science": "Science and innovation",
        "livelihood": "Livelihood", "energy": "Resources and energy",
        "organisations": "Organisations", "employment": "Social security and employment",
        "environment": "Environment", "agriculture": "Agriculture", "market": "Market supervision",
        "safety-supervision": "Safety supervision", "culture": "Culture and leisure",
        "housing": "Urban construction and housing", "industry": "Industry",
        "work-safety": "Work safety", "transport": "Transport", "education": "Education",
        "health": "Health",
    }),
)

FIELD_TYPE = Vocabulary(
    "field_type",
    _frozen({
        "string": "字符型", "integer": "整数型", "number": "数值型", "date": "日期型",
        "datetime": "日期时间型", "time": "时间型", "boolean": "布尔型", "binary": "二进制",
        "any": "其他",
    }),
    _frozen({
        "数字型": "number", "小数型": "number", "高精度型": "number", "浮点型": "number",
        "时间戳型": "datetime", "文本型": "string", "字符串": "string",
        # legacy one-letter codes of the 1272 templates (catalog.md §3)
        "C": "string", "N": "number", "I": "integer", "F": "number", "D": "date",
        "T": "datetime", "L": "boolean", "B": "binary", "Y": "number", "M": "string", "G": "any",
        # short forms and database column types seen in 信息项 lists
        "字符": "string", "文本": "string", "整型": "integer", "数值": "number", "日期": "date",
        "日期时间": "datetime", "时间": "time", "布尔": "boolean", "逻辑型": "boolean",
        "VARCHAR": "string", "VARCHAR2": "string", "NVARCHAR2": "string", "CHAR": "string", "CLOB": "string",
        "TEXT": "string", "INT": "integer", "INTEGER": "integer", "BIGINT": "integer", "NUMBER": "number",
        "DECIMAL": "number", "NUMERIC": "number", "FLOAT": "number", "DOUBLE": "number", "DATE": "date",
        "DATETIME": "datetime", "TIMESTAMP": "datetime", "BOOLEAN": "boolean", "BLOB": "binary",
    }),
    _frozen({
        "string": "Text", "integer": "Integer", "number": "Number", "date": "Date",
        "datetime": "Date and time", "time": "Time", "boolean": "Boolean", "binary": "Binary",
        "any": "Other",
    }),
)

DEPARTMENT_LEVEL = Vocabulary(
    "department_level",
    _frozen({"district": "区直部门", "township": "镇街"}),
    _frozen({"街道": "township", "镇": "township", "区直": "district"}),
    _frozen({"district": "District department", "township": "Town or subdistrict"}),
)

VALIDATION_STATUS = Vocabulary(
    "validation_status",
    _frozen({"valid": "校验通过", "invalid": "校验未通过", "blocked": "含个人信息，禁止发布",
             "not_validated": "未校验"}),
    english=_frozen({"valid": "Valid", "invalid": "Invalid", "blocked": "Blocked (personal data)",
                     "not_validated": "Not validated"}),
)
