"""The catalogue of findings: one stable code per kind of finding, for parser and validator alike.

Every `zwgk.Finding` zwgk reports, whether the parser notices it
while reading (``doc.findings``) or `zwgk.validate` finds it
later, has its code here with its usual severity, its titles in English and
Chinese, what it means and the message templates it is written with.
`finding` builds a finding from a code and the
template's arguments.  This module depends on the model only, so the parser
and the validator both import it.

Codes are public and never renamed; the page "Validation" of the reference
includes the table `rule_catalogue_markdown` generates, and a test keeps the
two equal.  A code that was merged into another stays known as an alias.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from zwgk._model.core import Finding, Ref
from zwgk._model.enums import Severity

__all__ = [
    "CONTINUITY_CARRY_OVER",
    "CONTINUITY_FAILED",
    "CONTINUITY_IN_FORCE",
    "DATE_BEFORE_PERIOD",
    "DATE_LATE",
    "DATE_SIGNED_AFTER_PUBLISHED",
    "DATE_TITLE_PERIOD_MISMATCH",
    "IDENTITY_FAILED",
    "INPUT_EMPTY",
    "PLAN_DEADLINE_BEFORE_DOCUMENT",
    "PLAN_DUPLICATE_NUMBER",
    "PLAN_NO_LEAD",
    "PLAN_NO_TASKS",
    "PLAN_UNRESOLVED_DEADLINE",
    "REPORT_YEAR_ASSUMED",
    "RULES",
    "STRUCTURE_EMPTY_CELLS",
    "STRUCTURE_MISSING_SECTION",
    "STRUCTURE_MISSING_TABLE",
    "STRUCTURE_OUTLINE_ORDER",
    "STRUCTURE_PLACEHOLDER_SECTION",
    "TABLE_AMBIGUOUS_SPLIT",
    "TABLE_EMPTY",
    "TABLE_SPLIT_INFERRED",
    "TABLE_UNPLACED",
    "TABLE_VALUES_APART",
    "TEXT_MISMATCH",
    "Message",
    "Rule",
    "finding",
    "rule",
    "rule_catalogue_markdown",
]


@attrs.frozen
class Message:
    """A message template of a rule, in English and Chinese (``str.format`` fields).

    ``variant`` names it among the rule's templates (``""`` for the usual
    one); ``severity`` overrides the rule's where this variant is graver or
    milder.

    Example:
        >>> from zwgk._findings import rule
        >>> rule("date.late").messages[0].en.split(",")[0]
        'published on {published}'
    """

    en: str
    zh: str
    variant: str = ""
    severity: Severity | None = None


@attrs.frozen
class Rule:
    """One kind of finding: its stable code, usual severity, what it checks, its messages.

    ``severity`` is the severity the rule gives in the common case; where a
    rule grades its findings (an ``always`` identity is an error, a
    ``usually`` identity a warning) the description says how.  ``stage`` says
    who reports it: ``validate`` (in `zwgk.validate`'s result) or
    ``parse`` (in the document's ``findings``).  ``aliases`` are older codes
    merged into this one, still reported by some readers.

    Example:
        >>> from zwgk import RULES
        >>> r = next(r for r in RULES if r.code == "identity.failed")
        >>> (r.severity.value, r.title_zh, r.stage)
        ('error', '勾稽关系不成立', 'validate')
    """

    code: str
    severity: Severity
    title_en: str
    title_zh: str
    description: str
    stage: str = "validate"
    messages: tuple[Message, ...] = ()
    aliases: tuple[str, ...] = ()

    def message(self, variant: str = "") -> Message:
        """The message template of this variant; raises ``KeyError`` for an unknown one.

        Example:
            >>> from zwgk._findings import rule
            >>> rule("structure.missing_table").message("printed").severity.value
            'warning'
        """
        for m in self.messages:
            if m.variant == variant:
                return m
        raise KeyError(f"rule {self.code} has no message {variant!r}")


IDENTITY_FAILED = "identity.failed"
TEXT_MISMATCH = "text.mismatch"
STRUCTURE_MISSING_SECTION = "structure.missing_section"
STRUCTURE_OUTLINE_ORDER = "structure.outline_order"
STRUCTURE_MISSING_TABLE = "structure.missing_table"
STRUCTURE_EMPTY_CELLS = "structure.empty_cells"
STRUCTURE_PLACEHOLDER_SECTION = "structure.placeholder_section"
DATE_LATE = "date.late"
DATE_BEFORE_PERIOD = "date.before_period"
DATE_SIGNED_AFTER_PUBLISHED = "date.signed_after_published"
DATE_TITLE_PERIOD_MISMATCH = "date.title_period_mismatch"
CONTINUITY_CARRY_OVER = "continuity.carry_over"
CONTINUITY_IN_FORCE = "continuity.in_force"
CONTINUITY_FAILED = "continuity.failed"
PLAN_NO_LEAD = "plan.no_lead"
PLAN_DEADLINE_BEFORE_DOCUMENT = "plan.deadline_before_document"
PLAN_DUPLICATE_NUMBER = "plan.duplicate_number"
TABLE_EMPTY = "table.empty"
TABLE_UNPLACED = "table.unplaced"
TABLE_SPLIT_INFERRED = "table.split_inferred"
TABLE_AMBIGUOUS_SPLIT = "table.ambiguous_split"
TABLE_VALUES_APART = "table.values_apart"
REPORT_YEAR_ASSUMED = "report.year_assumed"
PLAN_UNRESOLVED_DEADLINE = "plan.unresolved_deadline"
PLAN_NO_TASKS = "plan.no_tasks"
INPUT_EMPTY = "input.empty"

# Identities and their cross-year forms share one message: the bound expression, both
# sides, the parts used, and notes on missing, group and inferred cells.
_IDENTITY = Message(
    "identity {rule} does not hold: {expr}{template}; {head}; parts used: {parts}{notes}.",
    "勾稽关系 {rule} 不成立：{expr}；{head_zh}{notes_zh}。",
)

#: Every kind of finding, validator's first, then the parser's, in catalogue order.
RULES: tuple[Rule, ...] = (
    Rule(
        IDENTITY_FAILED,
        Severity.ERROR,
        "Identity fails",
        "勾稽关系不成立",
        "An identity of the table's indicator tree (legacy_2014, f2019, f2021) does not hold. "
        "`always` identities give an error, `usually` identities a warning. A check runs only "
        "where the total and at least one part carry numbers; blank, —, / and 无 are not zero. "
        "With parts missing it fails only when the parts present already exceed the total. "
        "Values the parser inferred count, and the message says so.",
        messages=(_IDENTITY,),
    ),
    Rule(
        TEXT_MISMATCH,
        Severity.WARNING,
        "Text and table disagree",
        "正文与统计表不一致",
        "A number the narrative states for a table cell (X-2) differs from the cell. "
        "Qualified numbers (…余, …多, 超过…, 近…) flag only when the cell breaks the bound; "
        "约… never flags.",
        messages=(
            Message(
                "the table's {label} = {value}{inferred} {how}: '{stated}' states {number}.",
                "统计表 {label} 为 {value}，与正文“{stated}”{how_zh}。",
            ),
        ),
    ),
    Rule(
        STRUCTURE_MISSING_SECTION,
        Severity.WARNING,
        "Section missing",
        "缺少规定章节",
        "A report in the 2019 or 2021 format lacks one of the six sections "
        "(总体情况, 主动公开, 申请, 复议诉讼, 问题及改进, 其他事项), matched loosely by title "
        "among the top-level headings and the tables' captions.",
        messages=(
            Message(
                "section {number}、{title} was not found among the report's top-level headings.",
                "未找到第{number}部分“{title}”。",
            ),
        ),
    ),
    Rule(
        STRUCTURE_OUTLINE_ORDER,
        Severity.WARNING,
        "Outline out of order",
        "章节编号顺序错误",
        "A top-level heading repeats or goes back in the numbering (一…六 followed by 一、 again).",
        messages=(
            Message(
                "top-level heading '{heading}' is numbered {number} after '{previous}' "
                "({previous_number}): the numbering repeats or goes back.",
                "一级标题“{heading}”编号{number}排在“{previous}”（{previous_number}）之后，"
                "编号重复或倒序。",
            ),
        ),
    ),
    Rule(
        STRUCTURE_MISSING_TABLE,
        Severity.ERROR,
        "Table missing",
        "缺少统计表",
        "A report in the 2019 or 2021 format has no 表二, 表三 or 表四 (all are mandatory). "
        "A warning instead of an error where a heading for the table is printed: the table is "
        "then likely there in a form that was not read.",
        messages=(
            Message(
                "the report has no {label}; the 2019 and 2021 formats require it.",
                "报告缺少{title}统计表（2019、2021年格式均为必备）。",
            ),
            Message(
                "no {label} was read, though the heading '{heading}' is printed: "
                "the table is likely there in a form that was not read.",
                "已印出标题“{heading}”，但未读取到该统计表，可能是表格形式未能识别。",
                "printed",
                Severity.WARNING,
            ),
        ),
    ),
    Rule(
        STRUCTURE_EMPTY_CELLS,
        Severity.WARNING,
        "Blank cells",
        "统计表存在空白单元格",
        "Cells of a 2019 or 2021 table are blank where the template asks for a number; one "
        "finding per table lists them. Blank is not zero, so identities through these cells "
        "are not assessed.",
        messages=(
            Message(
                "{count} cell(s) of {table} are blank where the template asks for a number: "
                "{names}. Blank is not zero; identities through them are not assessed.",
                "{table} 中 {count} 个应填数字的单元格为空白：{names}。空白不等于零，"
                "相关勾稽关系未予核验。",
            ),
            Message(
                "{count} cell(s) of {table} are blank where the template asks for a number: "
                "{names}. Blank is not zero; identities through them are not assessed. The "
                "parser left {unplaced} value(s) of this table unplaced; they may belong here.",
                "{table} 中 {count} 个应填数字的单元格为空白：{names}。空白不等于零，"
                "相关勾稽关系未予核验。解析时该表有 {unplaced} 个数值未能归位，可能属于这些单元格。",
                "unplaced",
            ),
        ),
    ),
    Rule(
        STRUCTURE_PLACEHOLDER_SECTION,
        Severity.INFO,
        "Placeholder section",
        "章节内容空缺",
        "Section 五 (存在的主要问题及改进情况) is empty or a one-word placeholder such as 无。",
        messages=(
            Message(
                "section '{heading}' says nothing: {shown}.",
                "“{heading}”部分内容空缺或仅有占位词。",
            ),
        ),
    ),
    Rule(
        DATE_LATE,
        Severity.WARNING,
        "Published late",
        "逾期发布",
        "Published after the statutory deadline: 31 March of the next year for data years up "
        "to 2018 (2008 条例 第三十一条); from 2019 (revised 条例 第四十九条) 31 January for a "
        "department's report and 31 March for a government's own (本级政府) report — an "
        "aggregate report, or one whose title names a government or region rather than an organ.",
        messages=(
            Message(
                "published on {published}, {days} day(s) after the statutory deadline "
                "{deadline} for {year} ({basis}).",
                "发布日期 {published} 晚于法定期限 {deadline}（{basis_zh}；逾期 {days} 天）。",
            ),
        ),
    ),
    Rule(
        DATE_BEFORE_PERIOD,
        Severity.ERROR,
        "Published before the period ended",
        "发布日期早于统计期结束",
        "Published in or before the year the report covers.",
        messages=(
            Message(
                "published on {published}, before the end of {year}, the year the report covers.",
                "发布日期 {published} 早于所报告年度（{year}年）结束。",
            ),
        ),
    ),
    Rule(
        DATE_SIGNED_AFTER_PUBLISHED,
        Severity.WARNING,
        "Signed after publication",
        "落款日期晚于发布日期",
        "The date of the closing signature (落款) is later than the publication date.",
        messages=(
            Message(
                "signed {signed}, {days} day(s) after its publication on {published}.",
                "落款日期 {signed} 晚于发布日期 {published}（晚 {days} 天）。",
            ),
        ),
    ),
    Rule(
        DATE_TITLE_PERIOD_MISMATCH,
        Severity.WARNING,
        "Title year and period disagree",
        "标题年度与统计期限不一致",
        "The year in the title differs from the statistics period printed in the body "
        "(统计期限自YYYY年1月1日起), which the parser records as the report's `period_year`.",
        messages=(
            Message(
                "the title names {title_year} but the statistics period printed in the body "
                "starts in {period_year}.",
                "标题年度为 {title_year} 年，正文统计期限却自 {period_year} 年起。",
            ),
        ),
    ),
    Rule(
        CONTINUITY_CARRY_OVER,
        Severity.WARNING,
        "Carry-over breaks",
        "结转数前后年度不衔接",
        "X-1: last year's 结转下年度继续办理 differs from this year's 上年结转 in a column. "
        "Needs last year's report of the same agency in the same generation family.",
        messages=(_IDENTITY,),
    ),
    Rule(
        CONTINUITY_IN_FORCE,
        Severity.WARNING,
        "In-force count breaks",
        "现行有效件数前后年度不衔接",
        "T2-1: last year's 现行有效件数 + this year's 制发 − 废止 differs from this year's "
        "现行有效件数 (revisions and cleanups legitimately break it).",
        messages=(_IDENTITY,),
    ),
    Rule(
        CONTINUITY_FAILED,
        Severity.WARNING,
        "Cross-year identity fails",
        "跨年度勾稽关系不成立",
        "Another cross-year identity of the trees fails (T2-3 of 2019: last year's 上一年项目数量 "
        "+ 本年增/减 differs from this year's 上一年项目数量).",
        messages=(_IDENTITY,),
    ),
    Rule(
        PLAN_NO_LEAD,
        Severity.INFO,
        "Task without lead",
        "任务未明确牵头单位",
        "A leaf task of a plan names no lead unit, no collective phrase (各单位按职责分工负责) "
        "and inherits none from a merged cell. The plan reader reports it while parsing too "
        "(in `doc.findings`), where the document assigns units to other tasks; "
        "`plan.task_without_lead`, its older code, is an alias.",
        messages=(
            Message(
                "task {label} '{title}' names no lead unit.",
                "任务 {label}“{title}”未明确牵头单位。",
            ),
            Message(
                "task {label} names no lead unit, though the document assigns units elsewhere",
                "任务{label}未写明牵头单位",
                "elsewhere",
            ),
        ),
        aliases=("plan.task_without_lead",),
    ),
    Rule(
        PLAN_DEADLINE_BEFORE_DOCUMENT,
        Severity.WARNING,
        "Deadline before the document",
        "完成时限早于文件日期",
        "A task's deadline resolves to a date earlier than the document's date "
        "(signature, else publication).",
        messages=(
            Message(
                "task {label} '{title}' is due '{phrase}' ({date}), before the document was "
                "{which} on {reference}.",
                "任务 {label} 的完成时限“{phrase}”（{date}）早于文件{which_zh}日期 {reference}。",
            ),
        ),
    ),
    Rule(
        PLAN_DUPLICATE_NUMBER,
        Severity.WARNING,
        "Duplicate task number",
        "任务编号重复",
        "Two sibling tasks carry the same number (two lists 1.…4. under one heading).",
        messages=(
            Message(
                "task {label} '{title}' repeats the number of its sibling '{earlier}'.",
                "任务 {label}“{title}”与同级任务“{earlier}”编号重复。",
            ),
        ),
    ),
    Rule(
        TABLE_EMPTY,
        Severity.WARNING,
        "Table without values",
        "统计表没有数值",
        "A statistical table is printed with its header and labels but no values; it is left "
        "out of the report's tables.",
        stage="parse",
        messages=(Message("table {table} is printed with no values", "统计表只有表头、没有数值"),),
    ),
    Rule(
        TABLE_UNPLACED,
        Severity.WARNING,
        "Values not placed",
        "数值未能归位",
        "Numbers inside a table region that the reader could not put in a cell. They are kept "
        "in the table's `unplaced`, never dropped.",
        stage="parse",
        messages=(
            Message(
                "{count} value(s) not placed in {table}: {reason}",
                "表格中有数值未能定位到单元格",
            ),
            Message(
                "values {runs} of row {label!r} do not fit its {width} columns",
                "该行数值无法对应到各列",
                "row",
            ),
        ),
    ),
    Rule(
        TABLE_SPLIT_INFERRED,
        Severity.INFO,
        "Digit run split",
        "连写数字已拆分",
        "Digits printed together (`520010558` under seven columns) were split into cells "
        "where exactly one cut fits the row, the table's identities or a number the prose "
        "states; the cells are marked inferred with the reason.",
        stage="parse",
        messages=(
            Message(
                "{count} cells of {table} come from digit runs split where exactly one cut "
                "fits the identities",
                "连写数字已按恒等式唯一拆分，相关单元格标记为推断",
            ),
            Message(
                "digit run {runs} of row {label!r} split into {width} columns",
                "连写数字已拆分",
                "row",
            ),
        ),
    ),
    Rule(
        TABLE_AMBIGUOUS_SPLIT,
        Severity.WARNING,
        "Digit run splits several ways",
        "连写数字有多种拆分方式",
        "A digit run fits its cells in more than one way and nothing decides between them: "
        "the cells stay open (no value) and list their alternatives.",
        stage="parse",
        messages=(
            Message(
                "digit run {runs} splits {count} ways into {width} cells; candidates: {candidates}",
                "连写数字 {runs} 有多种拆分方式，未作选择",
            ),
            Message(
                "digit run {runs} of row {label!r} splits several ways; values left open",
                "连写数字有多种拆分方式，未作选择",
                "row",
            ),
        ),
    ),
    Rule(
        TABLE_VALUES_APART,
        Severity.INFO,
        "Values printed apart from their rows",
        "数值与行标签分开排列",
        "A table printed its values apart from its labels (a PDF column, a header not read); "
        "they were placed in an order the identities confirm, else in the order confirmed in "
        "the document's other tables (a guess, a warning), and marked inferred. A table line "
        "whose printed label names no row is placed on the one row left between its "
        "neighbours (a guess, a warning).",
        stage="parse",
        messages=(
            Message(
                "{count} values printed apart from their {rows} rows: {how}",
                "数值与行标签分开排列，已按恒等式确定位置",
            ),
            Message(
                "{count} values printed apart from their {rows} rows: {how}",
                "数值与行标签分开排列，恒等式无法确定顺序，按本文其他表格的排列顺序推定",
                "guessed",
                Severity.WARNING,
            ),
            Message(
                "{table}: {reason}",
                "表头未能识别，按模板顺序放置该行数值",
                "template_order",
            ),
            Message(
                "{count} values of {table}: {reason}",
                "行标签无法识别，按上下行位置推定所属行",
                "between",
                Severity.WARNING,
            ),
        ),
    ),
    Rule(
        REPORT_YEAR_ASSUMED,
        Severity.INFO,
        "Year assumed",
        "报告年度系推定",
        "Neither the title nor the body states the year a report covers; it is taken as the "
        "year before publication.",
        stage="parse",
        messages=(
            Message(
                "the year covered is not printed; taken as the year before publication ({year})",
                "未写明报告年度，按发布日期前一年推定",
            ),
        ),
    ),
    Rule(
        PLAN_UNRESOLVED_DEADLINE,
        Severity.INFO,
        "Deadline not resolved",
        "完成时限无法确定",
        "A deadline phrase of a task (or the date a notice asks replies by) could not be "
        "resolved to a date; it is kept as printed with kind `unresolved`.",
        stage="parse",
        messages=(
            Message(
                "deadline {phrase!r} could not be resolved to a date",
                "无法确定完成时限“{phrase}”的日期",
            ),
            Message(
                "reply deadline {phrase!r} could not be resolved to a date",
                "无法确定报送时限“{phrase}”的日期",
                "reply",
            ),
        ),
    ),
    Rule(
        PLAN_NO_TASKS,
        Severity.INFO,
        "No tasks",
        "未识别出任务",
        "A plan or work-points document in which no numbered task was found.",
        stage="parse",
        messages=(Message("no numbered tasks were found", "未识别出编号任务"),),
    ),
    Rule(
        INPUT_EMPTY,
        Severity.WARNING,
        "Empty input",
        "输入为空",
        "The input holds no text (nothing, or only white space): the parser returns an "
        "`OtherDocument` with this finding instead of a silent empty document.",
        stage="parse",
        messages=(
            Message(
                "the input is empty or only white space: no document was read",
                "输入为空或仅含空白字符",
            ),
        ),
    ),
)

_BY_CODE: Mapping[str, Rule] = {
    **{alias: r for r in RULES for alias in r.aliases},
    **{r.code: r for r in RULES},
}


def rule(code: str) -> Rule:
    """The rule with this code (or alias); raises ``KeyError`` for an unknown code.

    Example:
        >>> from zwgk._findings import rule
        >>> rule("date.late").title_en
        'Published late'
        >>> rule("plan.task_without_lead").code
        'plan.no_lead'
    """
    return _BY_CODE[code]


def finding(
    code: str,
    *,
    variant: str = "",
    severity: Severity | None = None,
    rule: str | None = None,
    refs: tuple[Ref, ...] = (),
    missing: tuple[Ref, ...] = (),
    reported: int | Decimal | None = None,
    expected: int | Decimal | None = None,
    **args: object,
) -> Finding:
    """A `zwgk.Finding` of a catalogued code, its messages filled from ``args``.

    ``variant`` picks one of the rule's message templates; the severity is the
    one given, else the variant's, else the rule's.  ``rule`` (an identity's
    id) is also a template field.  An unknown code raises ``KeyError``: every
    finding zwgk reports is in the catalogue.

    Example:
        >>> from zwgk._findings import finding
        >>> f = finding("report.year_assumed", year=2019)
        >>> (f.code, f.severity.value, f.message)
        ('report.year_assumed', 'info', 'the year covered is not printed; taken as the year before publication (2019)')
        >>> f.message_zh
        '未写明报告年度，按发布日期前一年推定'
    """
    entry = _BY_CODE[code]
    template = entry.message(variant)
    fields = {"rule": rule, **args}
    return Finding(
        code=code,
        severity=severity or template.severity or entry.severity,
        message=template.en.format(**fields),
        message_zh=template.zh.format(**fields),
        rule=rule,
        refs=refs,
        missing=missing,
        reported=reported,
        expected=expected,
    )


def rule_catalogue_markdown() -> str:
    """The catalogue as a markdown table (the one on the reference page).

    Example:
        >>> from zwgk._findings import rule_catalogue_markdown
        >>> print(rule_catalogue_markdown().splitlines()[0])
        | code | severity | title | 标题 | reported by | what it means |
    """
    lines = [
        "| code | severity | title | 标题 | reported by | what it means |",
        "|---|---|---|---|---|---|",
    ]
    for r in RULES:
        by = "`validate`" if r.stage == "validate" else "the parser (`doc.findings`)"
        cells = (f"`{r.code}`", r.severity.value, r.title_en, r.title_zh, by, r.description)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
