"""Every user-facing (Chinese) string of the package: error titles and templates, fix hints, the
reasons a file cannot be read, the wording of the reports and the CLI.

User-facing text lives here only, so it can be reviewed and translated in one place. Each string is
wrapped in :func:`_`, the gettext function of the ``zhangdian_validators`` domain: with no compiled
catalog installed (the default) it returns the Chinese text unchanged; ``pybabel extract -k _`` over
this file gives the template for a translation. Strings with ``{name}`` placeholders are filled with
``str.format``; error templates use frictionless's camelCase property names.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

DOMAIN = "zhangdian_validators"
_ = gettext.translation(DOMAIN, localedir=Path(__file__).with_name("locale"), fallback=True).gettext

# --- error kinds: title, fix hint, frictionless message template ---------------------------------

TITLES = {
    "type-error": _("数据类型不符"), "constraint-error": _("不满足约束"), "unique-error": _("值重复"),
    "blank-row": _("空行"), "extra-cell": _("多余的单元格"), "missing-cell": _("缺少单元格"),
    "missing-label": _("缺少列"), "extra-label": _("多余的列"), "incorrect-label": _("列名或列顺序不符"),
    "blank-label": _("列名为空"), "duplicate-label": _("列名重复"),
    "cn-resident-id": _("身份证号无效"), "cn-credit-code": _("统一社会信用代码无效"),
    "cn-division-code": _("行政区划代码无效"), "cn-mobile": _("手机号码无效"),
    "cn-impossible-year": _("年份不合理"), "cn-period-without-year": _("期间缺少年份"),
    "personal-information": _("含未脱敏的个人信息"), "totals-row": _("合计行"), "title-row": _("表头上方的标题行"),
    "junk-row": _("无效行（全为 0 或占位符）"), "formula-injection": _("单元格含公式"),
}

HINTS = {
    "type-error": _("按数据字典填写正确类型的值：数值列只写数字（不带单位），日期写成 2021-08-27 等格式。"),
    "constraint-error": _("按数据字典的要求修改：必填列不能为空，取值须在允许范围或列表内。"),
    "unique-error": _("该列的值必须唯一：删除重复行或改正编号。"),
    "blank-row": _("删除空行。"),
    "extra-cell": _("该行的单元格比表头多：检查是否有多余的逗号或合并单元格。"),
    "missing-cell": _("该行的单元格比表头少：补全缺少的值。"),
    "missing-label": _("按数据字典补充缺少的列。"),
    "extra-label": _("删除数据字典中没有的列，或先在数据字典（信息项）中登记它。"),
    "incorrect-label": _("列名须与数据字典一致，且按数据字典的顺序排列。"),
    "blank-label": _("为每一列填写列名。"),
    "duplicate-label": _("每列的列名必须不同。"),
    "cn-resident-id": _("核对身份证号（18 位，校验位正确，出生日期真实）。"),
    "cn-credit-code": _("核对统一社会信用代码（18 位，校验位正确）。"),
    "cn-division-code": _("填写 6、9 或 12 位数字的行政区划代码，如张店区 370303。"),
    "cn-mobile": _("填写 11 位手机号码，如 13800000000。"),
    "cn-impossible-year": _("核对日期：年份应在 1900 年至明年之间（常见原因：系统导出时日期格式错误）。"),
    "cn-period-without-year": _("期间须带年份，如“2023年第三季度”，不要只写“三季度”。"),
    "personal-information": _("开放数据不得含可识别个人的信息：删除该列，或按脱敏规则处理"
                              "（身份证号保留前 6 位和后 4 位、手机号中间 4 位打 *），并在数据字典中将该列标为已脱敏。"),
    "totals-row": _("删除合计/总计/小计行：汇总值可由使用者自行计算。"),
    "title-row": _("删除表头上方的标题行，第一行应为列名。"),
    "junk-row": _("删除全为 0 或占位符的行。"),
    "formula-injection": _("删除单元格开头的 =、+、-、@ 公式，只保留值。"),
}
DEFAULT_HINT = _("请按数据字典修改。")

TEMPLATES = {
    "cn-resident-id": _("第{rowNumber}行第{fieldNumber}列身份证号无效：{note}"),
    "cn-credit-code": _("第{rowNumber}行第{fieldNumber}列统一社会信用代码“{cell}”无效：{note}"),
    "cn-division-code": _("第{rowNumber}行第{fieldNumber}列行政区划代码“{cell}”无效：{note}"),
    "cn-mobile": _("第{rowNumber}行第{fieldNumber}列手机号码无效：{note}"),
    "cn-impossible-year": _("第{rowNumber}行第{fieldNumber}列日期“{cell}”的年份不合理：{note}"),
    "cn-period-without-year": _("第{rowNumber}行第{fieldNumber}列期间“{cell}”没有年份"),
    "personal-information": _("第{rowNumber}行第{fieldNumber}列含未脱敏的{note}：“{cell}”"),
    "formula-injection": _("第{rowNumber}行第{fieldNumber}列含公式：{note}"),
    "totals-row": _("第{rowNumber}行是合计行：{note}"),
    "junk-row": _("第{rowNumber}行全为 0 或占位符"),
    "title-row": _("第{rowNumber}行是表头上方的标题行：{note}"),
}

# --- notes of our errors ---------------------------------------------------------------------------

ID_PROBLEMS = {"format": _("不是 18 位身份证号"), "checksum": _("校验位错误"),
               "birth-date": _("出生日期不存在或不合理"), "area": _("前 6 位不是任何时期使用过的地区代码")}
CREDIT_CODE_PROBLEMS = {"format": _("含有不允许的字符"), "checksum": _("校验位错误"), "length": _("应为 18 位")}
DIVISION_CODE_PROBLEMS = {"format": _("应为 6、9 或 12 位数字"), "unknown": _("前 6 位不是任何时期使用过的区划代码")}
PII_KINDS = {"id": _("身份证号"), "mobile": _("手机号码"), "bank_card": _("银行卡号")}
PII_KIND_SEPARATOR = "、"
MOBILE_NOTE = _("应为 11 位、以 13～19 开头的手机号码")
YEAR_NOTE = _("{year} 年")
PERIOD_NOTE = _("只有季度，没有年份")
FORMULA_NOTE = _("以公式开头")
JUNK_NOTE = _("全为 0")
TOO_MANY_ERRORS = _("共发现 {total} 处错误，报告只列出前 {limit} 处")
UNNAMED_COLUMN = _("第{number}列")

# --- files that cannot be read (errors.UnreadableFileError and subclasses) -------------------------

FILE_NOT_FOUND = _("找不到文件“{name}”")
FILE_EMPTY = _("文件为空")
FILE_WITHOUT_CONTENT = _("文件没有任何内容")
HINT_UPLOAD_TABLE = _("请上传含表头和数据的文件。")
HINT_UPLOAD_DATA = _("请上传含数据的文件。")
BINARY_CONTENT = _("文件不是文本表格（含二进制内容）")
HINT_TABLE_FORMATS = _("请上传 CSV、XLSX、XLS 或 JSON 文件。")
MIXED_ENCODING = _("文件不是一致的 {encoding} 编码（第{line}行附近有无法识别的字符）")
HINT_RESAVE_ENCODING = _("请用 UTF-8 或 GBK 编码另存为 CSV。")
LINE_TOO_LONG = _("第{line}行超过 {megabytes} MB（文本行过长）")
HINT_LONG_LINE = _("请检查该行是否缺少换行或引号，或把长文本另存为附件。")
FIELD_TOO_LARGE = _("第{line}行附近有一个超过 {megabytes} MB 的单元格")
HINT_LONG_FIELD = _("请检查该行是否缺少引号，或把长文本另存为附件。")
CSV_SYNTAX = _("第{line}行无法按 CSV 读取：{reason}")
HINT_RESAVE_CSV = _("请用 Excel 或 WPS 另存为 CSV（UTF-8）。")
XLSX_CORRUPT = _("XLSX 文件已损坏，无法打开")
XLSX_UNREADABLE = _("XLSX 文件无法读取：{reason}")
HINT_RESAVE_XLSX = _("请用 Excel 重新另存为 .xlsx。")
XLSX_BOMB = _("XLSX 文件解压后过大（{megabytes} MB，压缩比 {ratio}:1），疑似压缩炸弹")
HINT_XLSX_BOMB = _("请确认文件内容，或拆分后另存为 CSV。")
XLS_TOO_LARGE = _("XLS 文件超过 {megabytes} MB")
HINT_XLS_TOO_LARGE = _("大数据量请另存为 CSV 或 XLSX。")
XLS_CORRUPT = _("XLS 文件已损坏，无法读取（{reason}）")
HINT_RESAVE_XLS = _("请用 Excel 另存为 .xlsx 或 CSV。")
NO_SHEETS = _("工作簿中没有工作表")
SHEET_NOT_FOUND = _("找不到工作表“{sheet}”")
HINT_SHEET_NAMES = _("工作簿中的工作表有：{names}。")
CSV_WITHOUT_SHEETS = _("CSV 文件没有工作表“{sheet}”")
HINT_SHEETS_IN_WORKBOOKS = _("只有 XLSX/XLS 文件可以指定工作表。")
JSON_SYNTAX = _("JSON 文件无法解析：{reason}")
JSON_NOT_AN_ARRAY = _("JSON 文件无法解析：应以 [ 开头")
JSON_AN_OBJECT = _("JSON 文件是一个对象（键：{keys}）而不是数组，可能是下载失败时返回的说明而不是数据")
JSON_ARRAY_EXPECTED = _("JSON 文件应为数组（每个元素一行）")
HINT_JSON_ARRAY = _("请提供由对象或数组组成的 JSON 数组，或改交 CSV。")
JSON_ELEMENT_TOO_LARGE = _("JSON 数组中有一个元素超过 {megabytes} MB")
HINT_JSON_INCOMPLETE = _("请检查文件是否完整，或改交 CSV。")
JSON_UNFINISHED = _("JSON 文件不完整（数组没有结束）")
HINT_JSON_EXPORT_AGAIN = _("请重新导出完整的 JSON 文件。")
JSON_BAD_ELEMENT = _("JSON 数组的元素应为对象或数组")
HINT_JSON_ONE_ROW_PER_ELEMENT = _("请按“每个元素一行”的格式导出。")
JSON_EMPTY_ARRAY = _("JSON 文件中的数组是空的")
JSON_BAD_DICTIONARY = _("JSON 字段字典（第一个数组）的每个元素应为 {{name_cn, name_en}}")
JSON_EXTRA_ARRAY = _("JSON 文件含有多余的 JSON 数组")
HINT_ONE_ARRAY = _("一个文件只能含一个数据数组。")

# --- schemas (errors.SchemaError) ------------------------------------------------------------------

SCHEMA_UNREADABLE = _("无法读取 Table Schema：{reason}")
HINT_SCHEMA_FILE = _("请提供有效的 schema.json。")
SCHEMA_WITHOUT_FIELDS = _("Table Schema 须有 fields 列表，每个字段都有 name")
HINT_CHECK_SCHEMA = _("请检查 schema.json。")
SCHEMA_BAD_TYPE = _("字段“{name}”的类型“{type}”不受支持")
HINT_SCHEMA_TYPES = _("可用类型：{types}。")
FIELD_LIST_WITHOUT_NAME = _("数据字典第{number}项没有信息项名称")
HINT_FIELD_LIST = _("每个信息项须有名称（name 或 信息项名称）和数据类型。")
FIELD_LIST_BAD_TYPE = _("信息项“{name}”的数据类型“{type}”无法识别")
HINT_FIELD_LIST_TYPES = _("可用数据类型：字符型、整数型、数字型、小数型、日期型、日期时间型、时间型、布尔型、二进制、其他。")
UNIT_NOTE = _("计量单位：{unit}")
UNIT_IN_DESCRIPTION = _("{description}（{unit}）")
UNKNOWN_OPEN_ATTRIBUTE = _("开放属性“{value}”无法识别（应为 无条件开放、有条件开放 或 不予开放）")

# --- reports and the CLI ---------------------------------------------------------------------------

STATUS_TEXT = {"valid": _("校验通过，可以发布"), "invalid": _("校验未通过，请按提示修改后重新提交"),
               "blocked": _("含未脱敏的个人信息，禁止发布")}
REPORT_FILE_LINE = _("文件：{name}（{details}，{rows} 行数据）")
REPORT_SHEET = _("工作表“{sheet}”")
REPORT_VERDICT = _("结论：{status}")
REPORT_GROUP = _("■ {title}：{count} 处")
REPORT_MORE = _("…… 另有 {count} 处")
REPORT_HINT = _("怎么改：{hint}")
REPORT_PII_COLUMN = _("含个人信息的列“{column}”：{kinds}，{count} 处，行号 {rows}")
LIST_SEPARATOR = "、"
DETAIL_SEPARATOR = "，"
CLI_PROGRESS = _("校验中")
CLI_CANNOT_VALIDATE = _("无法校验：{error}")

# --- how frictionless's own errors read in Chinese ------------------------------------------------

TYPE_NAMES = {"integer": _("整数"), "number": _("数值（不带单位和千分位逗号）"),
              "date": _("日期（如 2021-08-27、2021年8月27日）"), "datetime": _("日期时间（如 2021-08-27 09:30:00）"),
              "time": _("时间（如 09:30:00）"), "boolean": _("true 或 false"), "year": _("四位年份"),
              "string": _("文本"), "any": _("任意值")}
CONSTRAINT_TEXT = {"required": _("必填，不能为空"), "enum": _("须为以下取值之一：{}"), "pattern": _("须符合格式 {}"),
                   "minimum": _("不能小于 {}"), "maximum": _("不能大于 {}"), "minLength": _("长度不能少于 {} 个字符"),
                   "maxLength": _("长度不能超过 {} 个字符"), "unique": _("不能重复")}
ROW = _("第{number}行")
HEADER_ROW = _("第{number}行（表头）")
COLUMN = _("第{number}列")
COLUMN_NAME = _("（{name}）")
DESCRIPTIONS = {
    "type-error": _("{where}的值“{cell}”不是{expected}"),
    "constraint-error": _("{where}的值“{cell}”不符合要求：{constraint}"),
    "unique-error": _("{where}的值“{cell}”与第{first}行重复"),
    "blank-row": _("{where}是空行"),
    "extra-cell": _("{where}多出单元格“{cell}”（表头没有这一列）"),
    "missing-cell": _("{where}缺少单元格"),
    "missing-label": _("{where}缺少列“{field_name}”"),
    "extra-label": _("{where}多出列“{label}”（数据字典中没有）"),
    "incorrect-label": _("{where}的列名是“{label}”，按数据字典应为“{field_name}”"),
    "blank-label": _("{where}：{title}"),
    "duplicate-label": _("{where}：{title}"),
}
_TYPE_NOTE = re.compile(r'type is "(\w+)/')
_CONSTRAINT_NOTE = re.compile(r'constraint "(\w+)" is "(.*)"', re.S)
_UNIQUE_NOTE = re.compile(r'row at position "?(\d+)')


def title(error_type: str) -> str:
    return TITLES.get(error_type, error_type)


def hint(error_type: str) -> str:
    return HINTS.get(error_type, DEFAULT_HINT)


def location(error) -> str:
    """第N行第M列（列名） — where an error is, as the human report says it."""
    parts = []
    if getattr(error, "row_number", None):
        parts.append(ROW.format(number=error.row_number))
    elif getattr(error, "row_numbers", None):
        parts.append(HEADER_ROW.format(number=error.row_numbers[0]))
    if getattr(error, "field_number", None):
        name = getattr(error, "field_name", "") or ""
        parts.append(COLUMN.format(number=error.field_number) + (COLUMN_NAME.format(name=name) if name else ""))
    return "".join(parts)


def _constraint(note: str) -> str:
    match = _CONSTRAINT_NOTE.search(note)
    if not match:
        return note
    name, value = match.groups()
    if name == "enum":
        value = LIST_SEPARATOR.join(re.findall(r"'([^']*)'", value)) or value
    return CONSTRAINT_TEXT.get(name, note).format(value)


def describe(error) -> str:
    """One Chinese sentence for any error in a report (frictionless's own types included); cells
    are already masked by the time they reach a report."""
    template = DESCRIPTIONS.get(error.type)
    if template is None:
        return error.message
    expected = first = ""
    if error.type == "type-error":
        match = _TYPE_NOTE.search(error.note)
        expected = TYPE_NAMES.get(match.group(1), match.group(1)) if match else error.note
    elif error.type == "unique-error":
        match = _UNIQUE_NOTE.search(error.note)
        first = match.group(1) if match else "?"
    return template.format(
        where=location(error), cell=getattr(error, "cell", ""), expected=expected, first=first,
        constraint=_constraint(error.note) if error.type == "constraint-error" else "",
        field_name=getattr(error, "field_name", ""), label=getattr(error, "label", ""), title=title(error.type))
