"""Demo content for ``make demo``: the Zhangdian departments, labelled as demo data.

Loading is idempotent: departments and datasets are keyed by their URL names.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

DEMO_LABEL = "【演示数据】"

DEPARTMENTS = [
    {"name": "zd-jtysj", "title": "张店区交通运输局", "short_name": "区交通运输局"},
    {"name": "zd-scjgj", "title": "张店区市场监督管理局", "short_name": "区市场监管局"},
    {"name": "zd-jytyj", "title": "张店区教育和体育局", "short_name": "区教育和体育局"},
    {"name": "zd-wsjkj", "title": "张店区卫生健康局", "short_name": "区卫生健康局"},
    {"name": "zd-mzj", "title": "张店区民政局", "short_name": "区民政局"},
    {"name": "zd-zjj", "title": "张店区住房和城乡建设局", "short_name": "区住房和城乡建设局"},
    {"name": "zd-zrzyj", "title": "张店区自然资源局", "short_name": "区自然资源局"},
    {"name": "zd-tjj", "title": "张店区统计局", "short_name": "区统计局"},
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


def _catalogued_by_hand(lists_url: str) -> list[dict[str, Any]]:
    """Datasets departments entered in the web form instead of their lists — with the defects such
    entries tend to have, so the gap report has them to show: a scanned PDF behind a dead link, an
    Excel-only copy of another department's resource."""
    return [
        {"name": "zd-370303-zj-0009", "title": "张店区城市更新规划图集", "owner_org": "zd-zjj",
         "resource_code": "370303-ZJ-0009", "theme": "housing", "update_frequency": "annual",
         "notes": f"{DEMO_LABEL}城市更新片区规划图（扫描件）。",
         "resources": [{"name": "规划图集（PDF）", "format": "PDF",
                        "url": f"{lists_url}/zd-zjj/城市更新规划图集.pdf"}]},
        {"name": "zd-370303-tj-0005", "title": "张店区中小学校名录", "owner_org": "zd-tjj",
         "resource_code": "370303-TJ-0005", "theme": "education", "update_frequency": "annual",
         "data_updated": "2026-09-01", "notes": f"{DEMO_LABEL}统计局为统计年鉴整理的学校名录。",
         "resources": [{"name": "学校名录（XLSX）", "format": "XLSX", "url": f"{lists_url}/zd-tjj/schools.xlsx"}]},
    ]


def load_demo_data(lists_url: str) -> tuple[int, int]:
    """Create the demo departments and hand-catalogued datasets that are missing; return (created,
    existing). Most datasets come from harvesting the demo lists (deploy/demo/make_demo_lists.py)."""
    created = existing = 0
    objects = [("organization", dict(department, level="district",
                                     description=f"{DEMO_LABEL}{department['title']}（演示用部门）"))
               for department in DEPARTMENTS]
    objects += [("package", dataset) for dataset in _catalogued_by_hand(lists_url)]
    for kind, data in objects:
        if _ensure(kind, data):
            created += 1
        else:
            existing += 1
    return created, existing
