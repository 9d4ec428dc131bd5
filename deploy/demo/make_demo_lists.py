"""Generate the demo departments' open-data lists and data files (【演示数据】, clearly fictitious).

``python deploy/demo/make_demo_lists.py OUT_DIR BASE_URL`` writes one folder per department with its
list (``清单.csv``; 统计局's as ``清单.xlsx``) and data files, for a static HTTP server at BASE_URL.
Deterministic (fixed seed), so re-running gives the same bytes and the harvest stays "unchanged".

Deliberate defects, so every report has something real to show:
- 区交通运输局: a data file that does not exist on the server (missing file);
- 区民政局: a 不予开放 row without legal basis (unbased exception);
- 区统计局: a monthly dataset last updated in 2023 (stale);
- 区市场监督管理局: a file with impossible dates and text in a number column (validation failure);
- 区卫生健康局: a file with unmasked ID numbers and mobile numbers (personal-information leak);
- 区自然资源局: a GBK-encoded file (as Shandong portal downloads are).

For the gap report it also writes ``admin/``: the district's responsibility list (责任清单.csv, with
resources some departments have not listed) and a city catalog (上级已开放目录.csv) that already opens
one of the district's resources; and 区统计局's Excel copy of 教育局's school list (repeated reporting).
"""

from __future__ import annotations

import csv
import datetime
import io
import random
import sys
from pathlib import Path

from openpyxl import Workbook

HEADERS = ["信息资源代码", "信息资源名称", "信息资源摘要", "主题分类", "关键词", "开放属性", "开放条件",
           "不予开放依据类型", "法律法规依据", "复审日期", "更新周期", "数据更新时间", "行政区划代码",
           "联系人", "联系电话", "数据量", "信息项", "数据文件", "数据格式"]
STREETS = ["车站街道", "公园街道", "湖田街道", "和平街道", "科苑街道", "体育场街道", "四宝山街道", "马尚街道",
           "南定镇", "沣水镇", "傅家镇", "中埠镇", "房镇镇"]
LABEL = "【演示数据】"

DEPARTMENTS = {
    "zd-jtysj": "张店区交通运输局",
    "zd-scjgj": "张店区市场监督管理局",
    "zd-jytyj": "张店区教育和体育局",
    "zd-wsjkj": "张店区卫生健康局",
    "zd-mzj": "张店区民政局",
    "zd-zjj": "张店区住房和城乡建设局",
    "zd-zrzyj": "张店区自然资源局",
    "zd-tjj": "张店区统计局",
}


def _row(code, title, notes, theme, keywords, frequency, updated, rows, items, data_file, fmt="CSV",
         attribute="无条件开放", conditions="", reason="", basis="", review=""):
    return {"信息资源代码": code, "信息资源名称": title, "信息资源摘要": LABEL + notes, "主题分类": theme,
            "关键词": keywords, "开放属性": attribute, "开放条件": conditions, "不予开放依据类型": reason,
            "法律法规依据": basis, "复审日期": review, "更新周期": frequency, "数据更新时间": updated,
            "行政区划代码": "370303", "联系人": "张工", "联系电话": "0533-2181234", "数据量": str(rows),
            "信息项": items, "数据文件": data_file, "数据格式": fmt}


def _csv_bytes(header: list[str], rows: list[list], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def _id_number(rng: random.Random) -> str:
    body = f"370303{rng.randint(1950, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def _department_files(rng: random.Random) -> dict[str, tuple[list[dict], dict[str, bytes]]]:
    lines = [[f"{n}路", rng.choice(STREETS), rng.choice(STREETS), f"{rng.uniform(8, 30):.1f}"] for n in range(1, 61)]
    shops = [[f"JY2370303{n:08d}", f"张店区{rng.choice(['惠民', '鲁中', '新华', '金晶'])}超市第{n}店",
              rng.choice(STREETS), f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"] for n in range(1, 81)]
    bad_shops = [list(r) for r in shops]
    bad_shops[4][3], bad_shops[9][3], bad_shops[20][3] = "2181-02-06", "2025-13-45", "长期"
    schools = [[f"张店区第{n}中学" if n % 3 else f"张店区实验小学{n}", rng.choice(STREETS),
                rng.choice(["小学", "初中", "九年一贯制"]), rng.randint(300, 2400)] for n in range(1, 41)]
    vaccinations = [[rng.choice(["王", "李", "张", "刘"]) + rng.choice(["伟", "芳", "娜", "强"]), _id_number(rng),
                     f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}", rng.choice(STREETS)]
                    for _ in range(50)]
    care_homes = [[f"张店区{rng.choice(STREETS)}养老服务中心{n}", rng.choice(STREETS), rng.randint(20, 300)]
                  for n in range(1, 31)]
    parcels = [[f"ZD{n:05d}", rng.choice(STREETS), rng.choice(["住宅用地", "工业用地", "商服用地"]),
                f"{rng.uniform(0.5, 30):.2f}"] for n in range(1, 71)]
    gdp = [[f"{year}年第{q}季度", f"{rng.uniform(180, 260):.2f}", f"{rng.uniform(3, 7):.1f}"]
           for year in (2022, 2023) for q in range(1, 5)]
    return {
        "zd-jtysj": ([
            _row("370303-JT-0001", "张店区公交线路信息", "城区公交线路编号、起讫站点和线路长度。", "交通运输", "公交，线路",
                 "每月", "2026-11-01", 60, "line|线路|字符型；start|起点|字符型；end|终点|字符型；length|线路长度|数值型|千米",
                 "bus_routes.csv"),
            _row("370303-JT-0002", "张店区公交站点位置", "公交站点名称和所在街道。", "交通运输", "公交，站点",
                 "每季度", "2026-10-01", 320, "stop|站点|字符型；street|街道|字符型", "bus_stops.csv"),
        ], {"bus_routes.csv": _csv_bytes(["line", "start", "end", "length"], lines)}),
        "zd-scjgj": ([
            _row("370303-SC-0001", "张店区食品经营许可信息", "食品经营许可证编号、经营者名称、所在街道和发证日期。",
                 "市场监督", "食品安全，行政许可", "每周", "2026-11-28", 80,
                 "licence|许可证编号|字符型；name|经营者名称|字符型；street|街道|字符型；issued|发证日期|日期型",
                 "food_licences.csv"),
        ], {"food_licences.csv": _csv_bytes(["licence", "name", "street", "issued"], bad_shops)}),
        "zd-jytyj": ([
            _row("370303-JY-0001", "张店区中小学校名录", "学校名称、所在街道、学段和在校生数。", "教育科技", "教育，学校",
                 "每年", "2026-09-01", 40, "school|学校名称|字符型；street|街道|字符型；stage|学段|字符型；students|在校生数|整数型|人",
                 "schools.csv"),
            _row("370303-JY-0002", "张店区中小学学生学籍信息", "学生姓名、学籍号、就读学校等个人信息。", "教育科技", "学籍",
                 "每年", "2026-09-01", 0, "", "", attribute="不予开放", reason="涉及敏感信息",
                 basis="《中华人民共和国个人信息保护法》第二十八条、第三十一条", review="2027-12-31"),
        ], {"schools.csv": _csv_bytes(["school", "street", "stage", "students"], schools)}),
        "zd-wsjkj": ([
            _row("370303-WS-0001", "张店区疫苗接种点服务记录", "接种人员与接种点记录（演示：未脱敏，触发个人信息拦截）。",
                 "医疗卫生", "疫苗", "每月", "2026-11-15", 50,
                 "name|姓名|字符型；id_number|身份证号|字符型；mobile|手机号|字符型；street|接种点街道|字符型",
                 "vaccinations.csv"),
        ], {"vaccinations.csv": _csv_bytes(["name", "id_number", "mobile", "street"], vaccinations)}),
        "zd-mzj": ([
            _row("370303-MZ-0001", "张店区养老服务机构名录", "养老服务机构名称、所在街道和床位数。", "社会民生", "养老",
                 "每季度", "2026-10-15", 30, "name|机构名称|字符型；street|街道|字符型；beds|床位数|整数型|张",
                 "care_homes.csv"),
            _row("370303-MZ-0002", "张店区最低生活保障对象名单", "低保对象姓名和保障金额。", "社会民生", "低保",
                 "每月", "2026-11-01", 0, "", "", attribute="不予开放"),
        ], {"care_homes.csv": _csv_bytes(["name", "street", "beds"], care_homes)}),
        "zd-zjj": ([
            _row("370303-ZJ-0001", "张店区保障性住房分配信息", "保障性住房分配对象与房源（涉及个人信息）。", "城建住房",
                 "保障房", "每季度", "2026-10-01", 0, "", "", attribute="有条件开放",
                 conditions="仅向住房保障研究机构提供，须签署数据利用协议并脱敏使用。", reason="涉及敏感信息",
                 basis="《中华人民共和国个人信息保护法》第十三条", review="2026-06-30"),
        ], {}),
        "zd-zrzyj": ([
            _row("370303-ZR-0001", "张店区国有建设用地供应信息", "宗地编号、所在街道、用途和面积。", "资源环境",
                 "土地，供地", "每月", "2026-11-20", 70,
                 "parcel|宗地编号|字符型；street|街道|字符型；use|土地用途|字符型；area|面积|数值型|公顷",
                 "land_supply_gbk.csv"),
        ], {"land_supply_gbk.csv": _csv_bytes(["parcel", "street", "use", "area"], parcels, "gbk")}),
        "zd-tjj": ([
            _row("370303-TJ-0001", "张店区地区生产总值（季度）", "按季度发布的地区生产总值及增速。", "综合政务",
                 "经济，统计", "每月", "2023-12-31", 8,
                 "period|统计期|字符型；gdp|地区生产总值|数值型|亿元；growth|增速|数值型|%", "gdp.csv"),
        ], {"gdp.csv": _csv_bytes(["period", "gdp", "growth"], gdp)}),
    }


RESPONSIBILITIES = [  # 责任部门, 信息资源名称, 信息资源代码, 责任依据
    ("张店区交通运输局", "张店区公交线路信息", "370303-JT-0001"),
    ("张店区交通运输局", "张店区出租汽车经营企业名录", "370303-JT-0003"),
    ("张店区教育和体育局", "张店区中小学校名录", "370303-JY-0001"),
    ("张店区民政局", "张店区养老服务机构名录", "370303-MZ-0001"),
    ("张店区民政局", "张店区婚姻登记机关名录", "370303-MZ-0003"),
    ("张店区市场监督管理局", "张店区食品经营许可信息", "370303-SC-0001"),
    ("张店区市场监督管理局", "张店区特种设备使用登记信息", "370303-SC-0002"),
    ("张店区统计局", "张店区地区生产总值（季度）", "370303-TJ-0001"),
]
HIGHER_LEVEL = [  # 目录层级, 目录名称, 信息资源名称, 提供部门, 信息项, 链接
    ("市级", "淄博市公共数据开放网", "淄博市养老服务机构名录", "淄博市民政局", "机构名称、地址、床位数",
     "https://data.zibo.gov.cn/"),
]


def _admin_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    basis = "《张店区公共数据开放责任清单（2026年）》【演示数据】"
    (folder / "责任清单.csv").write_bytes(_csv_bytes(
        ["责任部门", "信息资源名称", "信息资源代码", "责任依据"], [[*row, basis] for row in RESPONSIBILITIES],
        "utf-8-sig"))
    (folder / "上级已开放目录.csv").write_bytes(_csv_bytes(
        ["目录层级", "目录名称", "信息资源名称", "提供部门", "信息项", "链接"], HIGHER_LEVEL, "utf-8-sig"))


def _excel_copy(rows: list[list], path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["学校名称", "街道", "学段", "在校生数"])
    for row in rows:
        workbook.active.append(row)
    workbook.properties.created = workbook.properties.modified = datetime.datetime(2026, 1, 1)
    workbook.save(path)


def write_demo_lists(out_dir: Path) -> list[tuple[str, str]]:
    """Write every department's folder and the administrators' files; return (department, list
    file name) pairs."""
    _admin_files(out_dir / "admin")
    rng = random.Random(370303)
    lists = []
    departments = _department_files(rng)
    schools = list(csv.reader(io.StringIO(departments["zd-jytyj"][1]["schools.csv"].decode())))[1:]
    for department, (rows, files) in departments.items():
        folder = out_dir / department
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (folder / name).write_bytes(content)
        if department == "zd-tjj":
            _excel_copy(schools, folder / "schools.xlsx")
            workbook = Workbook()
            sheet = workbook.active
            sheet.title = "数据开放清单"
            sheet.append(HEADERS)
            for row in rows:
                sheet.append([row[h] for h in HEADERS])
            workbook.properties.created = workbook.properties.modified = datetime.datetime(2026, 1, 1)
            workbook.save(folder / "清单.xlsx")
            lists.append((department, "清单.xlsx"))
        else:
            (folder / "清单.csv").write_bytes(
                _csv_bytes(HEADERS, [[row[h] for h in HEADERS] for row in rows]).replace(b"\r\n", b"\n"))
            lists.append((department, "清单.csv"))
    return lists


if __name__ == "__main__":
    for department, name in write_demo_lists(Path(sys.argv[1])):
        print(f"{department}\t{name}")
