"""Policy rules beyond the matrix: grants, department boundaries, changes of attribute, lapsed exceptions,
and what the dataset page tells people."""

from __future__ import annotations

import datetime

import pytest
from ckan.tests import factories, helpers

from portal_fixtures import create_dataset

pytestmark = pytest.mark.usefixtures("clean_portal")

BASIS = {"exception_reason": "law", "legal_basis": "《中华人民共和国统计法》第二十五条"}
CONDITIONAL = {"open_attribute": "conditional", "open_conditions": "签署数据利用协议", **BASIS}


def _as(user):
    return {"user": user["name"], "ignore_auth": False}


def test_grant_gives_a_user_the_data_and_revoking_takes_it_back(sysadmin, department):
    dataset = create_dataset(department["editor"], department["org"]["id"], **CONDITIONAL)
    applicant = factories.User()
    assert helpers.call_action("package_show", _as(applicant), id=dataset["id"])["resources"] == []

    grant = helpers.call_action("zhangdian_access_grant_create", _as(department["editor"]),
                                package_id=dataset["name"], user_id=applicant["name"], purpose="研究")
    assert helpers.call_action("package_show", _as(applicant), id=dataset["id"])["data_access"] == "granted"

    helpers.call_action("zhangdian_access_grant_revoke", _as(department["editor"]), id=grant["id"])
    shown = helpers.call_action("package_show", _as(applicant), id=dataset["id"])
    assert shown["data_access"] == "restricted"
    grants = helpers.call_action("zhangdian_access_grant_list", _as(sysadmin), package_id=dataset["id"])
    assert [(g["state"], g["revoked_by"], g["active"]) for g in grants] == [
        ("revoked", department["editor"]["name"], False)]


def test_expired_grant_gives_no_access(department):
    dataset = create_dataset(department["editor"], department["org"]["id"], **CONDITIONAL)
    applicant = factories.User()
    helpers.call_action("zhangdian_access_grant_create", _as(department["editor"]),
                        package_id=dataset["id"], user_id=applicant["id"], expires_at="2020-01-01")

    assert helpers.call_action("package_show", _as(applicant), id=dataset["id"])["data_access"] == "restricted"


def test_only_conditionally_open_datasets_take_grants(department):
    dataset = create_dataset(department["editor"], department["org"]["id"], open_attribute="closed", **BASIS)

    with pytest.raises(helpers.logic.ValidationError) as error:
        helpers.call_action("zhangdian_access_grant_create", _as(department["editor"]),
                            package_id=dataset["id"], user_id=factories.User()["id"])
    assert "package_id" in error.value.error_dict


@pytest.mark.parametrize("action", ["zhangdian_access_grant_create", "zhangdian_access_grant_list"])
def test_editor_of_another_department_cannot_manage_grants(department, action):
    dataset = create_dataset(department["editor"], department["org"]["id"], **CONDITIONAL)
    stranger = factories.User()
    factories.Organization(users=[{"name": stranger["name"], "capacity": "editor"}])

    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_action(action, _as(stranger), package_id=dataset["id"], user_id=stranger["id"])


def test_editor_manages_only_their_own_departments_datasets(department):
    dataset = create_dataset(department["editor"], department["org"]["id"])
    other_editor = factories.User()
    other_org = factories.Organization(users=[{"name": other_editor["name"], "capacity": "editor"}])

    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_action("package_patch", _as(other_editor), id=dataset["id"], title="改")
    with pytest.raises(helpers.logic.NotAuthorized):
        create_dataset(other_editor, department["org"]["id"], name="zd-x", resource_code="370303-X-0009")
    created = create_dataset(other_editor, other_org["id"], name="zd-y", resource_code="370303-X-0010")
    assert created["organization"]["name"] == other_org["name"]


def test_closing_an_open_dataset_needs_a_basis_and_shows_in_the_activity_stream(department):
    editor = department["editor"]
    dataset = create_dataset(editor, department["org"]["id"])

    with pytest.raises(helpers.logic.ValidationError) as error:
        helpers.call_action("package_patch", _as(editor), id=dataset["id"], open_attribute="closed")
    assert set(error.value.error_dict) == {"exception_reason", "legal_basis"}

    helpers.call_action("package_patch", _as(editor), id=dataset["id"], open_attribute="closed", **BASIS)
    activities = helpers.call_action("package_activity_list", _as(editor), id=dataset["id"])
    latest = activities[0]
    assert latest["activity_type"] == "changed package"
    assert latest["user_id"] == editor["id"]
    assert latest["data"]["package"]["open_attribute"] == "closed"
    assert latest["data"]["package"]["legal_basis"] == BASIS["legal_basis"]


@pytest.mark.parametrize("attribute, review_date, lapsed", [
    ("closed", "2020-01-01", True),
    ("closed", "2999-01-01", False),
    ("conditional", "2020-01-01", True),
    ("unconditional", "2020-01-01", False),
    ("closed", None, False),
])
def test_exception_lapses_after_its_review_date(department, attribute, review_date, lapsed):
    fields = {**CONDITIONAL, "open_attribute": attribute} if attribute != "unconditional" else {}
    if review_date:
        fields["review_date"] = review_date
    dataset = create_dataset(department["editor"], department["org"]["id"], **fields)

    assert dataset["exception_lapsed"] is lapsed
    assert helpers.call_action("package_show", id=dataset["id"])["exception_lapsed"] is lapsed


def test_exception_lapsed_helper_uses_today():
    from ckanext.zhangdian.policy import exception_lapsed

    package = {"open_attribute": "closed", "review_date": "2026-06-30"}
    assert exception_lapsed(package, today=datetime.date(2026, 7, 1)) is True
    assert exception_lapsed(package, today=datetime.date(2026, 6, 30)) is False


def test_conditional_dataset_page_explains_the_basis_and_how_to_apply(app, department):
    dataset = create_dataset(department["editor"], department["org"]["id"], review_date="2020-01-01",
                             **CONDITIONAL)

    body = app.get(f"/dataset/{dataset['name']}").body

    assert 'zd-badge-conditional">有条件开放</span>' in body
    assert "签署数据利用协议" in body and BASIS["legal_basis"] in body
    assert "如何申请使用本数据" in body and "《有条件开放数据申请表》" in body
    assert "该例外已超过复审日期，正在等待重新审核。" in body
    assert "您无权查看本数据集的数据" in body


def test_closed_dataset_page_shows_the_reason_but_no_data(app, department):
    dataset = create_dataset(department["editor"], department["org"]["id"], open_attribute="closed", **BASIS)

    body = app.get(f"/dataset/{dataset['name']}").body

    assert 'zd-badge-closed">不予开放</span>' in body
    assert "法律法规" in body and BASIS["legal_basis"] in body
    assert "如何申请使用本数据" not in body
