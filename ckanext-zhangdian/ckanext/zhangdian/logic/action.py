"""Actions of the extension (``zhangdian_<object>_<verb>``), plus the chained core actions that
keep restricted data out of every listing (see chained_actions.py)."""

from __future__ import annotations

import datetime

import ckan.model as model
import ckan.plugins.toolkit as tk

from ckanext.zhangdian import policy
from ckanext.zhangdian.logic import schema
from ckanext.zhangdian.logic.chained_actions import *  # noqa: F401,F403 (registered via __all__)
from ckanext.zhangdian.logic.chained_actions import __all__ as _chained_actions
from ckanext.zhangdian.logic.list_actions import *  # noqa: F401,F403 (registered via __all__)
from ckanext.zhangdian.logic.list_actions import __all__ as _list_actions
from ckanext.zhangdian.logic.report_actions import *  # noqa: F401,F403 (registered via __all__)
from ckanext.zhangdian.logic.report_actions import __all__ as _report_actions
from ckanext.zhangdian.model import GRANT_APPROVED, GRANT_REVOKED, AccessGrant

__all__ = [
    "zhangdian_access_grant_create",
    "zhangdian_access_grant_revoke",
    "zhangdian_access_grant_list",
    *_report_actions,
    *_list_actions,
    *_chained_actions,
]


def zhangdian_access_grant_create(context, data_dict):
    """Grant a user access to the data of a 有条件开放 (conditionally open) dataset.

    Allowed to sysadmins and to editors of the dataset's department.

    :param package_id: id or name of the dataset (its open attribute must be ``conditional``)
    :type package_id: string
    :param user_id: id or name of the user who receives access
    :type user_id: string
    :param purpose: what the data will be used for (from the approved application)
    :type purpose: string
    :param expires_at: when the grant ends (ISO 8601; optional, default: never)
    :type expires_at: string

    :returns: the grant
    :rtype: dictionary
    """
    data = schema.validated(data_dict, schema.access_grant_create_schema(), context)
    tk.check_access("zhangdian_access_grant_create", context, data)
    package = model.Package.get(data["package_id"])
    if policy.open_attribute_of(package) != policy.CONDITIONAL:
        raise tk.ValidationError({"package_id": [tk._(
            "Only conditionally open datasets take access grants.")]})
    user = model.User.get(data["user_id"])
    grant = AccessGrant(
        package_id=package.id, user_id=user.id, state=GRANT_APPROVED, purpose=data.get("purpose"),
        granted_by=context["user"], expires_at=data.get("expires_at"),
    )
    model.Session.add(grant)
    model.Session.commit()
    return grant.as_dict()


def zhangdian_access_grant_revoke(context, data_dict):
    """Revoke an access grant. The grant is kept, marked revoked, as the audit trail.

    :param id: the grant id
    :type id: string

    :returns: the revoked grant
    :rtype: dictionary
    """
    data = schema.validated(data_dict, schema.access_grant_revoke_schema(), context)
    grant = model.Session.get(AccessGrant, data["id"])
    if grant is None:
        raise tk.ObjectNotFound(tk._("Access grant not found."))
    tk.check_access("zhangdian_access_grant_revoke", context, {"package_id": grant.package_id})
    grant.state = GRANT_REVOKED
    grant.revoked_by = context["user"]
    grant.revoked_at = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    model.Session.commit()
    return grant.as_dict()


@tk.side_effect_free
def zhangdian_access_grant_list(context, data_dict):
    """List the access grants of a dataset, newest first (active and revoked).

    :param package_id: id or name of the dataset
    :type package_id: string

    :rtype: list of dictionaries
    """
    data = schema.validated(data_dict, schema.access_grant_list_schema(), context)
    tk.check_access("zhangdian_access_grant_list", context, data)
    package = model.Package.get(data["package_id"])
    grants = (model.Session.query(AccessGrant).filter_by(package_id=package.id)
              .order_by(AccessGrant.granted_at.desc()))
    return [grant.as_dict() for grant in grants]
