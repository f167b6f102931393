"""The command line, called through ``main(argv)``."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import read_or_bug

import zwgk
from zwgk._cli import main

SEED = "seeds/003_cfccfa7d233b51e6.txt"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_parse_summary() -> None:
    code, out, err = run("parse", SEED)
    assert code == 0
    assert err == ""
    assert "year 2017, format legacy_2014, 1 table(s), 59 cells" in out
    assert "applications received: 25" in out


def test_parse_folder_json_lines() -> None:
    code, out, _ = run("parse", "seeds", "--format", "jsonl")
    assert code == 0
    docs = [zwgk.from_json(line) for line in out.splitlines()]
    assert [d.kind.value for d in docs] == ["annual_report"] * 4 + ["implementation_plan"]


def test_parse_json_round_trips() -> None:
    code, out, _ = run("parse", SEED, "--format", "json")
    assert code == 0
    assert zwgk.from_json(out).year == 2017


def test_unreadable_file_is_reported_and_others_go_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\xd8" + b"\x81\x20" * 50)
    code, out, err = run("parse", str(bad), SEED)
    assert code == 3
    assert err.startswith(f"zwgk: {bad}: cannot decode")
    assert err.count("\n") == 1
    assert "株洲市工商行政管理局" in out


def test_missing_file(tmp_path: Path) -> None:
    code, _, err = run("parse", str(tmp_path / "nope.txt"))
    assert code == 3
    assert "nope.txt" in err


def test_validate_exit_codes(tmp_path: Path) -> None:
    assert run("validate", SEED)[0] == 0
    page = Path(SEED).read_text(encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_text(page.replace("收到申请数\n\n  25", "收到申请数\n\n  26"), encoding="utf-8")
    code, out, _ = run("validate", str(broken))
    assert code == 1
    assert "identity.failed [L1]" in out
    assert run("validate", str(broken), "--fail-on", "never")[0] == 0


def test_validate_runs_the_rules_that_read_the_body(tmp_path: Path) -> None:
    # The statistics period printed in the body is on the parsed report: the command line
    # holds it against the title like any other rule, with no source text passed around.
    page = Path(SEED).read_text(encoding="utf-8")
    shifted = tmp_path / "shifted.txt"
    shifted.write_text(page.replace("统计期限自2017年", "统计期限自2016年"), encoding="utf-8")
    code, out, _ = run("validate", str(shifted), "--fail-on", "warning")
    assert code == 1
    assert "date.title_period_mismatch: the title names 2017 but the statistics period" in out


def test_validate_jsonl(tmp_path: Path) -> None:
    code, out, _ = run(
        "validate", "seeds/001_f34a2bd53015dbff.txt", "--format", "jsonl", "--fail-on", "info"
    )
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["code"] for r in rows] == ["report.year_assumed"]


def test_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out) == zwgk.json_schema()


def test_usage_error() -> None:
    assert run("frobnicate")[0] == 2
    assert run()[0] == 2


def test_facts_to_parquet_and_back(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    target = tmp_path / "facts.parquet"
    corpus = Path(__file__).resolve().parent / "corpus" / "dev"
    folders = ["seeds", str(corpus)]
    code, _, err = run("facts", *folders, "-o", str(target))
    assert code == 0
    # The corpus's notes, sources, gold values and PDFs are listed as skipped, not parsed.
    skipped = [line.split(": ")[1].removeprefix("skipped ") for line in err.splitlines()]
    assert str(corpus / "NOTES.md") in skipped
    assert all(Path(p).suffix in (".md", ".tsv", ".json", ".pdf") for p in skipped)
    frame = pd.read_parquet(target)
    assert [c.name for c in zwgk._analysis.frames.FACT_COLUMNS] == list(frame.columns)
    row = frame[(frame.indicator == "apps_received") & (frame.kind == "cell")].iloc[0]
    assert (int(row.value_int), row.raw, int(row.span_start)) == (25, "25", 2952)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["resources"][0]["path"] == "facts.parquet"


def test_python_m_zwgk_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "zwgk", "parse", "seeds/003_cfccfa7d233b51e6.txt"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "year 2017, format legacy_2014" in done.stdout


def test_a_reader_that_stops_early_ends_the_run_quietly() -> None:
    # `zwgk parse --format jsonl seeds | head -c 10`: the pipe closes after 10 bytes, while
    # zwgk still has most of its 105 kB to write (more than a pipe's 64 kB buffer).
    with subprocess.Popen(
        [sys.executable, "-m", "zwgk", "parse", "--format", "jsonl", "seeds"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.read(10) == b'{"schema_v'
        process.stdout.close()
        error = process.stderr.read().decode()
    assert process.returncode == 141
    assert "Traceback" not in error


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("parse", "--workers", "0", SEED), "argument --workers: must be 1 or more, got 0"),
        (("validate", "--workers", "two", SEED), "expected a whole number, got 'two'"),
        (("frobnicate",), "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(argv: tuple[str, ...], message: str) -> None:
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


def test_a_missing_extra_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def missing(*_args: object, **_kwargs: object) -> int:
        raise zwgk.MissingExtraError("pandas", "zwgk facts")

    monkeypatch.setattr("zwgk._cli.cmd_facts", missing)
    code, _, err = run("facts", SEED, "-o", str(tmp_path / "f.parquet"))
    assert code == 2
    assert (
        err
        == "zwgk: zwgk facts needs the optional dependency 'pandas': pip install 'zwgk[pandas]'\n"
    )


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / ".git" / "config.txt").write_text("x", encoding="utf-8")
    text = Path(SEED).read_text(encoding="utf-8")
    (folder / "A.TXT").write_text(text, encoding="utf-8")  # suffix in capitals: a document
    (folder / "sub" / "b.Html").write_text(text, encoding="utf-8")
    (folder / "NOTES.md").write_text("# notes\n2017年度报告 25", encoding="utf-8")
    (folder / "README.txt").write_text("about these files", encoding="utf-8")
    (folder / "table.csv").write_text("a,b", encoding="utf-8")
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    return folder


def test_folder_scan_lists_what_it_skips(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    code, out, err = run("parse", str(folder), "--format", "jsonl")
    assert code == 0
    assert [zwgk.from_json(line).year for line in out.splitlines()] == [2017, 2017]
    assert err.splitlines() == [
        f"zwgk: skipped {folder / 'NOTES.md'}: suffix .md is not one of .txt .html .htm .pdf .docx",
        f"zwgk: skipped {folder / 'README.txt'}: notes, not a document",
        f"zwgk: skipped {folder / 'broken.txt'}: broken link",
        f"zwgk: skipped {folder / 'pipe.txt'}: not a regular file (a FIFO)",
        f"zwgk: skipped {folder / 'table.csv'}: suffix .csv is not one of .txt .html .htm .pdf .docx",
    ]


def test_a_file_named_is_always_read_and_suffix_adds_to_a_folder_scan(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    code, out, _ = run("parse", str(folder / "NOTES.md"))
    assert code == 0
    assert out.startswith(f"{folder / 'NOTES.md'}: ")
    code, out, err = run("validate", str(folder), "--suffix", ".CSV", "--fail-on", "never")
    assert code == 0
    assert f"{folder / 'table.csv'}: " in out
    assert "table.csv" not in err
    assert "NOTES.md" in err


def test_special_files_are_refused_and_the_others_printed(tmp_path: Path) -> None:
    # `zwgk parse fifo.txt good.txt` once blocked forever, and /dev/zero grew to gigabytes.
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "zwgk", "parse", str(fifo), "/dev/zero", SEED],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 3
    assert done.stderr.splitlines() == [
        f"zwgk: {fifo}: not a regular file (a FIFO)",
        "zwgk: /dev/zero: not a regular file (a character device)",
    ]
    assert "株洲市工商行政管理局" in done.stdout


def test_a_folder_scan_names_what_it_skipped(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "a.txt")
    os.mkfifo(tmp_path / "b.txt")
    code, out, err = run("parse", str(tmp_path))
    assert code == 0
    assert err == f"zwgk: skipped {tmp_path / 'b.txt'}: not a regular file (a FIFO)\n"
    assert out.startswith(f"{tmp_path / 'a.txt'}: annual_report")


def test_a_file_that_crashes_the_parser_does_not_stop_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("zwgk._analysis.batch.read", read_or_bug)
    paths = []
    for i in range(6):
        path = tmp_path / f"{i}.txt"
        path.write_bytes(b"BUG" if i == 2 else f"停电通知{i}".encode())
        paths.append(str(path))
    code, out, err = run("parse", *paths, "--format", "jsonl", "--workers", "2")
    assert code == 3
    assert [zwgk.from_json(line).title for line in out.splitlines()] == [
        f"停电通知{i}" for i in (0, 1, 3, 4, 5)
    ]
    assert err.startswith(f"zwgk: {paths[2]}: internal error, please report it: ValueError")


def test_output_that_cannot_be_written_ends_with_one_line() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "zwgk", "parse", "--format", "jsonl", "seeds"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2
    assert done.stderr == "zwgk: cannot write the output: No space left on device\n"
