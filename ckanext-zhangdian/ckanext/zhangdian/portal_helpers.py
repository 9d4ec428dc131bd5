"""Template helpers of the portal pages (re-exported by ``helpers.py``; names start with ``zhangdian_``):
the home page's figures, the search facets in the user's language and a department's indicators.

Datasets and the report are read through actions as the current user, so the pages show what the API
gives them; only the list of departments (public) and the download counts come from the model.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable

import ckan.model as model
import ckan.plugins.toolkit as tk
from zhangdian_harvesters import vocabularies as vocab

from ckanext.zhangdian import policy, vocabulary_labels
from ckanext.zhangdian.dataset_helpers import zhangdian_total_downloads as total_downloads

__all__ = [
    "zhangdian_portal_summary",
    "zhangdian_facet_label_function",
    "zhangdian_facets_with_labels",
    "zhangdian_department_report",
    "zhangdian_harvest_status_label",
]

# ckanext-harvest's job states, as department staff read them.
HARVEST_STATUS_LABELS = {"New": "Queued", "Running": "Harvesting", "Finished": "Finished", "Aborted": "Aborted"}
# Index fields that hold vocabulary codes (plugin.FACETED_FIELDS), with their vocabularies.
FACET_VOCABULARIES = {"theme": vocab.THEME, "open_attribute": vocab.OPEN_ATTRIBUTE,
                      "update_frequency": vocab.UPDATE_FREQUENCY}


def facet_titles(with_department: bool = True) -> OrderedDict[str, str]:
    """The catalog's search facets (index field -> title in the user's language), in display order.

    Used by the plugin's ``IFacets``; a department's page leaves out the department facet.
    """
    titles = OrderedDict([
        ("organization", tk._("Department")),
        ("theme", tk._("Theme")),
        ("open_attribute", tk._("Open attribute")),
        ("res_format", tk._("Format")),
        ("update_frequency", tk._("Update frequency")),
        ("tags", tk._("Keywords")),
    ])
    if not with_department:
        del titles["organization"]
    return titles


def _facet_counts(search_facets: dict, field: str) -> dict[str, int]:
    return {item["name"]: item["count"] for item in search_facets.get(field, {}).get("items", [])}


def zhangdian_portal_summary() -> dict[str, Any]:
    """The home page's figures, as the current user may see them.

    ``datasets`` (count), ``departments`` (name, title, datasets, url; most datasets first, every active
    department listed), ``themes`` (code, label, datasets, url; only themes with datasets), the district's
    ``open_rate`` and ``on_time_rate`` from the gap report (None when not measurable), its ``report_date``,
    and ``downloads`` (of data files, all formats).
    """
    context = policy.current_context()
    search = tk.get_action("package_search")(dict(context), {
        "q": "", "fq": "+dataset_type:dataset", "rows": 0,
        "facet.field": ["organization", "theme"], "facet.limit": -1})
    by_department = _facet_counts(search["search_facets"], "organization")
    organizations = model.Session.query(model.Group.name, model.Group.title).filter_by(
        is_organization=True, state="active").all()
    departments = sorted(
        ({"name": name, "title": title or name, "datasets": by_department.get(name, 0),
          "url": tk.h.url_for("organization.read", id=name)}
         for name, title in organizations),
        key=lambda department: (-department["datasets"], department["title"]))
    by_theme = _facet_counts(search["search_facets"], "theme")
    themes = sorted(
        ({"code": code, "label": vocabulary_labels.label(vocab.THEME, code), "datasets": count,
          "url": tk.h.url_for("dataset.search", theme=code)}
         for code, count in by_theme.items()),
        key=lambda theme: (-theme["datasets"], theme["label"]))
    report = tk.get_action("zhangdian_gap_report_show")(dict(context), {})
    return {
        "datasets": search["count"],
        "departments": departments,
        "themes": themes,
        "open_rate": report["overall"]["open_rate"],
        "on_time_rate": report["overall"]["on_time_rate"],
        "report_date": report["date"],
        "downloads": total_downloads(),
    }


def zhangdian_facet_label_function(name: str) -> Callable[[dict], str] | None:
    """For ``snippets/facet_list.html``: a function giving a facet item's label in the user's language
    (the vocabulary term, e.g. 交通运输 for ``transport``); None for facets whose names are labels."""
    vocabulary = FACET_VOCABULARIES.get(name)
    if vocabulary is None:
        return None
    return lambda item: vocabulary_labels.label(vocabulary, item["name"])


def zhangdian_facets_with_labels(facets: dict | None) -> dict | None:
    """For ``snippets/search_form.html``: its ``facets`` with ``translated_fields`` for the applied
    vocabulary filters, so their pills read 交通运输 rather than ``transport``."""
    if not facets or not facets.get("fields"):
        return facets
    translated = dict(facets.get("translated_fields") or {})
    for field, values in facets["fields"].items():
        vocabulary = FACET_VOCABULARIES.get(field)
        if vocabulary is not None:
            translated.update({(field, value): vocabulary_labels.label(vocabulary, value) for value in values})
    return {**facets, "translated_fields": translated}


def zhangdian_department_report(name: str) -> dict[str, Any] | None:
    """A department's part of the gap report, for its page: ``department`` (rank, indicators with finding
    counts), ``report`` (date, department_count, finding_kinds), ``may_see_findings`` (its members and
    sysadmins may open its findings) and ``may_manage_list`` (its editors may register its list).
    None if the report does not know the department."""
    context = policy.current_context()
    try:
        report = tk.get_action("zhangdian_gap_report_show")(dict(context), {"department": name})
    except tk.ObjectNotFound:
        return None
    if not report["departments"]:
        return None
    department = report["departments"][0]
    return {"report": report, "department": department,
            "may_see_findings": policy.current_user_may("zhangdian_gap_finding_list",
                                                        {"department": department["name"]}),
            "may_manage_list": policy.current_user_may("zhangdian_list_check",
                                                       {"organization_id": department["name"]})}


def zhangdian_harvest_status_label(status: str) -> str:
    """A harvest job's state (``New``, ``Running``, ``Finished``, ``Aborted``) in the user's language."""
    label = HARVEST_STATUS_LABELS.get(status)
    return tk._(label) if label else status
