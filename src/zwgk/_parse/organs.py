"""Which organ issued a document, as printed, and its resolved `zwgk.Agency`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from zwgk._agency import agency as resolve
from zwgk._model import Agency
from zwgk._parse.common import Common
from zwgk._text.dates import YEAR
from zwgk._text.vocab import ORGAN_SUFFIX, organ_suffixes

_ORGAN_END = ORGAN_SUFFIX
# "株洲市工商行政管理局2017年度…报告", "…管委会办公室关于印发…的通知",
# "2024年XX公安局“双随机、一公开”抽查工作计划"
_TITLE_ORGAN = re.compile(
    rf"^(?:{YEAR}年(?:度)?)?(?P<organ>[\u4e00-\u9fff()]{{2,40}}?{_ORGAN_END})[ \n]*"
    rf"(?:{YEAR}|关于|印发|政府信息公开|政务公开|政务信息公开|[\"“《「])"
)
_REGION_PREFIX = re.compile(
    r"^(?P<region>[\u4e00-\u9fff]{2,12}?(?:综合实验区|新区|开发区|自治州|地区|省|市|县|区|盟|旗))"
)
# "…由株洲市工商局办公室编制", "我区管委会办公室编制完成了本报告"
_COMPILER_START = r"(?:由|我区|我市|我县|我省|[,，、。]由?)"
_COMPILER_LINE = rf"(?P<organ>[\u4e00-\u9fff]{{0,30}}?{_ORGAN_END})(?:根据|负责)?[^。]{{0,8}}编制"
_COMPILER_CONTACT = rf"请与(?P<contact>[\u4e00-\u9fff]{{2,30}}?{_ORGAN_END})"
# Quick tests before the organ is read: how a line starts, and 编制 close enough after its
# start (the organ, its ending, 根据/负责 and 8 more characters).
_SOON = 32 + max(map(len, organ_suffixes())) + 8
_COMPILED_SOON = rf"(?=[^。]{{0,{_SOON}}}编制)"
_COMPILER = re.compile(
    rf"(?=[由我,，、。请])(?:{_COMPILER_START}{_COMPILED_SOON}{_COMPILER_LINE}|{_COMPILER_CONTACT})"
)
#: How far before its 编制 a compiler line starts at most: its start word and the reach.
_COMPILER_REACH = 2 + _SOON
_NOT_ORGANS = frozenset({"中国平潭", "本网", "本站", "网站"})


def issuing_organ(common: Common, norm: str) -> str | None:
    """The issuing organ's name as printed: title, compiler line, page metadata, signature.

    An organ that opens the title names the issuer; failing that, a body line saying
    which organ compiled the document ("本报告由X编制") outranks the page's 来源 field,
    which often names the site that carries the page rather than the organ it is about.

    Examples:
        >>> from zwgk._parse.text import read_input
        >>> from zwgk._parse.common import read_common
        >>> src = read_input("株洲市工商行政管理局2017年度政府信息公开工作年度报告\\n正文")
        >>> issuing_organ(read_common(src), src.norm)
        '株洲市工商行政管理局'
    """
    title = common.title.replace(" ", "").replace("\n", "")
    m = _TITLE_ORGAN.match(title)
    if m:
        return m.group("organ")
    above = _organ_above_title(norm, common.body_start, common.title)
    if above is not None:
        return above
    publisher = common.publisher
    for compiler in _compiler_lines(norm, common.body_start, common.body_start + 3000):
        organ = _SELF.sub("", compiler.group("organ") or compiler.group("contact"))
        if any(word in organ for word in ("各", "汇总", "综合各")) or len(organ) < 2:
            continue
        region = _REGION_PREFIX.match(title)
        if region and not organ.startswith(region.group("region")) and len(organ) <= 8:
            organ = region.group("region") + organ
        return organ
    if publisher and publisher not in _NOT_ORGANS and re.search(f"{_ORGAN_END}$", publisher):
        return publisher
    if common.signature is not None:
        return _trim(common.signature.org)
    return publisher if publisher and publisher not in _NOT_ORGANS else None


def _compiler_lines(norm: str, start: int, end: int) -> Iterator[re.Match[str]]:
    # ``_COMPILER.finditer(norm, start, end)``, read from where the first line can start:
    # within reach before the first 编制, or at the first 请与 (none where neither is printed).
    made, contact = norm.find("编制", start, end), norm.find("请与", start, end)
    froms = [made - _COMPILER_REACH] if made != -1 else []
    if contact != -1:
        froms.append(contact)
    return _COMPILER.finditer(norm, max(start, min(froms)), end) if froms else iter(())


_ORGAN_LINE_END = re.compile(
    rf"(?:^|[\s>])(?P<organ>[\u4e00-\u9fff()]{{2,40}}?{_ORGAN_END})[ \n]*$"
)


def _organ_above_title(norm: str, body_start: int, title: str) -> str | None:
    # The body repeats a page's title with the issuing organ above or before it
    # (「平潭综合实验区管委会办公室\n关于印发《…》的通知」) where the page's title field has none.
    if len(title) < 6:
        return None
    at = norm.find(title, body_start, body_start + 1500)
    while at != -1:
        m = _ORGAN_LINE_END.search(norm, max(body_start, at - 42), at)
        if m is not None:
            return m.group("organ")
        at = norm.find(title, at + len(title), body_start + 1500)
    return None


_SELF = re.compile(r"^(?:我|本)?(?:区|市|县|省|局)(?=[\u4e00-\u9fff]{2})")


def _trim(organ: str) -> str:
    # A signature line may carry the tail of the text before it
    # ("…工作流程平潭综合实验区管委会办公室"): keep the shortest tail that names a division.
    if len(organ) <= 12:
        return organ
    for i in range(len(organ) - 4, -1, -1):
        if resolve(organ[i:]).division_code is not None:
            return organ[i:]
    return organ


def resolve_agency(common: Common, norm: str, *, year: int | None = None) -> Agency | None:
    """The document's `zwgk.Agency`, its short names resolved with the page as context."""
    organ = issuing_organ(common, norm)
    if organ is None:
        return None
    context = " ".join(
        x for x in (common.title, norm[common.body_start : common.body_start + 1500]) if x
    )
    return resolve(organ, context=context, year=year)
