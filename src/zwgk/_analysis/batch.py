"""Parse a corpus in parallel, and write its facts to Parquet or CSV with a data package.

`zwgk.parse_many` parses files (or texts
wrapped in `zwgk.RawText`) in worker processes and
yields one `zwgk.ParseResult` per input, in
input order, with a bounded number of tasks in flight so memory stays flat on
a corpus of any size; a file that cannot be read or parsed gives a result
with an ``error`` and the others go on.

`zwgk.write_facts` streams the facts of
documents to ``.parquet`` or ``.csv`` in batches, and writes a
Frictionless-style ``datapackage.json`` beside the file that describes every
column.  `zwgk.read_facts` reads either back
with the documented dtypes.
"""

from __future__ import annotations

import collections
import functools
import importlib
import io
import json
import operator
import os
import pickle
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from zwgk._analysis.facts import Fact, facts
from zwgk._analysis.frames import FACT_COLUMNS, facts_frame, pandas_module
from zwgk._errors import InputError, MissingExtraError, ZwgkError
from zwgk._files import read
from zwgk._model import MODEL_CLASSES
from zwgk._model.documents import AnyDocument
from zwgk._parse.dispatch import parse
from zwgk._parse.text import not_regular
from zwgk._version import __version__

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "ParseResult",
    "RawText",
    "cmd_facts",
    "parse_many",
    "read_facts",
    "write_facts",
]

#: File suffixes taken as documents from a folder (in any case: ``.TXT`` too).  Other files
#: of a folder, notes (``README``, ``NOTES``…) and hidden entries are skipped; a file named
#: on the command line is always read.
SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")

#: Stems of notes that sit beside documents in a folder (any case, any suffix).
NOTES_STEMS = frozenset(
    {"readme", "notes", "license", "licence", "changelog", "contributing", "authors", "todo"}
)

#: What ends a CSV record: CR LF, so that a field holding a CR or an LF is quoted.
_CSV_LINE_END = "\r\n"

#: Columns that are never missing: an empty field in CSV is an empty string there.
_NEVER_MISSING = frozenset({"row_label", "raw"})


@attrs.frozen
class RawText:
    """Text (or bytes) to parse as it is, not a path; ``source`` names it in results.

    ``parse_many`` reads a ``str`` as a file path, never as text: wrap text
    in ``RawText`` to parse it.

    Example:
        >>> from zwgk import RawText, parse_many
        >>> [r.document.kind.value for r in parse_many([RawText("停电通知", source="n1")], workers=1, progress=False)]
        ['other']
    """

    text: str | bytes
    source: str | None = None


@attrs.frozen
class ParseResult:
    """What parsing one input gave: the document, or the error that stopped it.

    ``source`` is the path as given (or the ``RawText``'s source, else
    ``<text #i>`` with its input position); exactly one of ``document`` and
    ``error`` is set.

    Example:
        >>> from zwgk import parse_many
        >>> result = next(parse_many(["no/such/file.txt"], workers=1, progress=False))
        >>> (result.ok, result.document, result.error.startswith("[Errno 2]"))
        (False, None, True)
    """

    source: str
    document: AnyDocument | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the input was parsed."""
        return self.document is not None


def _parse_one(item: str | RawText, source: str) -> ParseResult:
    """Read and parse one input; runs in a worker process (module-level so it pickles)."""
    try:
        if isinstance(item, RawText):
            doc = parse(item.text, source=item.source)
        else:
            doc = read(Path(item))
            doc = doc if doc.source == source else attrs.evolve(doc, source=source)
    except (OSError, ZwgkError) as exc:
        return ParseResult(source, None, str(exc) or type(exc).__name__)
    except Exception as exc:  # a bug in zwgk: this input fails, the batch goes on
        return ParseResult(source, None, f"internal error, please report it: {exc!r}")
    return ParseResult(source, doc, None)


#: The error of an input whose worker process died twice, the second time alone.
WORKER_DIED = "the worker process died while parsing it, and again when retried alone"

#: The most inputs a worker parses per task; the first tasks hold one input, then two,
#: four… (so a short list still spreads over every worker).
CHUNK = 8

#: Inputs a worker parses in one task, each with the source its result names.
Chunk = list[tuple[str | RawText, str]]


def _parse_chunk(chunk: Chunk) -> bytes:
    """Parse a chunk of inputs in a worker process; the results come back as one pickle."""
    return _pack([_parse_one(item, source) for item, source in chunk])


def _keywords(cls: type, names: tuple[str, ...], values: tuple[object, ...]) -> object:
    return cls(**dict(zip(names, values, strict=True)))


def _by_position(values: Callable[[Any], tuple[Any, ...]], obj: Any) -> tuple[Any, ...]:
    return type(obj), values(obj)


def _by_keyword(
    names: tuple[str, ...], values: Callable[[Any], tuple[Any, ...]], obj: Any
) -> tuple[Any, ...]:
    return _keywords, (type(obj), names, values(obj))


@functools.cache
def _reducers() -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    """How each model class pickles: its constructor and its field values, nothing else.

    The default (a dict of field names per object, set back one by one) costs the parent
    process more to read than the constructor called on a tuple.  A class with fewer than
    two fields, or a field its constructor does not take by its name, pickles the default way.
    """
    table: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
    for cls in MODEL_CLASSES.values():
        fields = attrs.fields(cls)
        if len(fields) < 2 or not all(f.init and f.alias == f.name for f in fields):
            continue
        names = tuple(f.name for f in fields)
        values = operator.attrgetter(*names)
        if any(f.kw_only for f in fields):
            table[cls] = functools.partial(_by_keyword, names, values)
        else:
            table[cls] = functools.partial(_by_position, values)
    return table


def _pack(results: list[ParseResult]) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    # This pickler's own table: pickling anywhere else stays as attrs makes it.
    pickler.dispatch_table = _reducers()
    pickler.dump(results)
    return buffer.getvalue()


def _parse_alone(item: str | RawText, source: str) -> ParseResult:
    """Parse one input in a fresh process of its own: if that dies too, the input failed."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(_parse_one, item, source).result()
        except BrokenProcessPool:
            return ParseResult(source, None, WORKER_DIED)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _progress(total: int | None, enabled: bool) -> Any:
    """A tqdm bar on a terminal when tqdm is installed, else ``None``."""
    isatty = getattr(sys.stderr, "isatty", None)
    if not enabled or isatty is None or not isatty():
        return None
    try:
        tqdm = importlib.import_module("tqdm")  # optional, not a dependency
    except ImportError:
        return None
    return tqdm.tqdm(total=total, unit="doc", file=sys.stderr)


def _normalize(
    inputs: Iterable[str | os.PathLike[str] | RawText],
) -> Iterator[tuple[str | RawText, str]]:
    for i, item in enumerate(inputs):
        if isinstance(item, RawText):
            yield item, item.source if item.source is not None else f"<text #{i}>"
        elif isinstance(item, (str, os.PathLike)):
            path = os.fspath(item)
            yield path, path
        else:
            raise InputError(
                f"expected a path (str or os.PathLike) or RawText, got {type(item).__name__}",
                where=f"input #{i}",
            )


def parse_many(
    inputs: Iterable[str | os.PathLike[str] | RawText],
    *,
    workers: int | None = None,
    progress: bool = True,
) -> Iterator[ParseResult]:
    """Parse many inputs, yielding one result per input, in input order.

    An input is a path (``str`` or ``pathlib.Path``; a ``str`` is always a
    path, never text) or a `zwgk.RawText`.  Files
    are read as bytes, so any encoding ``zwgk.parse`` decodes will do.  A file
    that cannot be read (``OSError``: missing, a folder, no permission) or
    parsed (any `zwgk.ZwgkError`) gives a result with ``error``
    set; the others go on.  So does an input that meets a bug (any other
    exception: the error says so) and one that kills its worker process: every
    input that was in flight in a pool whose worker died is retried alone in a
    fresh process, and the one that kills that one too fails with
    ``WORKER_DIED``.  FIFOs, devices and sockets are refused unread, and at
    most the size limit plus one byte of a file is read.

    ``workers`` is the number of processes (default: the CPUs this process
    may use); with one, inputs are parsed in this process.  Workers take
    inputs in chunks of up to `CHUNK` and send each chunk's results back
    as one message; at most two chunks per worker are in flight, so a huge
    corpus streams through in flat memory.  ``progress`` shows a tqdm bar
    on standard error when tqdm is installed and standard error is a
    terminal, and nothing otherwise.

    Example:
        >>> from zwgk import parse_many
        >>> paths = ["seeds/003_cfccfa7d233b51e6.txt", "seeds"]
        >>> for r in parse_many(paths, workers=1, progress=False):
        ...     print(r.source, r.document.year if r.ok else r.error)
        seeds/003_cfccfa7d233b51e6.txt 2017
        seeds [Errno 21] Is a directory: 'seeds'
    """
    count = workers if workers is not None else _cpus()
    if count < 1:
        raise InputError(f"workers must be >= 1, got {count}")
    total = len(inputs) if isinstance(inputs, Sequence) else None
    bar = _progress(total, progress)
    try:
        if count == 1:
            for item, source in _normalize(inputs):
                result = _parse_one(item, source)
                if bar is not None:
                    bar.update(1)
                yield result
            return
        pool = ProcessPoolExecutor(max_workers=count)
        try:
            pending: collections.deque[tuple[Chunk, Future[bytes]]] = collections.deque()

            def submit(chunk: Chunk) -> None:
                nonlocal pool
                try:
                    future = pool.submit(_parse_chunk, chunk)
                except BrokenProcessPool:  # a worker died: go on with a fresh pool
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = ProcessPoolExecutor(max_workers=count)
                    future = pool.submit(_parse_chunk, chunk)
                pending.append((chunk, future))

            def take() -> Iterator[ParseResult]:
                chunk, future = pending.popleft()
                try:
                    results: list[ParseResult] = pickle.loads(future.result())
                except BrokenProcessPool:
                    # Some worker died (killed, out of memory); every input in flight is
                    # retried alone, so only the one that kills its process fails.
                    results = [_parse_alone(item, source) for item, source in chunk]
                for result in results:
                    if bar is not None:
                        bar.update(1)
                    yield result

            chunk: Chunk = []
            chunks = 0
            for item, source in _normalize(inputs):
                chunk.append((item, source))
                if len(chunk) >= min(CHUNK, 2 ** (chunks // count)):
                    submit(chunk)
                    chunk, chunks = [], chunks + 1
                    if len(pending) >= 2 * count:
                        yield from take()
            if chunk:
                submit(chunk)
            while pending:
                yield from take()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    finally:
        if bar is not None:
            bar.close()


# --- writing facts ---------------------------------------------------------------------------

_FORMATS = {".parquet": "parquet", ".csv": "csv"}


def _output_format(path: Path) -> str:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot write facts to {path.name!r}: use a .parquet or .csv file")
    return fmt


def _arrow_schema(pa: Any) -> Any:
    types = {"string": pa.string(), "Int64": pa.int64(), "boolean": pa.bool_()}
    return pa.schema(
        [
            pa.field(spec.name, types[spec.dtype], metadata={"description": spec.description})
            for spec in FACT_COLUMNS
        ]
    )


def _batches(docs: Iterable[AnyDocument], size: int) -> Iterator[list[Fact]]:
    batch: list[Fact] = []
    for fact in facts(docs):
        batch.append(fact)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _resource_name(path: Path) -> str:
    """A Frictionless resource name (``[a-z0-9._-]``) from the file name, suffix kept."""
    return re.sub(r"[^a-z0-9._-]+", "-", path.name.lower()).strip("-") or "facts"


def _write_datapackage(path: Path, fmt: str) -> Path:
    package_path = path.parent / "datapackage.json"
    fields = []
    for spec in FACT_COLUMNS:
        field: dict[str, Any] = {
            "name": spec.name,
            "type": spec.type,
            "description": spec.description,
        }
        if spec.name in _NEVER_MISSING:
            field["missingValues"] = []  # an empty field is an empty string here
        fields.append(field)
    resource: dict[str, Any] = {
        "name": _resource_name(path),
        "path": path.name,
        "format": fmt,
        "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
        "description": (
            "One row per table cell and narrative fact of each annual report (zwgk facts). "
            "A value is in value_int (counts) or value_decimal (money, exact decimal text); "
            "both empty means blank, dash, slash, 无 or text, never zero."
        ),
        "schema": {"fields": fields, "missingValues": [""]},
    }
    if fmt == "csv":
        resource["profile"] = "tabular-data-resource"
        resource["encoding"] = "utf-8"
        resource["dialect"] = {
            "delimiter": ",",
            "doubleQuote": True,
            "header": True,
            "lineTerminator": _CSV_LINE_END,
        }
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": "zwgk-facts",
        "title": "Facts of government information-disclosure annual reports",
        "x_zwgk_version": __version__,
        "resources": [],
    }
    if package_path.exists():
        try:
            existing = json.loads(package_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            existing = None
        if isinstance(existing, dict) and isinstance(existing.get("resources"), list):
            package = existing
            package["resources"] = [
                r
                for r in existing["resources"]
                if not (isinstance(r, dict) and r.get("path") == path.name)
            ]
    package["resources"].append(resource)
    package_path.write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return package_path


def write_facts(
    docs: Iterable[AnyDocument], path: str | os.PathLike[str], *, batch_size: int = 50_000
) -> int:
    """Write the facts of ``docs`` to ``path`` (``.parquet`` or ``.csv``); returns the row count.

    The columns are ``FACT_COLUMNS`` (see ``zwgk._analysis.frames``).  Facts
    are written in batches of ``batch_size`` rows as the documents stream in.
    Decimals stay exact: ``value_decimal`` is the decimal's text, a string
    column in Parquet and in CSV (no float ever).  In CSV an empty field is a
    missing value, except in ``raw`` and ``row_label`` which are never
    missing.  Beside the file, ``datapackage.json`` (Frictionless data
    package) describes the columns; an existing one gets this file's resource
    added or replaced.  Needs the ``pandas`` extra (and ``pyarrow`` for
    Parquet).  Raises `zwgk.InputError` for another suffix.

    Example:
        >>> import tempfile, zwgk
        >>> from pathlib import Path
        >>> from zwgk import read_facts, write_facts
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     n = write_facts([report], Path(folder) / "facts.csv")
        ...     back = read_facts(Path(folder) / "facts.csv")
        ...     package = (Path(folder) / "datapackage.json").exists()
        >>> print(n, len(back), package, back.loc[17, "value_int"])
        72 72 True 25
    """
    target = Path(path)
    fmt = _output_format(target)
    if batch_size < 1:
        raise InputError(f"batch_size must be >= 1, got {batch_size}")
    pandas_module("write_facts")
    # The rows go to a hidden file first: the file appears under its name, with its
    # datapackage.json beside it, only when every row is written.
    partial = target.with_name(f".{target.name}.partial")
    try:
        count = _write_rows(docs, partial, fmt, batch_size)
        _write_datapackage(target, fmt)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _write_rows(docs: Iterable[AnyDocument], target: Path, fmt: str, batch_size: int) -> int:
    count = 0
    if fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:  # pragma: no cover - depends on the environment
            raise MissingExtraError("pandas", "write_facts to Parquet") from None
        schema = _arrow_schema(pa)
        with pq.ParquetWriter(str(target), schema) as writer:
            for batch in _batches(docs, batch_size):
                frame = facts_frame(batch, feature="write_facts")
                writer.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
                count += len(batch)
    else:
        with target.open("w", encoding="utf-8", newline="") as handle:
            # CR LF ends a record (RFC 4180), so a field holding a lone CR is quoted too
            # and reads back whole.
            empty = facts_frame([], feature="write_facts")
            empty.to_csv(handle, index=False, lineterminator=_CSV_LINE_END)
            for batch in _batches(docs, batch_size):
                frame = facts_frame(batch, feature="write_facts")
                frame.to_csv(handle, index=False, header=False, lineterminator=_CSV_LINE_END)
                count += len(batch)
    return count


def read_facts(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a file written by `zwgk.write_facts` with the documented dtypes.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from zwgk import read_facts, write_facts
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = write_facts([], Path(folder) / "facts.parquet")
        ...     frame = read_facts(Path(folder) / "facts.parquet")
        >>> (len(frame), str(frame["value_int"].dtype))
        (0, 'Int64')
    """
    target = Path(path)
    fmt = _output_format(target)
    pd = pandas_module("read_facts")
    dtypes = {spec.name: spec.dtype for spec in FACT_COLUMNS}
    if fmt == "parquet":
        # Nullable dtypes straight from Arrow: an int64 column with gaps never passes
        # through float64, where integers past 2**53 change.
        frame = pd.read_parquet(target, dtype_backend="numpy_nullable")
    else:
        frame = pd.read_csv(
            target,
            dtype=dtypes,
            keep_default_na=False,
            na_values={name: [""] for name in dtypes if name not in _NEVER_MISSING},
        )
    return frame[[spec.name for spec in FACT_COLUMNS]].astype(dtypes)


# --- command line ----------------------------------------------------------------------------


def _skip_reason(path: Path, suffixes: Sequence[str]) -> str | None:
    """Why a folder entry is not taken as a document, or ``None`` to take it."""
    if path.is_symlink() and not path.exists():
        return "broken link"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return exc.strerror or str(exc)
    kind = not_regular(mode)
    if kind is not None:
        return f"not a regular file ({kind})"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    if path.suffix.lower() not in suffixes:
        return f"suffix {path.suffix or '(none)'} is not one of {' '.join(suffixes)}"
    if path.stem.lower() in NOTES_STEMS:
        return "notes, not a document"
    return None


def document_files(
    paths: Sequence[str | os.PathLike[str]], err: TextIO, suffixes: Sequence[str] = ()
) -> Iterator[Path]:
    """The files to parse: each path named, and the documents found in each folder named.

    A folder is searched (recursively, in name order) for files whose suffix,
    in any case, is one of `SUFFIXES` or of ``suffixes``; every other entry is
    listed on ``err`` (``zwgk: skipped PATH: why``): other suffixes, notes
    (``README``, ``NOTES``…), broken links and files that are not regular
    files.  Hidden entries (``.git``) are passed over silently.  A path that is
    not a folder is always yielded: naming a file means reading it.

    Examples:
        >>> import io
        >>> from zwgk._analysis.batch import document_files
        >>> err = io.StringIO()
        >>> [p.name for p in document_files(["seeds"], err)][:2]
        ['000_cfc0556bba3b7f24.txt', '001_f34a2bd53015dbff.txt']
        >>> err.getvalue()
        ''
    """
    wanted = tuple(dict.fromkeys([*SUFFIXES, *(x.lower() for x in suffixes)]))
    for name in paths:
        path = Path(name)
        if not path.is_dir():
            yield path
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for entry in sorted(files):
                if entry.startswith("."):
                    continue
                found = Path(folder) / entry
                reason = _skip_reason(found, wanted)
                if reason is None:
                    yield found
                else:
                    print(f"zwgk: skipped {found}: {reason}", file=err)


def cmd_facts(
    paths: list[str], output: str, out: TextIO, err: TextIO, suffixes: Sequence[str] = ()
) -> int:
    """``zwgk facts PATH... -o facts.parquet|facts.csv``: write the facts of every annual report.

    Folders are searched as `document_files` does (``suffixes`` adds to
    ``.txt``, ``.html``, ``.htm``; skipped entries are listed on ``err``).  A
    file that cannot be read or parsed gets one line on ``err``
    (``zwgk: PATH: message``) and the others are still written.  Prints one
    summary line on ``out``.  Returns 0, 3 when some files failed, 2 when the
    output cannot be written at all (wrong suffix, missing extra, I/O error).

    Example:
        >>> import io, tempfile
        >>> from pathlib import Path
        >>> from zwgk._analysis.batch import cmd_facts
        >>> out, err = io.StringIO(), io.StringIO()
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     code = cmd_facts(["seeds/003_cfccfa7d233b51e6.txt", "missing.txt"],
        ...                      str(Path(folder) / "facts.csv"), out, err)
        >>> code, err.getvalue().startswith("zwgk: missing.txt: [Errno 2]")
        (3, True)
        >>> out.getvalue().startswith("wrote 72 facts from 1 of 2 files to ")
        True
    """
    target = Path(output)
    try:
        _output_format(target)
    except InputError as exc:
        print(f"zwgk: {output}: {exc}", file=err)
        return 2
    files = list(document_files(paths, err, suffixes))
    failed = 0

    def documents() -> Iterator[AnyDocument]:
        nonlocal failed
        for result in parse_many(files, progress=err is sys.stderr):
            if result.document is None:
                failed += 1
                print(f"zwgk: {result.source}: {result.error}", file=err)
            else:
                yield result.document

    try:
        count = write_facts(documents(), target)
    except (OSError, MissingExtraError) as exc:
        print(f"zwgk: {output}: {exc}", file=err)
        return 2
    print(
        f"wrote {count} facts from {len(files) - failed} of {len(files)} files to {output}",
        file=out,
    )
    return 3 if failed else 0
