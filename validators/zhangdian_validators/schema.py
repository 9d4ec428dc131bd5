"""Table Schemas and the compiled per-field cell checkers the streaming engine runs.

A cell checker takes the raw text of a cell and returns ``(value, problem)``: the normalised text
for the published CSV, and ``None`` or ``(error_type, note)``. Types and constraints follow the
Frictionless Table Schema; ``date`` fields also accept the usual Chinese formats (2021年8月27日,
2021/8/27, 20210827, 2021年第二季度) and normalise them to ISO dates.

Chinese identifier checks are chosen per field by the custom property ``cnFormat``
(``resident-id``, ``credit-code``, ``division-code``, ``mobile``) or, when absent, from the field's
title (身份证, 信用代码, 区划代码, 手机). ``masked: true`` declares a column as masked personal data.

:func:`schema_from_fields` builds a Table Schema from a department's data dictionary (信息项: name,
title, data type, description, unit), mapping the Chinese data types of the catalog templates
(字符型, 数字型/整数型/小数型/高精度型, 日期型, 日期时间型, 时间型, 时间戳型, 布尔型, 二进制, 其他), the
legacy letter codes (C N I F Y D T L B M G) and common database column types.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from zhangdian_validators import chinese
from zhangdian_validators import messages as M
from zhangdian_validators.errors import SchemaError

TYPES = ("string", "integer", "number", "boolean", "date", "datetime", "time", "year", "any")
CN_FORMATS = ("resident-id", "credit-code", "division-code", "mobile")
_TITLE_HINTS = (("身份证", "resident-id"), ("信用代码", "credit-code"), ("区划代码", "division-code"),
                ("手机", "mobile"))
_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_TRUE = frozenset({"true", "True", "TRUE", "1"})
_FALSE = frozenset({"false", "False", "FALSE", "0"})
_SPECIAL_NUMBERS = frozenset({"NaN", "nan", "INF", "inf", "-INF", "-inf", "Infinity", "-Infinity"})
Problem = tuple[str, str] | None
CellChecker = Callable[[str], tuple[str, Problem]]


DATA_TYPES = {
    "字符型": "string", "字符串": "string", "字符": "string", "文本型": "string", "文本": "string",
    "数字型": "number", "数值型": "number", "数值": "number", "小数型": "number", "高精度型": "number",
    "浮点型": "number", "整数型": "integer", "整型": "integer", "整数": "integer",
    "日期型": "date", "日期": "date", "日期时间型": "datetime", "日期时间": "datetime", "时间戳型": "datetime",
    "时间戳": "datetime", "时间型": "time", "时间": "time", "布尔型": "boolean", "逻辑型": "boolean",
    "布尔": "boolean", "二进制": "binary", "二进制型": "binary", "其他": "any", "其它": "any", "其他类型": "any",
    # legacy one-letter codes of the 1272 catalog templates (catalog.md §3)
    "C": "string", "N": "number", "I": "integer", "F": "number", "Y": "number", "D": "date", "T": "datetime",
    "L": "boolean", "B": "binary", "M": "string", "G": "any",
    # database column types seen in 信息项 lists
    "VARCHAR": "string", "VARCHAR2": "string", "NVARCHAR": "string", "CHAR": "string", "TEXT": "string",
    "CLOB": "string", "INT": "integer", "INTEGER": "integer", "BIGINT": "integer", "SMALLINT": "integer",
    "NUMBER": "number", "NUMERIC": "number", "DECIMAL": "number", "FLOAT": "number", "DOUBLE": "number",
    "DATE": "date", "DATETIME": "datetime", "TIMESTAMP": "datetime", "TIME": "time", "BOOLEAN": "boolean",
    "BOOL": "boolean", "BLOB": "binary",
    **{name: name for name in TYPES},
}
_TYPE_SIZE = re.compile(r"\s*[（(][^）)]*[）)]\s*$")
FIELD_KEYS = {  # data-dictionary column → field property (English keys first, then the template's)
    "name": ("name", "信息项技术名称", "英文名称", "字段名", "字段名称", "信息项名称", "数据项名称"),
    "title": ("title", "信息项业务名称", "中文名称", "信息项中文名称"),
    "type": ("type", "数据类型", "信息项数据类型", "字段类型"),
    "description": ("description", "信息项描述", "描述", "说明"),
    "unit": ("unit", "计量单位", "单位"),
    "masked": ("masked", "是否脱敏", "已脱敏"),
    "required": ("required", "是否必填", "必填"),
    "length": ("maxLength", "数据长度", "长度"),
}
_YES = frozenset({True, "是", "Y", "y", "yes", "true", "True", "1"})


def load_schema(schema: str | Path | dict | list | None) -> dict | None:
    """A Table Schema dict from a dict, a JSON file path (schema.json), a data dictionary (a list of
    信息项, see :func:`schema_from_fields`), or None."""
    if schema is None or isinstance(schema, dict):
        descriptor = schema
    elif isinstance(schema, list):
        descriptor = schema_from_fields(schema)
    else:
        try:
            descriptor = json.loads(Path(schema).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SchemaError(M.SCHEMA_UNREADABLE.format(reason=error), M.HINT_SCHEMA_FILE) from error
        if isinstance(descriptor, list):
            descriptor = schema_from_fields(descriptor)
    if descriptor is not None:
        fields = descriptor.get("fields") if isinstance(descriptor, dict) else None
        if not isinstance(fields, list) or not all(isinstance(f, dict) and f.get("name") for f in fields):
            raise SchemaError(M.SCHEMA_WITHOUT_FIELDS, M.HINT_CHECK_SCHEMA)
        for field in fields:
            if field.get("type", "string") not in TYPES:
                raise SchemaError(M.SCHEMA_BAD_TYPE.format(name=field["name"], type=field.get("type")),
                                  M.HINT_SCHEMA_TYPES.format(types=M.LIST_SEPARATOR.join(TYPES)))
    return descriptor


def table_type(data_type: str | None) -> str | None:
    """The Table Schema type of a data-dictionary data type (字符型, N, VARCHAR(50) …; binary is
    kept as ``binary`` for the caller), or None when it is not recognised. Empty means string."""
    text = _TYPE_SIZE.sub("", str(data_type or "").strip())
    if not text:
        return "string"
    return DATA_TYPES.get(text) or DATA_TYPES.get(text.upper())


def _first(item: Mapping[str, Any], key: str) -> Any:
    return next((item[k] for k in FIELD_KEYS[key] if item.get(k) not in (None, "")), None)


def _dictionary_entry(item: Any) -> dict[str, Any] | None:
    """A data-dictionary row with its keys cleaned of the templates' required-marks (``*数据类型``)."""
    if not isinstance(item, Mapping):
        return None
    return {str(key).strip().lstrip("*＊").strip(): value for key, value in item.items()}


def schema_from_fields(fields: Iterable[Mapping[str, Any]]) -> dict:
    """A Table Schema from a department's data dictionary: one mapping per 信息项 with name, title,
    type, description and unit (English keys as the portal stores them, or the template's Chinese
    column names 信息项名称/数据类型/信息项描述/计量单位). The unit goes into the description, as the
    portal shows it; ``masked``/``required`` (或 是否脱敏/是否必填 = 是) are kept, and a 数据长度 of a
    字符型 item becomes ``maxLength``."""
    return {"fields": [_field(_dictionary_entry(item), number) for number, item in enumerate(fields, start=1)]}


def _field(item: dict[str, Any] | None, number: int) -> dict[str, Any]:
    """The Table Schema field of data-dictionary entry ``number``."""
    name = _first(item, "name") if item is not None else None
    if name is None:
        raise SchemaError(M.FIELD_LIST_WITHOUT_NAME.format(number=number), M.HINT_FIELD_LIST)
    field_type = table_type(_first(item, "type"))
    if field_type is None:
        raise SchemaError(M.FIELD_LIST_BAD_TYPE.format(name=name, type=_first(item, "type")),
                          M.HINT_FIELD_LIST_TYPES)
    field: dict[str, Any] = ({"name": str(name), "type": "string", "format": "binary"} if field_type == "binary"
                             else {"name": str(name), "type": field_type})
    title = _first(item, "title")
    if title is not None and str(title) != str(name):
        field["title"] = str(title)
    description, unit = _first(item, "description"), _first(item, "unit")
    if unit is not None:
        unit_text = M.UNIT_NOTE.format(unit=unit)
        description = M.UNIT_IN_DESCRIPTION.format(description=description, unit=unit_text) if description \
            else unit_text
    if description is not None:
        field["description"] = str(description)
    if _first(item, "masked") in _YES:
        field["masked"] = True
    constraints = {}
    if _first(item, "required") in _YES:
        constraints["required"] = True
    length = str(_first(item, "length") or "")
    if field_type == "string" and length.isdigit():
        constraints["maxLength"] = int(length)
    if constraints:
        field["constraints"] = constraints
    return field


def cn_format(field: dict) -> str | None:
    declared = field.get("cnFormat")
    if declared in CN_FORMATS:
        return declared
    title = f"{field.get('title', '')}{field.get('name', '')}"
    return next((fmt for hint, fmt in _TITLE_HINTS if hint in title), None)


def _integer(value: str) -> str:
    if _INTEGER.match(value):
        return value
    raise ValueError


def _number(value: str) -> str:
    if _NUMBER.match(value) or value in _SPECIAL_NUMBERS:
        return value
    raise ValueError


def _boolean(value: str) -> str:
    if value in _TRUE:
        return "true"
    if value in _FALSE:
        return "false"
    raise ValueError


def _date(value: str) -> str:
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return datetime.date.fromisoformat(value).isoformat()
    parsed = chinese.parse_chinese_date(value)
    if parsed is None:
        raise ValueError
    return parsed.isoformat()


def _datetime(value: str) -> str:
    try:
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        parsed = chinese.parse_chinese_datetime(value)
        if parsed is None:
            raise
        return parsed.isoformat()


def _time(value: str) -> str:
    return datetime.time.fromisoformat(value).isoformat()


def _year(value: str) -> str:
    if len(value) == 4 and value.isdigit():
        return value
    raise ValueError


PARSERS: dict[str, Callable[[str], str] | None] = {
    "string": None, "any": None, "integer": _integer, "number": _number, "boolean": _boolean, "date": _date,
    "datetime": _datetime, "time": _time, "year": _year}
_ORDERED = {"integer": int, "number": float, "year": int}


def _constraint_checks(field_type: str, constraints: dict) -> list[Callable[[str, str], str | None]]:
    """One function per declared constraint: (raw value, normalised value) → frictionless note or None."""
    checks = []
    if "enum" in constraints:
        allowed = frozenset(map(str, constraints["enum"]))
        note = f'constraint "enum" is "{sorted(allowed)}"'
        checks.append(lambda raw, out: None if raw in allowed else note)
    if "pattern" in constraints:
        pattern = re.compile(constraints["pattern"])
        note = f'constraint "pattern" is "{pattern.pattern}"'
        checks.append(lambda raw, out: None if pattern.fullmatch(raw) else note)
    for name, bad in (("minLength", lambda length, bound: length < bound),
                      ("maxLength", lambda length, bound: length > bound)):
        if name in constraints:
            bound, note = constraints[name], f'constraint "{name}" is "{constraints[name]}"'
            checks.append(lambda raw, out, bound=bound, note=note, bad=bad: note if bad(len(raw), bound) else None)
    convert = _ORDERED.get(field_type, str)
    for name, bad in (("minimum", lambda value, bound: value < bound),
                      ("maximum", lambda value, bound: value > bound)):
        if name in constraints:
            bound, note = convert(constraints[name]), f'constraint "{name}" is "{constraints[name]}"'
            checks.append(lambda raw, out, bound=bound, note=note, bad=bad: note if bad(convert(out), bound) else None)
    return checks


@dataclass
class FieldRule:
    """Everything checked on one column. ``check`` is None when any text is valid as it is."""

    name: str
    field_type: str
    required: bool
    unique: bool
    masked: bool
    cn_format: str | None
    check: CellChecker | None


def compile_field(field: dict, missing_values: frozenset[str]) -> FieldRule:
    field_type = field.get("type", "string")
    constraints = field.get("constraints") or {}
    parse = PARSERS[field_type]
    required = bool(constraints.get("required"))
    checks = _constraint_checks(field_type, constraints)
    type_note = f'type is "{field_type}/default"'
    dated = field_type in ("date", "datetime")
    required_problem = ("constraint-error", 'constraint "required" is "True"')

    def check(value: str) -> tuple[str, Problem]:
        if value in missing_values:
            return (value, required_problem) if required else ("", None)
        if parse is None:
            normalised = value
        else:
            try:
                normalised = parse(value)
            except ValueError:
                if dated and chinese.is_period_without_year(value):
                    return value, ("cn-period-without-year", M.PERIOD_NOTE)
                return value, ("type-error", type_note)
        for constraint in checks:
            note = constraint(value, normalised)
            if note:
                return normalised, ("constraint-error", note)
        return normalised, None

    trivial = parse is None and not checks and not required and missing_values == frozenset({""})
    return FieldRule(field["name"], field_type, required, bool(constraints.get("unique")),
                     bool(field.get("masked")), cn_format(field), None if trivial else check)


def compile_schema(descriptor: dict) -> list[FieldRule]:
    """The per-field checkers of a loaded schema; unusable constraints (a broken regular expression,
    a minimum that is not a number) are a :class:`SchemaError`."""
    missing = frozenset(descriptor.get("missingValues", [""]))
    try:
        return [compile_field(field, missing) for field in descriptor["fields"]]
    except (ValueError, TypeError, re.error) as error:
        raise SchemaError(M.SCHEMA_UNREADABLE.format(reason=error), M.HINT_CHECK_SCHEMA) from error
