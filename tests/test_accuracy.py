"""The accuracy scoreboard (scripts/accuracy.py): its matching on constructed cases and a floor."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "accuracy.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("zwgk_accuracy", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


acc = _load()

# The text-form totals measured on 2026-12-06 (docs/accuracy.md): lower bounds (an upper bound
# for wrong cells), so that a regression fails. Raise them when the library reads more.
FLOOR = {
    "cells_right": 1651,
    "cells_wrong": 0,
    "kind_right": 36,
    "meta_right": 245,
    "tasks_found": 207,
    "leads_matched": 226,
}


def _cell(row: tuple[str, ...], col: tuple[str, ...], value: Any) -> SimpleNamespace:
    return SimpleNamespace(row_labels=row, column_labels=col, value=value)


def _doc(*cells: SimpleNamespace, title: str = "统计表") -> SimpleNamespace:
    return SimpleNamespace(tables=[SimpleNamespace(title=title, cells=list(cells))])


def _score(gold_cells: list[dict[str, Any]], doc: SimpleNamespace) -> Any:
    result = acc.DocResult("x", "text")
    acc.score_cells({"cells": gold_cells}, doc, result)
    return result


def _gold(row: list[str | None], col: str, value: Any, table: str = "统计表") -> dict[str, Any]:
    return {"table": table, "row": row, "col": col, "value": value}


@pytest.mark.parametrize(
    ("printed", "library"),
    [
        ("其中：1．网站公开", "其中:1、网站公开"),  # full-width colon and dot, 、
        ("其中：1同意公开答复数", "1.同意公开答复数"),  # no dot after the number
        (
            "（二）部分公开",
            "(二)部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),  # note dropped
        ("规范性文件", "行政规范性文件"),  # one label inside the other
        ("2.其他法律行政止公开", "2.其他法律行政法规禁止公开"),  # a misprint: closest label
        ("指 标 名 称", "指标名称"),  # spaced out
    ],
)
def test_label_variants_match(printed: str, library: str) -> None:
    doc = _doc(_cell(("其它行",), ("年末统计",), 9), _cell((library,), ("年末统计",), 3))
    result = _score([_gold(["上级", printed], "年末统计", 3)], doc)
    assert (result.score.cells_right, result.score.cells_missing) == (1, 0)


def test_right_open_wrong_missing_are_counted_apart() -> None:
    doc = _doc(
        _cell(("一、本年新收政府信息公开申请数量",), ("申请人情况", "自然人"), 71),
        _cell(("一、本年新收政府信息公开申请数量",), ("申请人情况", "总计"), None),
        _cell(("二、上年结转政府信息公开申请数量",), ("申请人情况", "总计"), 2),
    )
    result = _score(
        [
            _gold([None, "一、本年新收政府信息公开申请数量"], "自然人", 71),
            _gold([None, "一、本年新收政府信息公开申请数量"], "总计", 74),
            _gold([None, "二、上年结转政府信息公开申请数量"], "总计", 1),
            _gold([None, "四、结转下年度继续办理"], "总计", 0),
        ],
        doc,
    )
    s = result.score
    assert (s.cells_right, s.cells_open, s.cells_wrong, s.cells_missing) == (1, 1, 1, 1)
    assert result.cells_wrong[0]["got"] == "2"


def test_a_library_cell_is_used_once_and_columns_must_agree() -> None:
    # Two gold cells on one row: each finds its own column, never the other's.
    doc = _doc(
        _cell(("主动公开文件数",), ("2016年度",), 3460),
        _cell(("主动公开文件数",), ("历年累计",), 85376),
    )
    gold = [
        _gold([None, "主动公开文件数"], "2016年", 3460),
        _gold([None, "主动公开文件数"], "历年累计", 85376),
    ]
    assert _score(gold, doc).score.cells_right == 2
    # The same gold cell twice: the second finds no unused cell.
    assert _score([gold[1], gold[1]], doc).score.cells_missing == 1


def test_one_row_table_paths_and_money() -> None:
    # f2021 表四 has no column labels: the column ends the library's row path.
    doc = _doc(
        _cell(("行政复议", "总计"), (), 2),
        _cell(("行政诉讼", "未经复议直接起诉", "总计"), (), 1),
        _cell(("行政诉讼", "复议后起诉", "总计"), (), 0),
        _cell(
            ("第二十条第（八）项", "行政事业性收费"),
            ("本年收费金额（单位：万元）",),
            Decimal("9116.36"),
        ),
    )
    result = _score(
        [
            _gold([None, "行政诉讼/复议后起诉"], "总计", 0),
            _gold([None, "行政诉讼/未经复议直接起诉"], "总计", 1),
            _gold([None, "行政复议"], "总计", 2),
            _gold(
                ["第二十条第（八）项", "行政事业性收费"],
                "本年收费金额（单位：万元）",
                Decimal("9116.36"),
            ),
        ],
        doc,
    )
    assert result.score.cells_right == 4


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("区法院", "法院", True),
        ("检察院", "区检察院", True),
        ("区市场监管局", "市场监管局", True),
        ("平潭综合实验区财政金融局", "财政金融局", True),
        ("省编办（省审改办）", "省编办(省审改办)", True),
        ("法院", "检察院", False),
        ("区公安局", "公安", False),
        ("市场监管局", "场监管局", False),
    ],
)
def test_unit_names_compare_without_the_region_prefix(a: str, b: str, same: bool) -> None:
    assert acc.same_unit(a, b) is same
    assert acc.same_unit(b, a) is same


def test_tasks_by_path_and_leads_by_name() -> None:
    def unit(name: str) -> SimpleNamespace:
        return SimpleNamespace(name=name, full_name=None)

    tasks = [
        SimpleNamespace(path=("二", "(一)", "1"), lead=(unit("区法院"), unit("区公安局"))),
        SimpleNamespace(path=("二", "(一)", "2"), lead=(unit("法院"),)),
    ]
    doc = SimpleNamespace(walk_tasks=lambda: iter(tasks))
    gold = {
        "tasks": [
            {"path": ["二", "（一）", "1"], "lead": ["法院", "检察院"]},
            {"path": ["二", "（一）", "2"], "lead": ["区法院"]},
            {"path": ["二", "（二）", "3"], "lead": ["区财政金融局"]},
        ]
    }
    result = acc.DocResult("x", "text")
    acc.score_tasks(gold, doc, result)
    s = result.score
    assert (s.tasks_found, s.tasks_expected) == (2, 3)
    assert (s.leads_matched, s.leads_predicted, s.leads_expected) == (2, 3, 4)
    assert result.tasks_missing == [["二", "（二）", "3"]]


def test_the_corpus_is_scored_in_full() -> None:
    golds = acc.load_gold()
    results, totals = acc.run(golds, forms=("text",))
    assert sorted(r.doc for r in results) == sorted(g["id"] for g in golds)
    assert not [r.doc for r in results if r.error]
    text = totals["text"]
    assert text.cells_total == sum(len(g["cells"]) for g in golds)
    assert text.tasks_expected == sum(len(g["tasks"]) for g in golds)
    assert text.cells_right >= FLOOR["cells_right"]
    assert text.cells_wrong <= FLOOR["cells_wrong"]
    assert text.kind_right >= FLOOR["kind_right"]
    assert text.meta_right >= FLOOR["meta_right"]
    assert text.tasks_found >= FLOOR["tasks_found"]
    assert text.leads_matched >= FLOOR["leads_matched"]
