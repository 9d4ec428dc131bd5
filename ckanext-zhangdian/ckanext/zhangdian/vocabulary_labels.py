"""Vocabulary labels in the user's language (Chinese terms by default, English under /en/)."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from zhangdian_harvesters.vocabularies import Vocabulary


def ui_language() -> str:
    try:
        return tk.h.lang() or "zh_Hans_CN"
    except (RuntimeError, AttributeError, TypeError):  # outside a request (CLI, jobs)
        return "zh_Hans_CN"


def label(vocabulary: Vocabulary, code: str) -> str:
    if ui_language().startswith("en"):
        return vocabulary.english.get(code, vocabulary.label(code))
    return vocabulary.label(code)


def choices(vocabulary: Vocabulary) -> list[dict[str, str]]:
    """Scheming choices (value + label) for a vocabulary."""
    return [{"value": code, "label": label(vocabulary, code)} for code in vocabulary.codes]
