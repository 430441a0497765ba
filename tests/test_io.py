from __future__ import annotations

import codecs
import gzip
import io
import json
from pathlib import Path

from waqia._errors import InputError
from waqia._io import ReadOptions, read_documents
from waqia.document import Document

ARTICLE = "پشاور میں دھماکہ\n\nپشاور کے بازار میں دھماکے سے تین افراد زخمی ہو گئے۔"


def _split(items: list[Document | InputError]) -> tuple[list[Document], list[InputError]]:
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    return docs, errors


def test_folder_of_text_and_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"doc_id": "c", "text": ARTICLE, "pub_date": "2014-10-01"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    docs, errors = _split(list(read_documents([tmp_path], ReadOptions(pub_date="2020-01-02"))))
    assert not errors
    assert sorted(d.doc_id for d in docs) == ["a", "c", "sub/b"]
    dates = {d.doc_id: d.pub_date for d in docs}
    assert dates == {"a": "2020-01-02", "c": "2014-10-01", "sub/b": "2020-01-02"}


def test_bad_inputs_are_named_and_the_rest_is_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad_utf8 = tmp_path / "latin1.txt"
    bad_utf8.write_bytes("café".encode("latin-1"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n ", encoding="utf-8")
    html = tmp_path / "page.txt"
    html.write_text("<!DOCTYPE html><html><body><p>متن</p></body></html>", encoding="utf-8")
    utf16_nobom = tmp_path / "utf16.txt"
    utf16_nobom.write_bytes("hello world, this is text".encode("utf-16-le"))
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(
        "\n".join(
            [
                json.dumps({"doc_id": "ok", "text": ARTICLE}, ensure_ascii=False),
                "{not json",
                json.dumps({"doc_id": "nodate", "text": 5}),
                json.dumps({"doc_id": "ok", "text": ARTICLE}, ensure_ascii=False),
                json.dumps(["a list"]),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    inputs = [bad_utf8, binary, empty, blank, html, utf16_nobom, jsonl, good, tmp_path / "missing.txt"]
    docs, errors = _split(list(read_documents(inputs)))
    assert [d.doc_id for d in docs] == ["ok", "good"]
    messages = [str(e) for e in errors]
    assert len(messages) == 11
    expected = [
        ("latin1.txt", "not valid UTF-8"),
        ("image.txt", "binary file"),
        ("empty.txt", "empty document"),
        ("blank.txt", "empty document"),
        ("page.txt", "HTML"),
        ("utf16.txt", "UTF-16 (little-endian) without a byte-order mark"),
        ("feed.jsonl:2", "not JSON"),
        ("feed.jsonl:3", "'text' must be a string"),
        ("feed.jsonl:4", "repeats an earlier input"),
        ("feed.jsonl:5", "must be a JSON object"),
        ("missing.txt", "no such file"),
    ]
    for message, (where, why) in zip(messages, expected, strict=True):
        assert where in message and why in message, message
        assert "\n" not in message


def test_byte_order_marks_are_honoured(tmp_path: Path) -> None:
    for name, data in {
        "utf8bom.txt": codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        "utf16.txt": ARTICLE.encode("utf-16"),  # Python writes a BOM
        "utf16be.txt": codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
        "utf32.txt": ARTICLE.encode("utf-32"),
    }.items():
        (tmp_path / name).write_bytes(data)
    docs, errors = _split(list(read_documents([tmp_path])))
    assert not errors
    assert len(docs) == 4
    assert all(d.raw == ARTICLE for d in docs)


def test_size_limit_and_gzip(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 1000, encoding="utf-8")
    compressed = tmp_path / "feed.jsonl.gz"
    with gzip.open(compressed, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"doc_id": "z", "text": ARTICLE}, ensure_ascii=False) + "\n")
    docs, errors = _split(list(read_documents([big, compressed], ReadOptions(max_bytes=50_000))))
    assert [d.doc_id for d in docs] == ["z"]
    assert "limit" in str(errors[0])


def test_stdin_plain_text_and_jsonl() -> None:
    docs, _ = _split(list(read_documents(["-"], stdin=io.BytesIO(ARTICLE.encode("utf-8")))))
    assert docs[0].doc_id == "stdin" and docs[0].raw == ARTICLE
    line = json.dumps({"doc_id": "s1", "text": ARTICLE}, ensure_ascii=False).encode("utf-8")
    docs, _ = _split(list(read_documents(["-"], stdin=io.BytesIO(line))))
    assert docs[0].doc_id == "s1"


def test_a_jsonl_archive_is_streamed_and_the_limit_is_per_document(tmp_path: Path) -> None:
    text = "کوئٹہ میں دھماکہ ہوا۔ " * 20
    lines = [json.dumps({"doc_id": f"d{i}", "text": text}, ensure_ascii=False) for i in range(300)]
    lines[150] = json.dumps({"doc_id": "huge", "text": text * 50}, ensure_ascii=False)
    archive = tmp_path / "archive.jsonl.gz"
    archive.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    limit = 4_000  # far smaller than the archive, larger than any ordinary line
    items = list(read_documents([archive], ReadOptions(max_bytes=limit)))
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(items) == 300
    assert [str(e) for e in errors] == [f"{archive}:151: line longer than the 4000 bytes limit (--max-bytes)"]
    assert [d.doc_id for d in items if isinstance(d, Document)][149:151] == ["d149", "d151"]
