"""The open-data policy: 开放为常态，不开放为例外 (open by default, closed by exception).

One rule set, used by the auth functions, the chained actions, the search index hook and the templates:

- 无条件开放 (``unconditional``): metadata and data are public.
- 有条件开放 (``conditional``): metadata public; data only for the owning department, sysadmins and
  users holding an active access grant.
- 不予开放 (``closed``): metadata public (what is closed, and why); data only for the owning department
  and sysadmins.

"Data" means resources: files, URLs, previews, DataStore rows and anything derived from their contents.
Their formats, sizes and dates are metadata (the gap report and the dataset page measure freshness and
metadata quality from them for every dataset).
"""

from __future__ import annotations

import datetime
from typing import Any, Mapping

import ckan.authz as authz
import ckan.model as model
import ckan.plugins.toolkit as tk
from flask import has_request_context
from zhangdian_harvesters.vocabularies import DEFAULT_OPEN_ATTRIBUTE

from ckanext.zhangdian import clock
from ckanext.zhangdian.model import AccessGrant, GRANT_APPROVED

UNCONDITIONAL = DEFAULT_OPEN_ATTRIBUTE
CONDITIONAL = "conditional"
CLOSED = "closed"
EXCEPTIONS = (CONDITIONAL, CLOSED)

# Searchable Solr fields that carry data or its location, and the stored copies of the dataset dict.
DATA_BEARING_SEARCH_FIELDS = ("res_url", "res_name", "res_description", "urls", "download_url")
DATA_BEARING_SEARCH_PREFIXES = ("res_extras_",)
STORED_DATASET_DICTS = ("data_dict", "validated_data_dict")


def open_attribute_of(package: model.Package | Mapping[str, Any]) -> str:
    """The open attribute of a package object or dict; missing means unconditionally open."""
    if isinstance(package, model.Package):
        value = package.extras.get("open_attribute")
    else:
        value = package.get("open_attribute")
        if value is None:
            value = {e.get("key"): e.get("value") for e in package.get("extras") or []}.get(
                "open_attribute")
    return value or UNCONDITIONAL


def _user(context: Mapping[str, Any]) -> model.User | None:
    user = context.get("auth_user_obj")
    if isinstance(user, model.User):
        return user
    name = context.get("user")
    return model.User.get(name) if name else None


def has_active_grant(package_id: str, user_id: str) -> bool:
    grants = model.Session.query(AccessGrant).filter_by(
        package_id=package_id, user_id=user_id, state=GRANT_APPROVED)
    return any(grant.is_active() for grant in grants)


def is_department_member(user: model.User, owner_org: str | None) -> bool:
    """Member (any capacity) of the department that owns the dataset."""
    return bool(owner_org) and authz.has_user_permission_for_group_or_org(
        owner_org, user.name, "read")


def can_access_data(context: Mapping[str, Any],
                    package: model.Package | Mapping[str, Any]) -> bool:
    """May the user of ``context`` see the data (resources) of ``package``?"""
    attribute = open_attribute_of(package)
    if attribute == UNCONDITIONAL or context.get("ignore_auth"):
        return True
    user = _user(context)
    if user is None or not user.is_active:
        return False
    if user.sysadmin:
        return True
    owner_org = package.owner_org if isinstance(package, model.Package) else package.get("owner_org")
    if is_department_member(user, owner_org):
        return True
    package_id = package.id if isinstance(package, model.Package) else package.get("id")
    return attribute == CONDITIONAL and bool(package_id) and has_active_grant(package_id, user.id)


def hide_data(package_dict: dict[str, Any]) -> dict[str, Any]:
    """Remove the data-bearing parts of a package dict, in place; keep the metadata."""
    package_dict["resources"] = []
    return package_dict


def hide_data_in_index_document(document: dict[str, Any], *,
                                including_stored_dicts: bool = True) -> dict[str, Any]:
    """Remove data-bearing keys from a Solr document, in place.

    At index time the stored dataset dicts stay (package_show reads them back as its cache and
    hides the data per user); in search results returned with ``fl`` they go too.
    """
    for key in list(document):
        if (key in DATA_BEARING_SEARCH_FIELDS or key.startswith(DATA_BEARING_SEARCH_PREFIXES)
                or (including_stored_dicts and key in STORED_DATASET_DICTS)):
            del document[key]
    return document


def exception_lapsed(package: Mapping[str, Any], today: datetime.date | None = None) -> bool:
    """True when an exception (有条件/不予开放) has passed its re-review date (复审日期)."""
    if open_attribute_of(package) not in EXCEPTIONS:
        return False
    review = package.get("review_date")
    if not review:
        return False
    try:
        review_date = datetime.date.fromisoformat(str(review)[:10])
    except ValueError:
        return False
    return review_date < (today or clock.today())


def apply_to_dataset_dict(context: Mapping[str, Any], package_dict: dict[str, Any]) -> None:
    """Add the computed policy fields to a dataset dict and hide its data if the user may not see it.

    ``data_access`` is ``granted`` or ``restricted``; ``exception_lapsed`` see :func:`exception_lapsed`.
    """
    package_dict["open_attribute"] = open_attribute_of(package_dict)
    package_dict["exception_lapsed"] = exception_lapsed(package_dict)
    granted = can_access_data(context, package_dict)
    package_dict["data_access"] = "granted" if granted else "restricted"
    if not granted:
        hide_data(package_dict)


def viewer_context(context: Mapping[str, Any]) -> Mapping[str, Any]:
    """Whose eyes a result is for. Core helpers fetch page content with ``ignore_auth`` and no user
    (e.g. featured organizations on the home page): then it is the web request's user."""
    if not context.get("ignore_auth") or context.get("user") or not has_request_context():
        return context
    return current_context()


def current_context() -> dict[str, Any]:
    """A context for the logged-in user of the current web request (templates, views)."""
    return {"user": tk.current_user.name if tk.current_user.is_authenticated else "",
            "auth_user_obj": tk.current_user if tk.current_user.is_authenticated else None}


def current_user_may(action: str, data_dict: Mapping[str, Any]) -> bool:
    """Does the current web request's user pass ``action``'s auth function for ``data_dict``?"""
    try:
        tk.check_access(action, current_context(), dict(data_dict))
    except tk.NotAuthorized:
        return False
    return True
