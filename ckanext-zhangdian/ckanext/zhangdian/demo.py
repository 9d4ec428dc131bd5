"""Demo content for ``make demo``: a few Zhangdian departments and datasets, labelled as demo data.

Loading is idempotent: departments and datasets are keyed by their URL names.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

DEMO_LABEL = "【演示数据】"

DEPARTMENTS = [
    {"name": "zd-jtysj", "title": "张店区交通运输局"},
    {"name": "zd-scjgj", "title": "张店区市场监督管理局"},
    {"name": "zd-jytyj", "title": "张店区教育和体育局"},
    {"name": "zd-tjj", "title": "张店区统计局"},
]

DATASETS = [
    {"name": "zd-bus-routes", "owner_org": "zd-jtysj", "title": "张店区公交线路信息",
     "resource_code": "370303-JT-0001", "theme": "transport", "update_frequency": "monthly",
     "notes": "张店区城区公交线路的编号、起讫站点和首末班时间。", "tags": ["公交", "交通出行"]},
    {"name": "zd-taxi-companies", "owner_org": "zd-jtysj", "title": "张店区出租汽车企业名录",
     "resource_code": "370303-JT-0002", "theme": "transport", "update_frequency": "quarterly",
     "notes": "辖区内出租汽车经营企业名称、统一社会信用代码和车辆数。", "tags": ["出租车"]},
    {"name": "zd-food-licences", "owner_org": "zd-scjgj", "title": "张店区食品经营许可信息",
     "resource_code": "370303-SC-0001", "theme": "market", "update_frequency": "weekly",
     "notes": "食品经营许可证编号、经营者名称、经营场所和有效期。", "tags": ["食品安全", "行政许可"]},
    {"name": "zd-schools", "owner_org": "zd-jytyj", "title": "张店区中小学校名录",
     "resource_code": "370303-JY-0001", "theme": "education", "update_frequency": "annual",
     "notes": "辖区中小学校名称、地址、学段和办学性质。", "tags": ["教育"]},
    {"name": "zd-student-enrolment", "owner_org": "zd-jytyj", "title": "张店区中小学学生学籍信息",
     "resource_code": "370303-JY-0002", "theme": "education", "update_frequency": "annual",
     "open_attribute": "closed", "exception_reason": "sensitive",
     "legal_basis": "《中华人民共和国个人信息保护法》第二十八条、第三十一条（不满十四周岁未成年人个人信息）",
     "review_date": "2027-12-31", "notes": "学生姓名、学籍号、就读学校等个人信息，不予开放。", "tags": ["教育"]},
    {"name": "zd-gdp-quarterly", "owner_org": "zd-tjj", "title": "张店区地区生产总值（季度）",
     "resource_code": "370303-TJ-0001", "theme": "government", "update_frequency": "quarterly",
     "notes": "按季度发布的张店区地区生产总值及增速。", "tags": ["经济", "统计"]},
    {"name": "zd-enterprise-survey", "owner_org": "zd-tjj", "title": "张店区规模以上企业经营状况调查数据",
     "resource_code": "370303-TJ-0002", "theme": "industry", "update_frequency": "annual",
     "open_attribute": "conditional", "open_conditions": "仅限科研和统计分析使用，须签署数据利用协议，不得识别单个企业。",
     "exception_reason": "law", "legal_basis": "《中华人民共和国统计法》第二十五条",
     "review_date": "2026-06-30", "notes": "规模以上工业企业营业收入、利润等调查数据。", "tags": ["统计"]},
]


def _site_context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "ignore_auth": True}


def _ensure(kind: str, data: dict[str, Any]) -> bool:
    """Create the object unless it exists; return True when it was created."""
    try:
        tk.get_action(f"{kind}_show")(_site_context(), {"id": data["name"]})
        return False
    except tk.ObjectNotFound:
        tk.get_action(f"{kind}_create")(_site_context(), data)
        return True


def load_demo_data() -> tuple[int, int]:
    """Create the demo departments and datasets that are missing; return (created, existing)."""
    created = existing = 0
    for department in DEPARTMENTS:
        data = dict(department, description=f"{DEMO_LABEL}{department['title']}（演示用部门）")
        if _ensure("organization", data):
            created += 1
        else:
            existing += 1
    for dataset in DATASETS:
        data = dict(
            dataset,
            notes=f"{DEMO_LABEL}{dataset['notes']}",
            tags=[{"name": tag} for tag in dataset["tags"]],
            license_id="cc-by",
        )
        if _ensure("package", data):
            created += 1
        else:
            existing += 1
    return created, existing
