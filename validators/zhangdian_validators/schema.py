"""Table Schemas and the compiled per-field cell checkers the streaming engine runs.

A cell checker takes the raw text of a cell and returns ``(value, problem)``: the normalised text
for the published CSV, and ``None`` or ``(error_type, note)``. Types and constraints follow the
Frictionless Table Schema; ``date`` fields also accept the usual Chinese formats (2021年8月27日,
2021/8/27, 20210827, 2021年第二季度) and normalise them to ISO dates.

Chinese identifier checks are chosen per field by the custom property ``cnFormat``
(``resident-id``, ``credit-code``, ``division-code``, ``mobile``) or, when absent, from the field's
title (身份证, 信用代码, 区划代码, 手机). ``masked: true`` declares a column as masked personal data.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable

from zhangdian_validators import chinese
from zhangdian_validators.errors import SchemaError

TYPES = ("string", "integer", "number", "boolean", "date", "datetime", "time", "year", "any")
CN_FORMATS = ("resident-id", "credit-code", "division-code", "mobile")
_TITLE_HINTS = (("身份证", "resident-id"), ("信用代码", "credit-code"), ("区划代码", "division-code"),
                ("手机", "mobile"))
_INTEGER = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_TRUE = {"true", "True", "TRUE", "1"}
_FALSE = {"false", "False", "FALSE", "0"}
Problem = tuple[str, str] | None
CellChecker = Callable[[str], tuple[str, Problem]]


def load_schema(schema: str | Path | dict | None) -> dict | None:
    """A Table Schema dict from a dict, a JSON file path, or None."""
    if schema is None or isinstance(schema, dict):
        descriptor = schema
    else:
        try:
            descriptor = json.loads(Path(schema).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SchemaError(f"无法读取 Table Schema：{error}", "请提供有效的 schema.json。") from error
    if descriptor is not None:
        fields = descriptor.get("fields")
        if not isinstance(fields, list) or not all(isinstance(f, dict) and f.get("name") for f in fields):
            raise SchemaError("Table Schema 须有 fields 列表，每个字段都有 name", "请检查 schema.json。")
        for field in fields:
            if field.get("type", "string") not in TYPES:
                raise SchemaError(f"字段“{field['name']}”的类型“{field.get('type')}”不受支持",
                                  f"可用类型：{'、'.join(TYPES)}。")
    return descriptor


def cn_format(field: dict) -> str | None:
    declared = field.get("cnFormat")
    if declared in CN_FORMATS:
        return declared
    title = f"{field.get('title', '')}{field.get('name', '')}"
    return next((fmt for hint, fmt in _TITLE_HINTS if hint in title), None)


def _type_parser(field_type: str) -> Callable[[str], Any]:
    """Returns a function giving (normalised text) or raising ValueError."""
    if field_type == "integer":
        return lambda v: v if _INTEGER.match(v) else _raise()
    if field_type == "number":
        return lambda v: v if _NUMBER.match(v) or v in ("NaN", "INF", "-INF") else _raise()
    if field_type == "boolean":
        return lambda v: "true" if v in _TRUE else ("false" if v in _FALSE else _raise())
    if field_type == "date":
        return _date
    if field_type == "datetime":
        return lambda v: datetime.datetime.fromisoformat(v.replace("Z", "+00:00")).isoformat()
    if field_type == "time":
        return lambda v: datetime.time.fromisoformat(v).isoformat()
    if field_type == "year":
        return lambda v: v if re.fullmatch(r"\d{4}", v) else _raise()
    return lambda v: v


def _raise():
    raise ValueError


def _date(value: str) -> str:
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return datetime.date.fromisoformat(value).isoformat()
    parsed = chinese.parse_chinese_date(value)
    if parsed is None:
        raise ValueError
    return parsed.isoformat()


def _comparable(field_type: str, value: str):
    if field_type in ("integer", "number"):
        return Decimal(value)
    return value


@dataclass
class FieldRule:
    """Everything checked on one column."""

    name: str
    field_type: str
    required: bool
    unique: bool
    masked: bool
    cn_format: str | None
    check: CellChecker


def compile_field(field: dict, missing_values: set[str]) -> FieldRule:
    field_type = field.get("type", "string")
    constraints = field.get("constraints") or {}
    parse = _type_parser(field_type)
    required = bool(constraints.get("required"))
    enum = set(map(str, constraints["enum"])) if "enum" in constraints else None
    pattern = re.compile(constraints["pattern"]) if "pattern" in constraints else None
    minimum, maximum = constraints.get("minimum"), constraints.get("maximum")
    min_length, max_length = constraints.get("minLength"), constraints.get("maxLength")
    bounds = [(bound, op, name) for bound, op, name in (
        (minimum, lambda a, b: a >= b, "minimum"), (maximum, lambda a, b: a <= b, "maximum")) if bound is not None]

    def check(value: str) -> tuple[str, Problem]:
        if value in missing_values:
            if required:
                return value, ("constraint-error", 'constraint "required" is "True"')
            return "", None
        try:
            normalised = parse(value)
        except (ValueError, InvalidOperation):
            return value, ("type-error", f'type is "{field_type}/default"')
        if enum is not None and value not in enum:
            return normalised, ("constraint-error", f'constraint "enum" is "{sorted(enum)}"')
        if pattern is not None and not pattern.fullmatch(value):
            return normalised, ("constraint-error", f'constraint "pattern" is "{pattern.pattern}"')
        if min_length is not None and len(value) < min_length:
            return normalised, ("constraint-error", f'constraint "minLength" is "{min_length}"')
        if max_length is not None and len(value) > max_length:
            return normalised, ("constraint-error", f'constraint "maxLength" is "{max_length}"')
        for bound, within, name in bounds:
            if not within(_comparable(field_type, normalised), _comparable(field_type, str(bound))):
                return normalised, ("constraint-error", f'constraint "{name}" is "{bound}"')
        return normalised, None

    return FieldRule(field["name"], field_type, required, bool(constraints.get("unique")),
                     bool(field.get("masked")), cn_format(field), check)


def compile_schema(descriptor: dict) -> list[FieldRule]:
    missing = set(descriptor.get("missingValues", [""]))
    return [compile_field(field, missing) for field in descriptor["fields"]]
