"""Template helpers (exported through ``tk.blanket.helpers``; each name starts with ``zhangdian_``)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from zhangdian_harvesters import vocabularies as vocab

from ckanext.zhangdian import dataset_helpers, policy, portal_helpers, vocabulary_labels
from ckanext.zhangdian.dataset_helpers import *  # noqa: F401,F403 (re-exported via __all__)
from ckanext.zhangdian.portal_helpers import *  # noqa: F401,F403 (re-exported via __all__)

__all__ = [
    "zhangdian_area_code",
    "zhangdian_theme_choices",
    "zhangdian_open_attribute_choices",
    "zhangdian_exception_reason_choices",
    "zhangdian_update_frequency_choices",
    "zhangdian_field_type_choices",
    "zhangdian_department_level_choices",
    "zhangdian_validation_status_choices",
    "zhangdian_open_attribute_label",
    "zhangdian_can_access_data",
    "zhangdian_exception_lapsed",
    "zhangdian_access_application_contact",
    *dataset_helpers.__all__,
    *portal_helpers.__all__,
]


def zhangdian_area_code() -> str:
    """The portal's GB/T 2260 area code (``ckanext.zhangdian.area_code``), e.g. ``370303``."""
    return tk.config.get("ckanext.zhangdian.area_code")


def zhangdian_theme_choices(field: Any = None) -> list[dict[str, str]]:
    """Scheming choices for 主题分类."""
    return vocabulary_labels.choices(vocab.THEME)


def zhangdian_open_attribute_choices(field: Any = None) -> list[dict[str, str]]:
    """Scheming choices for 开放属性."""
    return vocabulary_labels.choices(vocab.OPEN_ATTRIBUTE)


def zhangdian_exception_reason_choices(field: Any = None) -> list[dict[str, str]]:
    """Scheming choices for 不开放（有条件开放）依据类型."""
    return vocabulary_labels.choices(vocab.EXCEPTION_REASON)


def zhangdian_update_frequency_choices(field: Any = None) -> list[dict[str, str]]:
    """Scheming choices for 更新周期."""
    return vocabulary_labels.choices(vocab.UPDATE_FREQUENCY)


def zhangdian_field_type_choices(field: Any = None) -> list[dict[str, str]]:
    """Scheming choices for the data type of a 信息项."""
    return vocabulary_labels.choices(vocab.FIELD_TYPE)


def zhangdian_department_level_choices(field: Any = None) -> list[dict[str, str]]:
    """Scheming choices for a department's level (区直部门/镇街)."""
    return vocabulary_labels.choices(vocab.DEPARTMENT_LEVEL)


def zhangdian_validation_status_choices(field: Any = None) -> list[dict[str, str]]:
    """Scheming choices for a resource's validation status."""
    return vocabulary_labels.choices(vocab.VALIDATION_STATUS)


def zhangdian_open_attribute_label(package: dict[str, Any]) -> str:
    """The dataset's open attribute in the user's language (e.g. 不予开放)."""
    return vocabulary_labels.label(vocab.OPEN_ATTRIBUTE, policy.open_attribute_of(package))


def zhangdian_can_access_data(package: dict[str, Any]) -> bool:
    """May the current user see the dataset's data (resources, downloads, previews)?"""
    return policy.can_access_data(policy.current_context(), package)


def zhangdian_exception_lapsed(package: dict[str, Any]) -> bool:
    """Has the dataset's exception (有条件/不予开放) passed its re-review date?"""
    return policy.exception_lapsed(package)


def zhangdian_access_application_contact() -> str:
    """Where users apply for conditionally open data (``ckanext.zhangdian.access_application_contact``)."""
    return tk.config.get("ckanext.zhangdian.access_application_contact")
