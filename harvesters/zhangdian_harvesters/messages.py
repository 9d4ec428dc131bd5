"""Every Chinese message the list harvester shows to departments, in one place.

A :class:`Message` has a stable ``code`` (for programs and tests), a text template and a fix hint. Row
problems are prefixed with their location by :func:`located`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    code: str
    text: str
    hint: str

    def render(self, **values) -> tuple[str, str]:
        return self.text.format(**values), self.hint.format(**values)


def located(row_label: str, column: str, cell: str, detail: str) -> str:
    """``第7行“更新周期”（K7）：…``"""
    return f"{row_label}“{column}”（{cell}）：{detail}"


DATE_HINT = "请写成 2021-08-27、2021/8/27、2021年8月27日 或 20210827。"
ITEMS_SYNTAX_HELP = ("“信息项”一格可写多个信息项，每个写作“字段名|中文名称|数据类型|计量单位|说明”（数据类型必填，"
                     "计量单位和说明可省略；没有英文字段名时字段名可写中文名称），信息项之间用“；”分隔，"
                     "如：line_name|线路名称|字符型；length|线路长度|数值型|千米。数据类型可选：字符型、整数型、"
                     "数值型、日期型、日期时间型、时间型、布尔型、二进制、其他。")
ITEMS_HINT = "请写成“字段名|中文名称|数据类型|计量单位|说明”，多个信息项用“；”分隔，如 line_name|线路名称|字符型。"

# --- row problems (errors: the row is not turned into a record) ---------------------------------
REQUIRED = Message("required", "不能为空", "请填写{column}。")
VOCABULARY = Message("vocabulary", "“{value}”不是可选值。可选值：{allowed}",
                     "请改为可选值之一（模板的下拉列表中可以选择）。")
CODE_PATTERN = Message("code_pattern", "“{value}”不是有效的信息资源代码",
                       "请使用 4～64 位字母、数字、“-”“/”“.”，并以字母或数字开头，如 370303-JT-0001。")
DUPLICATE_CODE = Message("duplicate_code", "信息资源代码“{value}”与第{other}行重复",
                         "每个信息资源的代码必须唯一：请修改或删除其中一行。")
DUPLICATE_TITLE = Message("duplicate_title",
                          "信息资源名称“{value}”与第{other}行的“{other_value}”重复（忽略标点、空格和全角/半角差异）",
                          "同一资源请只填一行；不同资源请修改名称加以区分。")
DATE = Message("date", "“{value}”不是有效日期", DATE_HINT)
DATE_YEAR = Message("date_year", "“{value}”的年份不合理", "请核对年份（应在 1900～2100 年之间）。")
TEMPORAL_RANGE = Message("temporal_range", "“{value}”不是有效的时间范围",
                         "请写成 2025/04/27-2026/01/01，或只写起始日期（表示至今）。")
TEMPORAL_ORDER = Message("temporal_order", "止日期 {end} 早于起日期 {start}", "请核对数据时间范围的起止日期。")
DIVISION = Message("division", "“{value}”不是有效的行政区划代码",
                   "请填写 6、9 或 12 位数字的统计用区划代码，如张店区 370303、车站街道 370303001。")
PHONE = Message("phone", "“{value}”不是有效的电话号码",
                "请填写手机号（如 13800000000）或带区号的固定电话（如 0533-2181234），只填一个号码。")
EMAIL = Message("email", "“{value}”不是有效的电子邮箱", "请填写如 name@zibo.gov.cn 的邮箱地址。")
INTEGER = Message("integer", "“{value}”不是非负整数", "请只填写数字，如 1280。")
KEYWORD = Message("keyword", "关键词“{value}”不符合要求",
                  "每个关键词 2～100 个字，只含汉字、字母、数字、空格和“-”“_”“.”；多个关键词用“，”或“、”分隔。")
ITEM_SYNTAX = Message("item_syntax", "信息项“{value}”缺少{part}", ITEMS_HINT)
ITEM_TYPE = Message("item_type", "信息项“{name}”的数据类型“{value}”不是可选值。可选值：{allowed}",
                    "请改为可选值之一，如 字符型、整数型、数值型、日期型。")
ITEM_DUPLICATE = Message("item_duplicate", "信息项字段名“{value}”重复", "同一资源的字段名必须唯一。")
ITEM_ORPHAN = Message("item_orphan", "这一行只有信息项，上方没有它所属的信息资源",
                      "请在第一条信息项所在行填写信息资源代码和名称（或把资源单元格向下合并）。")
ITEM_UNLINKED = Message("item_unlinked", "信息项所属的信息资源“{value}”在主表中不存在",
                        "请核对信息项表中的信息资源代码（或名称）与主表完全一致。")
DATA_FILE_SCHEME = Message("data_file_scheme", "数据文件地址“{value}”的协议不受支持",
                           "只接受 http(s) 地址或相对于清单文件的路径。")
DATA_FILE_OUTSIDE = Message("data_file_outside", "数据文件路径“{value}”指向清单所在目录之外",
                            "请填写相对于清单文件的路径（不能是绝对路径，也不能含“..”），或填写 http(s) 地址。")

# --- policy problems (findings: the record exists but must not be published as open data) -----
CONDITIONS_MISSING = Message("conditions_missing", "开放属性为“有条件开放”，但未填写开放条件",
                             "请在“开放条件”列写明申请条件；补齐前该资源不得作为开放数据发布。")
BASIS_MISSING = Message("basis_missing", "开放属性为“{attribute}”，但未填写法律法规依据",
                        "请在“法律法规依据”列写明法律、法规、规章的名称及条款；补齐前该资源不得作为开放数据发布。")
REASON_MISSING = Message("reason_missing", "开放属性为“{attribute}”，但未填写不予开放依据类型",
                         "请在“不予开放依据类型”列选择：{allowed}。")
SHARE_CLOSED = Message("share_closed", "共享属性为“不予共享”，开放属性却为“{attribute}”",
                       "不予共享的资源应为“不予开放”，请核对共享属性和开放属性。")
ITEM_STRICTER = Message("item_stricter", "信息项“{name}”为“{item_attribute}”，资源却为“无条件开放”",
                        "含有条件开放或不予开放信息项的资源至少应为“有条件开放”，请核对开放属性。")

# --- list-level findings -----------------------------------------------------------------------
UNKNOWN_COLUMNS = Message("unknown_columns", "有 {count} 个列名无法识别：{columns}。这些列的内容已保留在附加信息中，不会发布",
                          "如果它们对应平台字段，请改用模板的标准列名（见 docs/harvesters.md 同义词表）；否则可以删除。")
UNNAMED_COLUMNS = Message("unnamed_columns", "表头单元格 {columns} 是空的，但这些列下面有数据，无法识别、不会发布",
                          "请给这些列填写列名（标准列名见模板），或删除多余的数据。")
POLICY = Message("policy", "{title}（{code}）：{problems}", "{hints}")
COMMENT_ROWS = Message("comment_rows", "已跳过 {count} 行注释或示例行（第一格以 # 开头）：第 {rows} 行",
                       "示例行只作参考；正式数据请另起一行填写，不要以 # 开头。")

# --- whole-list errors (exceptions) ------------------------------------------------------------
UNREADABLE = Message("unreadable", "无法读取清单“{source}”：{reason}",
                     "请提交 UTF-8 或 GBK 编码的 CSV、Excel 2007 及以上的 XLSX，或 JSON（对象数组）格式的清单。")
EMPTY = Message("empty", "清单“{source}”没有数据行",
                "请在表头下方逐行填写信息资源；以 # 开头的示例行和空行不计入。")
NO_HEADER = Message("no_header", "清单“{source}”的前 {rows} 行中找不到表头行",
                    "请使用模板的表头（至少包括“信息资源代码”“信息资源名称”两列），表头放在数据上方同一行。")
MISSING_HEADERS = Message("missing_headers", "清单“{source}”缺少必填列：{missing_labels}（表头在第 {row} 行，表头为：{found_text}）",
                          "请添加这些列（可从模板复制表头），列名也可用同义词表中的写法。")
DUPLICATE_HEADER = Message("duplicate_header", "清单“{source}”中有重复的列：“{first}”和“{second}”都表示“{label}”",
                           "请删除或改名其中一列。")

# --- fetching ----------------------------------------------------------------------------------
FETCH_SCHEME = Message("fetch_scheme", "不支持的地址“{url}”：只允许 http 和 https", "请提供 http(s) 下载地址。")
FETCH_BLOCKED_ADDRESS = Message("fetch_blocked_address", "拒绝访问“{url}”：主机 {host} 解析到内部或保留地址 {ip}",
                                "数据文件须放在互联网可访问的服务器上；如确需访问内网地址，请管理员将其加入白名单。")
FETCH_DNS = Message("fetch_dns", "无法解析“{url}”的主机名 {host}", "请检查地址是否拼写正确。")
FETCH_TOO_LARGE = Message("fetch_too_large", "“{url}”超过大小上限 {limit} 字节", "请拆分文件，或请管理员提高上限。")
FETCH_HTTP = Message("fetch_http", "下载“{url}”失败：服务器返回 HTTP {status}", "请检查地址是否正确、文件是否仍然存在。")
FETCH_CONNECTION = Message("fetch_connection", "下载“{url}”失败：{reason}（已重试 {attempts} 次）",
                           "请检查服务器是否可以访问，稍后再试。")
FETCH_PORTAL_ERROR = Message("fetch_portal_error", "“{url}”返回的不是数据文件，而是门户的错误信息：{error}（代码 {code}）",
                             "该文件可能受限或需要登录，请向提供方索取可公开下载的地址，或上传文件。")
FETCH_DEADLINE = Message("fetch_deadline", "下载“{url}”超过 {seconds} 秒仍未完成，已中止",
                         "请检查对方服务器是否正常，或提供更快的下载地址。")
FETCH_REDIRECTS = Message("fetch_redirects", "“{url}”重定向次数过多", "请提供最终的下载地址。")
