"""Validators named in the scheming YAML (``zhangdian_*``), exported through ``tk.blanket.validators``.

Cross-field rules read the flattened ``data`` directly: CKAN runs field validators in key order, so
they must not assume ``open_attribute`` has already been defaulted.
"""

from __future__ import annotations

import re
from typing import Any

import ckan.model as model
import ckan.plugins.toolkit as tk
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidLength
from zhangdian_harvesters.vocabularies import DEFAULT_OPEN_ATTRIBUTE, OPEN_ATTRIBUTE

from ckanext.zhangdian import vocabulary_labels
from ckanext.zhangdian.policy import CONDITIONAL, EXCEPTIONS

__all__ = [
    "zhangdian_default_open_attribute",
    "zhangdian_required_when_conditional",
    "zhangdian_required_for_exception",
    "zhangdian_resource_code",
    "zhangdian_resource_code_unique",
    "zhangdian_default_area_code",
    "zhangdian_division_code",
    "zhangdian_not_before_temporal_start",
    "zhangdian_phone_number",
    "zhangdian_credit_code",
    "zhangdian_finding_kind",
    "zhangdian_catalog_level",
]

Missing = tk.missing
DIVISION_CODE = re.compile(r"^\d{6}(\d{3}(\d{3})?)?$")
PHONE_NUMBER = re.compile(r"^(\+?86[- ]?)?1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$")


def _is_empty(value: Any) -> bool:
    return value is Missing or value is None or (isinstance(value, str) and not value.strip())


def _open_attribute(data: dict) -> str:
    value = data.get(("open_attribute",))
    return DEFAULT_OPEN_ATTRIBUTE if _is_empty(value) else value


def _fail(key, errors, message: str):
    errors[key].append(message)
    raise tk.StopOnError


def zhangdian_default_open_attribute(key, data, errors, context):
    """No open attribute given → 无条件开放 (open by default)."""
    if _is_empty(data.get(key)):
        data[key] = DEFAULT_OPEN_ATTRIBUTE


def zhangdian_required_when_conditional(key, data, errors, context):
    """开放条件 is required when the open attribute is 有条件开放."""
    if _open_attribute(data) == CONDITIONAL and _is_empty(data.get(key)):
        _fail(key, errors, tk._(
            'Required when the open attribute is "{attribute}": state the open conditions.'
        ).format(attribute=vocabulary_labels.label(OPEN_ATTRIBUTE, CONDITIONAL)))


_EXCEPTION_MESSAGES = {
    "exception_reason": 'Required when the open attribute is "{attribute}": choose the reason category.',
    "legal_basis": 'Required when the open attribute is "{attribute}": cite the law or regulation and '
                   "its article.",
}


def zhangdian_required_for_exception(key, data, errors, context):
    """Reason category and legal basis are required for 有条件开放 and 不予开放."""
    attribute = _open_attribute(data)
    if attribute in EXCEPTIONS and _is_empty(data.get(key)):
        _fail(key, errors, tk._(_EXCEPTION_MESSAGES[key[-1]]).format(
            attribute=vocabulary_labels.label(OPEN_ATTRIBUTE, attribute)))


def zhangdian_resource_code(value: Any, context) -> Any:
    """信息资源代码 must match ``ckanext.zhangdian.resource_code_pattern``."""
    pattern = tk.config.get("ckanext.zhangdian.resource_code_pattern")
    if not re.fullmatch(pattern, value):
        raise tk.Invalid(tk._(
            "Invalid resource code {code}: use 4 to 64 letters, digits, '-', '/' or '.'."
        ).format(code=value))
    return value


def zhangdian_resource_code_unique(key, data, errors, context):
    """信息资源代码 is unique within the portal (among datasets that are not deleted)."""
    code = data.get(key)
    if _is_empty(code):
        return
    package_id = data.get(("id",))
    query = (
        model.Session.query(model.Package.name, model.Package.title)
        .filter(model.Package.extras["resource_code"].astext == code,
                model.Package.state != "deleted")
    )
    if not _is_empty(package_id):
        query = query.filter(model.Package.id != package_id)
    existing = query.first()
    if existing is not None:
        _fail(key, errors, tk._('Resource code {code} is already used by the dataset "{title}".')
              .format(code=code, title=existing.title or existing.name))


def zhangdian_default_area_code(key, data, errors, context):
    """Spatial coverage defaults to the portal's area (``ckanext.zhangdian.area_code``)."""
    if _is_empty(data.get(key)):
        data[key] = tk.config.get("ckanext.zhangdian.area_code")


def zhangdian_division_code(value: Any, context) -> Any:
    """GB/T 2260 division code: 6 digits (county), 9 (township) or 12 (village)."""
    if not DIVISION_CODE.match(str(value)):
        raise tk.Invalid(tk._(
            "Invalid administrative division code {code}: use 6, 9 or 12 digits, e.g. 370303."
        ).format(code=value))
    return value


def zhangdian_not_before_temporal_start(key, data, errors, context):
    """The end of the temporal coverage is not before its start."""
    start, end = data.get(("temporal_start",)), data.get(key)
    if not _is_empty(start) and not _is_empty(end) and str(end) < str(start):
        _fail(key, errors, tk._("The end of the temporal coverage is before its start."))


def zhangdian_phone_number(value: Any, context) -> Any:
    """A mobile number or a landline with area code (e.g. 0533-2181234)."""
    if not PHONE_NUMBER.match(value.replace(" ", "")):
        raise tk.Invalid(tk._(
            "Invalid phone number {number}: use a mobile number (13800000000) or a landline with "
            "its area code (0533-2181234)."
        ).format(number=value))
    return value


def zhangdian_credit_code(value: Any, context) -> Any:
    """统一社会信用代码 (GB 32100), checksum-validated by python-stdnum."""
    try:
        return uscc.validate(value)
    except InvalidChecksum:
        message = tk._("Invalid unified social credit code {code}: the check character is wrong.")
    except InvalidLength:
        message = tk._("Invalid unified social credit code {code}: it must have 18 characters.")
    except ValueError:
        message = tk._("Invalid unified social credit code {code}: it contains characters that "
                       "are not allowed.")
    raise tk.Invalid(message.format(code=value))


def zhangdian_finding_kind(value: Any, context) -> Any:
    """A finding kind code of the gap report (``missing_from_list`` … ``repeated_reporting``)."""
    from ckanext.zhangdian.reports.findings import KIND_BY_CODE

    if value not in KIND_BY_CODE:
        raise tk.Invalid(tk._("Unknown finding kind {kind}; use one of: {kinds}").format(
            kind=value, kinds=", ".join(KIND_BY_CODE)))
    return value


def zhangdian_catalog_level(value: Any, context) -> Any:
    """The level of a higher-level catalog: ``city``, ``province`` or ``national`` (or 市级/省级/国家级)."""
    from ckanext.zhangdian.reports.importing import LEVELS

    if value not in LEVELS:
        raise tk.Invalid(tk._("The catalog level must be city, province or national (市级、省级、国家级)."))
    return LEVELS[value]
