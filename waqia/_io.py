"""Reading documents from files, folders, JSONL and stdin — without letting one bad input stop the rest.

:func:`read_documents` yields a :class:`~waqia.Document` for every readable article and an
:class:`~waqia.InputError` (never raised, yielded) for every input that is not, with the file and
line it came from and a reason a person can act on.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from waqia._errors import InputError
from waqia.document import Document

# A news article is tens of kilobytes; a bigger input is usually a dump that needs splitting,
# and the event stage's cost grows faster than linearly within one document.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".txt.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
STDIN = "-"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in 1 MiB chunks (model files, partitions, the gazetteer)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read. ``pub_date`` applies to plain-text inputs, which carry no date."""

    pub_date: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


_WIDE_ENCODINGS = (  # UTF-32 first: UTF-32 text also decodes as UTF-16, full of NULs
    ("utf-32-le", 4, "UTF-32 (little-endian)"),
    ("utf-32-be", 4, "UTF-32 (big-endian)"),
    ("utf-16-le", 2, "UTF-16 (little-endian)"),
    ("utf-16-be", 2, "UTF-16 (big-endian)"),
)


def _wide_encoding(sample: bytes) -> str | None:
    """The UTF-16/32 form a BOM-less sample decodes to as readable text, if any."""
    for encoding, unit, name in _WIDE_ENCODINGS:
        try:
            text = sample[: len(sample) // unit * unit].decode(encoding)
        except UnicodeDecodeError:
            continue
        readable = sum(c.isprintable() or c in "\n\r\t" for c in text)
        if text and readable >= 0.95 * len(text):
            return name
    return None


def decode_bytes(data: bytes, source: str) -> str:
    """Decode an input's bytes to text, or raise :class:`InputError` saying why it cannot be."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(
                    source, f"starts with a {encoding} byte-order mark but {error.reason}"
                ) from None
    if b"\x00" in data[:4096]:
        wide = _wide_encoding(data[:4096])
        if wide is not None:
            raise InputError(source, f"looks like {wide} without a byte-order mark; convert it to UTF-8")
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            source, f"not valid UTF-8 (byte {error.start}: {error.reason}); convert it to UTF-8"
        ) from None
    return text


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_text(text: str, source: str, line: int | None = None) -> None:
    if (surrogate := _LONE_SURROGATE.search(text)) is not None:
        # only a JSON escape ("\ud800") can bring one in; no UTF encoding can carry it back out
        raise InputError(
            source,
            f"contains a lone surrogate (U+{ord(surrogate.group()):04X}) at character {surrogate.start()}, "
            "which is not text",
            line,
        )
    if not text.strip():
        raise InputError(source, "empty document (no text)", line)
    head = text.lstrip()[:512].lower()
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head):
        raise InputError(source, "looks like an HTML page; extract the article text first", line)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    source = str(path)
    try:
        if path.name.endswith(".gz"):
            with gzip.open(path, "rb") as compressed:
                data = compressed.read(max_bytes + 1)
        else:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except (OSError, EOFError, zlib.error) as error:  # gzip.BadGzipFile is an OSError; a corrupt body is not
        raise InputError(source, f"cannot be read: {error}") from None
    if len(data) > max_bytes:
        raise InputError(
            source, f"larger than the {max_bytes // (1024 * 1024)} MB limit for one input (--max-bytes)"
        )
    return data


def _text_document(text: str, doc_id: str, source: str, options: ReadOptions) -> Document:
    _check_text(text, source)
    doc = Document(raw=text, doc_id=doc_id, pub_date=options.pub_date)
    doc.meta["input"] = source
    return doc


def _jsonl_documents(text: str, source: str, options: ReadOptions) -> Iterator[Document | InputError]:
    # JSON strings may hold U+2028, U+0085 and other characters str.splitlines() breaks at
    for number, line in enumerate(text.split("\n"), start=1):
        yield from _jsonl_line(line, number, source, options)


def _jsonl_line(line: str, number: int, source: str, options: ReadOptions) -> Iterator[Document | InputError]:
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        yield InputError(source, f"not JSON ({error.msg} at column {error.colno})", number)
        return
    try:
        doc = Document.from_json(record)
        _check_text(doc.raw, source, number)
        for name in ("doc_id", "source", "url", "title"):
            value = getattr(doc, name, None)
            if isinstance(value, str) and _LONE_SURROGATE.search(value):
                raise InputError(source, f"{name} contains a lone surrogate, which is not text", number)
    except InputError as error:
        yield error
        return
    except ValueError as error:
        yield InputError(source, str(error), number)
        return
    doc.meta["input"] = source
    doc.meta["input_line"] = number
    if doc.pub_date is None and options.pub_date is not None:
        doc.pub_date = options.pub_date
    yield doc


def _streamed_jsonl(path: Path, options: ReadOptions) -> Iterator[Document | InputError]:
    """A JSONL file line by line, so an archive of any size is read in bounded memory;
    ``max_bytes`` limits each line (one document), not the file."""
    source = str(path)
    try:
        handle = _open_binary(path)
    except OSError as error:
        yield InputError(source, f"cannot be read: {error.strerror or error}")
        return
    with handle:
        number = 0
        try:
            while raw := handle.readline(options.max_bytes + 1):
                number += 1
                if len(raw) > options.max_bytes and not raw.endswith(b"\n"):
                    while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                        raw = handle.readline(1 << 20)
                    yield InputError(
                        source, f"line longer than the {_mb(options.max_bytes)} limit (--max-bytes)", number
                    )
                    continue
                if number == 1 and raw.startswith(tuple(bom for bom, _ in _BOMS if bom != codecs.BOM_UTF8)):
                    raise InputError(
                        source, "JSONL must be UTF-8; this file starts with a UTF-16/32 byte-order mark"
                    )
                if number == 1:
                    raw = raw.removeprefix(codecs.BOM_UTF8)
                if b"\x00" in raw:
                    decode_bytes(raw, source)  # names UTF-16/32 without a BOM, or binary
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    yield InputError(source, f"not valid UTF-8 (byte {error.start}: {error.reason})", number)
                    continue
                yield from _jsonl_line(line, number, source, options)
        except InputError as error:
            yield error
        except (OSError, EOFError, zlib.error) as error:
            yield InputError(source, f"cannot be read after line {number}: {error}")


def _open_binary(path: Path) -> BinaryIO:
    if path.name.endswith(".gz"):
        return cast(BinaryIO, gzip.open(path, "rb"))
    return path.open("rb")


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _is_jsonl(path: Path) -> bool:
    return path.name.endswith(JSONL_SUFFIXES)


def _file_documents(path: Path, doc_id: str, options: ReadOptions) -> Iterator[Document | InputError]:
    if _is_jsonl(path):
        yield from _streamed_jsonl(path, options)
        return
    try:
        yield _text_document(
            decode_bytes(_read_bytes(path, options.max_bytes), str(path)), doc_id, str(path), options
        )
    except InputError as error:
        yield error


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES)
    )


def _doc_id_for(path: Path, root: Path | None) -> str:
    relative = path.relative_to(root) if root is not None else Path(path.name)
    name = relative.as_posix()
    for suffix in (".gz", ".txt"):
        name = name.removesuffix(suffix)
    return name


def _stdin_documents(options: ReadOptions, stream: BinaryIO | None) -> Iterator[Document | InputError]:
    handle = stream if stream is not None else sys.stdin.buffer
    data = handle.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield InputError("<stdin>", f"larger than the {options.max_bytes // (1024 * 1024)} MB limit")
        return
    try:
        text = decode_bytes(data, "<stdin>")
        if text.lstrip().startswith("{"):
            yield from _jsonl_documents(text, "<stdin>", options)
        else:
            yield _text_document(text, "stdin", "<stdin>", options)
    except InputError as error:
        yield error


def read_documents(
    inputs: Iterable[str | Path],
    options: ReadOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | InputError]:
    """Yield documents from ``.txt`` files, JSONL files (spec §1), folders of them, and ``-`` (stdin).

    A ``.txt`` file is one article; its ``doc_id`` is its path below the folder given (or its name).
    Nothing is raised for a bad input: an :class:`InputError` is yielded in its place.
    """
    options = options or ReadOptions()
    first_read: dict[str, str] = {}  # doc_id -> where it was read: ids must be unique in a batch
    for item in _read_all(inputs, options, stdin):
        if isinstance(item, Document):
            source, line = str(item.meta.get("input", STDIN)), item.meta.get("input_line")
            if item.doc_id in first_read:
                yield InputError(
                    source,
                    f"doc_id {item.doc_id!r} repeats an earlier input ({first_read[item.doc_id]})",
                    line,
                )
                continue
            first_read[item.doc_id] = f"{source}:{line}" if line else source
        yield item


def _read_all(
    inputs: Iterable[str | Path], options: ReadOptions, stdin: BinaryIO | None
) -> Iterator[Document | InputError]:
    for item in inputs:
        if str(item) == STDIN:
            yield from _stdin_documents(options, stdin)
            continue
        path = Path(item)
        if path.is_dir():
            files = _folder_files(path)
            if not files:
                yield InputError(str(path), "folder holds no .txt or .jsonl files")
            for file in files:
                yield from _file_documents(file, _doc_id_for(file, path), options)
        elif not path.exists():
            yield InputError(str(path), "no such file or folder")
        else:
            yield from _file_documents(path, _doc_id_for(path, None), options)
