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


def load_demo_data() -> tuple[int, int]:
    """Create the demo departments that are missing; return (created, existing).

    Their datasets come from harvesting the demo lists (deploy/demo/make_demo_lists.py).
    """
    created = existing = 0
    for department in DEPARTMENTS:
        data = dict(department, level="district",
                    description=f"{DEMO_LABEL}{department['title']}（演示用部门）")
        if _ensure("organization", data):
            created += 1
        else:
            existing += 1
    return created, existing
