"""The authorization matrix: who sees the data of 无条件/有条件/不予开放 datasets, on every access path.

Roles × open attribute × access path, each cell computed through the real web app and API (files
uploaded to storage, rows in the DataStore) and compared with the policy. Metadata must be public in
every cell; data only where the policy allows. The whole matrix is printed.
"""

from __future__ import annotations

import io
import itertools
from typing import Callable

import openpyxl
import pytest
from ckan.tests import factories, helpers

from portal_fixtures import create_dataset

pytestmark = pytest.mark.usefixtures("clean_portal")

FILE_NAME = "lines.csv"
FILE_CONTENT = "线路,首站\n1路,火车站\n"
ROLES = ("anonymous", "public user", "other department editor", "owning department editor",
         "sysadmin", "user with approved grant")
ATTRIBUTES = ("unconditional", "conditional", "closed")
EXCEPTION_BASIS = {"exception_reason": "sensitive", "legal_basis": "《中华人民共和国个人信息保护法》第二十八条",
                   "open_conditions": "仅用于交通规划研究，签署数据利用协议。", "review_date": "2027-12-31"}

# The policy, written out: which roles may see the data, per open attribute.
MAY_SEE_DATA = {
    "unconditional": set(ROLES),
    "conditional": {"owning department editor", "sysadmin", "user with approved grant"},
    "closed": {"owning department editor", "sysadmin"},
}


@pytest.fixture
def world(sysadmin, department, create_with_upload):
    other_department = factories.Organization(
        users=[{"name": (other_editor := factories.UserWithToken())["name"], "capacity": "editor"}])
    grantee = factories.UserWithToken()
    tokens = {
        "anonymous": None,
        "public user": factories.UserWithToken()["token"],
        "other department editor": other_editor["token"],
        "owning department editor": department["editor"]["token"],
        "sysadmin": sysadmin["token"],
        "user with approved grant": grantee["token"],
    }
    datasets = {}
    for number, attribute in enumerate(ATTRIBUTES):
        basis = EXCEPTION_BASIS if attribute != "unconditional" else {}
        dataset = create_dataset(department["editor"], department["org"]["id"],
                                 name=f"zd-matrix-{attribute}", resource_code=f"370303-MX-000{number}",
                                 open_attribute=attribute, **basis)
        resource = create_with_upload(FILE_CONTENT, FILE_NAME, package_id=dataset["id"],
                                      name="线路表", format="CSV", context={"user": sysadmin["name"]})
        helpers.call_action("datastore_create", context={"user": sysadmin["name"]},
                            resource_id=resource["id"], force=True,
                            fields=[{"id": "线路", "type": "text"}], records=[{"线路": "1路"}])
        datasets[attribute] = (dataset, resource)
    helpers.call_action("zhangdian_access_grant_create", context={"user": sysadmin["name"]},
                        package_id=datasets["conditional"][0]["id"], user_id=grantee["id"],
                        purpose="交通规划研究")
    assert other_department["id"] != department["org"]["id"]
    return tokens, datasets


def _get(app, url, token, **params):
    headers = {"Authorization": token} if token else {}
    return app.get(url, headers=headers, query_string=params)


def _api(app, action, token, **params):
    return _get(app, f"/api/3/action/{action}", token, **params)


def _data_in_package_show(app, token, dataset, resource):
    response = _api(app, "package_show", token, id=dataset["id"])
    assert response.status_code == 200, "metadata must stay public"
    result = response.json["result"]
    assert result["title"] == dataset["title"] and result["open_attribute"] == dataset["open_attribute"]
    return bool(result["resources"])


def _allowed(response, data_check: Callable[[], bool] | None = None) -> bool:
    """200 with the data, or a refusal (403/404); a 200 without the data is neither and fails."""
    assert response.status_code in (200, 403, 404), response.status_code
    if response.status_code != 200:
        return False
    assert data_check is None or data_check(), f"200 without the data: {response.data[:200]!r}"
    return True


def _data_in_resource_show(app, token, dataset, resource):
    response = _api(app, "resource_show", token, id=resource["id"])
    return _allowed(response, lambda: response.json["result"]["url"].endswith(FILE_NAME))


def _data_in_package_search(app, token, dataset, resource):
    response = _api(app, "package_search", token, fq=f"name:{dataset['name']}")
    results = response.json["result"]["results"]
    assert [r["name"] for r in results] == [dataset["name"]], "metadata must stay listed"
    return bool(results[0]["resources"])


def _data_in_package_search_raw_fields(app, token, dataset, resource):
    response = _api(app, "package_search", token, fq=f"name:{dataset['name']}",
                    fl="name,res_url,data_dict,validated_data_dict")
    (item,) = response.json["result"]["results"]
    return bool({"res_url", "data_dict", "validated_data_dict"} & set(item))


def _data_in_package_search_with_extras_fields(app, token, dataset, resource):
    response = _api(app, "package_search", token, fq=f"name:{dataset['name']}",
                    fl="extras_open_attribute,validated_data_dict,data_dict")
    (item,) = response.json["result"]["results"]
    return "validated_data_dict" in item or "data_dict" in item


def _data_on_dataset_page(app, token, dataset, resource):
    response = _get(app, f"/dataset/{dataset['name']}", token)
    assert response.status_code == 200, "the dataset page is public"
    page = response.get_data(as_text=True)
    assert dataset["title"] in page, "metadata must stay public"
    return any(marker in page for marker in (resource["id"], FILE_NAME, "/as/csv"))


def _data_on_resource_page(app, token, dataset, resource):
    response = _get(app, f"/dataset/{dataset['name']}/resource/{resource['id']}", token)
    return _allowed(response, lambda: FILE_NAME in response.body)


def _data_in_file_download(app, token, dataset, resource):
    response = _get(app, f"/dataset/{dataset['id']}/resource/{resource['id']}/download/{FILE_NAME}",
                    token)
    return _allowed(response, lambda: response.data.decode("utf-8") == FILE_CONTENT)


def _data_in_converted_downloads(app, token, dataset, resource):
    """CSV (with BOM), XLSX and JSON made from the file: all three allowed, or none."""
    url = f"/dataset/{dataset['name']}/resource/{resource['id']}/as/"
    as_csv, as_xlsx, as_json = (_get(app, url + fmt, token) for fmt in ("csv", "xlsx", "json"))
    allowed = {
        _allowed(as_csv, lambda: as_csv.data.decode("utf-8") == "\ufeff" + FILE_CONTENT),
        _allowed(as_xlsx, lambda: _xlsx_rows(as_xlsx.data) == [["线路", "首站"], ["1路", "火车站"]]),
        _allowed(as_json, lambda: as_json.json == [{"线路": "1路", "首站": "火车站"}]),
    }
    assert len(allowed) == 1, "the three formats must follow one policy"
    return allowed.pop()


def _xlsx_rows(content: bytes) -> list[list[str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _data_in_datastore_search(app, token, dataset, resource):
    response = _api(app, "datastore_search", token, resource_id=resource["id"])
    return _allowed(response, lambda: response.json["result"]["records"][0]["线路"] == "1路")


def _data_in_activity_stream(app, token, dataset, resource):
    response = _api(app, "package_activity_list", token, id=dataset["id"])
    assert response.status_code == 200, "the activity stream is public"
    return any(activity["data"]["package"].get("resources") for activity in response.json["result"])


PATHS = {
    "package_show": _data_in_package_show,
    "resource_show": _data_in_resource_show,
    "package_search": _data_in_package_search,
    "package_search fl=": _data_in_package_search_raw_fields,
    "fl=extras_…": _data_in_package_search_with_extras_fields,
    "dataset page": _data_on_dataset_page,
    "resource page": _data_on_resource_page,
    "file download": _data_in_file_download,
    "CSV/XLSX/JSON download": _data_in_converted_downloads,
    "datastore_search": _data_in_datastore_search,
    "activity stream": _data_in_activity_stream,
}


def test_authorization_matrix_has_no_leak_and_no_wrongful_denial(app, world):
    tokens, datasets = world
    rows, wrong = [], []
    for attribute, role in itertools.product(ATTRIBUTES, ROLES):
        expected = role in MAY_SEE_DATA[attribute]
        cells = []
        for path, sees_data in PATHS.items():
            actual = sees_data(app, tokens[role], *datasets[attribute])
            cells.append("data" if actual else "—")
            if actual != expected:
                wrong.append(f"{attribute} / {role} / {path}: {'LEAK' if actual else 'denied'}")
        rows.append(f"{attribute:<13} {role:<26} " + " ".join(f"{c:<{len(p)}}" for c, p in zip(cells, PATHS)))
    header = f"{'attribute':<13} {'role':<26} " + " ".join(PATHS)
    print("\n" + "\n".join([header, *rows]))

    assert len(rows) * len(PATHS) == 3 * 6 * 11
    assert wrong == []


def test_search_field_aliases_are_refused(app):
    response = _api(app, "package_search", None, fl="x:validated_data_dict id")

    assert response.status_code == 409
    assert response.json["error"]["fl"] == ["fl 参数只能是字段名。"]
