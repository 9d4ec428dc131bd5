"""Department staff register their list in the browser's forms: errors by row and column first, then a
preview, then publish — and nothing is published from a list with errors."""

from __future__ import annotations

import csv
import io
import re

import pytest
from ckan.tests import factories, helpers
from openpyxl import load_workbook

from harvest_fixtures import GOOD_DATA, HEADERS, list_row, list_server  # noqa: F401

pytestmark = pytest.mark.usefixtures("clean_portal")


def _list_bytes(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows([[row.get(h, "") for h in HEADERS] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def _post(app, url: str, user: dict, data: dict, upload: bytes | None = None):
    files = {"upload": (io.BytesIO(upload), "清单.csv")} if upload is not None else {}
    return app.post(url, headers={"Authorization": user["token"]}, data={**data, **files},
                    content_type="multipart/form-data", status=200)


def _datasets(org: dict) -> list[str]:
    result = helpers.call_action("package_search", fq=f'owner_org:"{org["id"]}"', include_private=True,
                                 context={"ignore_auth": True})
    return sorted(d["resource_code"] for d in result["results"])


def test_errors_by_row_and_column_then_preview_then_publish(app, department, list_server):
    list_server.write_file("data1.csv", GOOD_DATA)
    data_url = f"{list_server.url}/data1.csv"
    url = f"/lists/{department['org']['name']}/register"
    editor = department["editor"]

    broken = _list_bytes([list_row(1, 数据文件=data_url), list_row(2, 更新周期="每两天", 数据文件=data_url)])
    page = _post(app, url, editor, {"step": "check"}, broken)
    assert 'id="list-problems"' in page.body and "每两天" in page.body and "I3" in page.body
    assert "没有发布任何内容" in page.body and 'id="list-preview"' not in page.body
    assert _datasets(department["org"]) == []

    fixed = _list_bytes([list_row(1, 数据文件=data_url), list_row(2, 数据文件=data_url)])
    page = _post(app, url, editor, {"step": "check"}, fixed)
    assert 'id="list-problems"' not in page.body
    preview = page.body.split('id="list-preview"')[1]
    assert preview.count("新建") == 2 and "370303-hv-0002" in preview
    location = re.search(r'name="location" value="([^"]+)"', page.body).group(1)
    assert _datasets(department["org"]) == []

    page = _post(app, url, editor, {"step": "publish", "location": location, "frequency": "WEEKLY", "run": "now"})
    assert 'id="published"' in page.body and "新建 2" in page.body
    assert _datasets(department["org"]) == ["370303-hv-0001", "370303-hv-0002"]

    history = app.get(f"/lists/{department['org']['name']}", headers={"Authorization": editor["token"]},
                      status=200)
    assert "采集历史" in history.body and "新建 2" in history.body
    assert "— 已完成" in history.body and "UTC" not in history.body  # China time, state in Chinese


def test_only_the_departments_editors_may_register(app, department):
    url = f"/lists/{department['org']['name']}/register"
    app.get(url, status=403)
    outsider = factories.UserWithToken()
    app.get(url, headers={"Authorization": outsider["token"]}, status=403)
    with pytest.raises(helpers.logic.NotAuthorized):
        helpers.call_action("zhangdian_list_publish", context={"user": outsider["name"], "ignore_auth": False},
                            organization_id=department["org"]["name"], location="https://example.org/l.csv")


def test_a_location_outside_the_departments_uploads_is_refused(department):
    with pytest.raises(helpers.logic.ValidationError):
        helpers.call_action("zhangdian_list_publish", context={"user": department["editor"]["name"]},
                            organization_id=department["org"]["name"], location="/etc/passwd")


def test_template_and_guide_are_public(app):
    workbook = load_workbook(io.BytesIO(app.get("/lists/template.xlsx", status=200).get_data()))
    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet.data_validations.dataValidation
    assert app.get("/lists/template.csv", status=200).get_data().startswith("\ufeff信息资源代码".encode())
    guide = app.get("/lists/guide", status=200)
    assert "信息资源代码" in guide.body and "Table Schema" in guide.body
