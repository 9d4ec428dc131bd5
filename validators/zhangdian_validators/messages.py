"""Chinese titles and fix hints for every error type the reports show (frictionless types included).

User-facing text lives here only, so it can be reviewed and translated in one place.
"""

from __future__ import annotations

TITLES = {
    "type-error": "数据类型不符", "constraint-error": "不满足约束", "unique-error": "值重复",
    "blank-row": "空行", "extra-cell": "多余的单元格", "missing-cell": "缺少单元格",
    "missing-label": "缺少列", "extra-label": "多余的列", "incorrect-label": "列名或列顺序不符",
    "blank-label": "列名为空", "duplicate-label": "列名重复",
    "cn-resident-id": "身份证号无效", "cn-credit-code": "统一社会信用代码无效",
    "cn-division-code": "行政区划代码无效", "cn-mobile": "手机号码无效", "cn-impossible-year": "年份不合理",
    "personal-information": "含未脱敏的个人信息", "totals-row": "合计行", "title-row": "表头上方的标题行",
    "junk-row": "无效行（全为 0 或占位符）", "formula-injection": "单元格含公式",
}

HINTS = {
    "type-error": "按数据字典填写正确类型的值：数值列只写数字（不带单位），日期写成 2021-08-27 等格式。",
    "constraint-error": "按数据字典的要求修改：必填列不能为空，取值须在允许范围或列表内。",
    "unique-error": "该列的值必须唯一：删除重复行或改正编号。",
    "blank-row": "删除空行。",
    "extra-cell": "该行的单元格比表头多：检查是否有多余的逗号或合并单元格。",
    "missing-cell": "该行的单元格比表头少：补全缺少的值。",
    "missing-label": "按数据字典补充缺少的列。",
    "extra-label": "删除数据字典中没有的列，或先在数据字典（信息项）中登记它。",
    "incorrect-label": "列名须与数据字典一致，且按数据字典的顺序排列。",
    "blank-label": "为每一列填写列名。",
    "duplicate-label": "每列的列名必须不同。",
    "cn-resident-id": "核对身份证号（18 位，校验位正确，出生日期真实）。",
    "cn-credit-code": "核对统一社会信用代码（18 位，校验位正确）。",
    "cn-division-code": "填写 6、9 或 12 位数字的行政区划代码，如张店区 370303。",
    "cn-mobile": "填写 11 位手机号码，如 13800000000。",
    "cn-impossible-year": "核对日期：年份应在 1900 年至明年之间（常见原因：系统导出时日期格式错误）。",
    "personal-information": "开放数据不得含可识别个人的信息：删除该列，或按脱敏规则处理"
                            "（身份证号保留前 6 位和后 4 位、手机号中间 4 位打 *），并在数据字典中将该列标为已脱敏。",
    "totals-row": "删除合计/总计/小计行：汇总值可由使用者自行计算。",
    "title-row": "删除表头上方的标题行，第一行应为列名。",
    "junk-row": "删除全为 0 或占位符的行。",
    "formula-injection": "删除单元格开头的 =、+、-、@ 公式，只保留值。",
}

ID_PROBLEMS = {"format": "不是 18 位身份证号", "checksum": "校验位错误",
               "component": "出生日期或地区代码无效"}
CREDIT_CODE_PROBLEMS = {"format": "含有不允许的字符", "checksum": "校验位错误", "length": "应为 18 位"}
PII_KINDS = {"id": "身份证号", "mobile": "手机号码", "bank_card": "银行卡号"}


def title(error_type: str) -> str:
    return TITLES.get(error_type, error_type)


def hint(error_type: str) -> str:
    return HINTS.get(error_type, "请按数据字典修改。")
