"""A corpus of hostile inputs in one batch: each bad input gets a one-line error that names it, and
every good article beside them is still coded."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from waqia.cli import main
from waqia.validate import document_problems

GOOD = "کوئٹہ میں دستی بم کے دھماکے میں دو افراد ہلاک ہو گئے۔"


def _write_corpus(folder: Path) -> dict[str, str]:
    """Write the hostile corpus; return file name -> words its error message must contain."""
    folder.mkdir()
    expected: dict[str, str] = {}

    def bad(name: str, data: bytes, reason: str) -> None:
        (folder / name).write_bytes(data)
        expected[name] = reason

    urdu = GOOD.encode("utf-8")
    bad("invalid-utf8.txt", urdu[:10] + b"\xff\xfe\xc3" + urdu[10:], "not valid UTF-8")
    bad("lone-surrogate-bytes.txt", urdu + b"\xed\xa0\x80", "not valid UTF-8")
    bad("utf16-no-bom.txt", GOOD.encode("utf-16-le"), "UTF-16 (little-endian) without")
    bad("utf16be-no-bom.txt", GOOD.encode("utf-16-be"), "UTF-16 (big-endian) without")
    bad("ascii-utf16-no-bom.txt", "Quetta blast kills two".encode("utf-16-le"), "UTF-16")
    bad("utf32-no-bom.txt", GOOD.encode("utf-32-le"), "UTF-32 (little-endian) without")
    bad("bom-but-broken.txt", b"\xef\xbb\xbf" + urdu[:10] + b"\xff" + urdu[10:], "byte-order mark")
    bad("binary.txt", bytes(range(256)) * 40, "binary")
    bad("empty.txt", b"", "empty")
    bad("whitespace.txt", b" \n\t\r\n  ", "empty")
    bad("page.txt", b"<!DOCTYPE html><html><body><p>" + urdu + b"</p></body></html>", "HTML")
    bad("english.txt", b"Two people were killed in a grenade attack in Quetta on Tuesday. " * 3, "not Urdu")
    bad("persian.txt", "دو نفر در انفجار نارنجک در کویته کشته شدند و پلیس تحقیق می‌کند.".encode(), "not Urdu")
    bad("huge.txt", urdu * (50 * 1024 * 1024 // len(urdu) + 1), "limit")
    bad("broken.txt.gz", b"\x1f\x8b\x08\x00 not really gzip", "cannot be read")
    good_lines = [
        json.dumps({"doc_id": "line-1", "text": GOOD, "pub_date": "2014-10-01"}, ensure_ascii=False),
        "{this is not json",
        json.dumps({"doc_id": 7, "text": GOOD}),
        json.dumps({"doc_id": "line-4", "text": ["not", "a", "string"]}),
        json.dumps({"doc_id": "line-5", "text": GOOD, "pub_date": "yesterday"}),
        json.dumps({"doc_id": "line-1", "text": GOOD}, ensure_ascii=False),
        json.dumps({"doc_id": "line-7", "text": "\ud800" + GOOD}),
        json.dumps([GOOD]),
        json.dumps({"doc_id": "line-9", "text": GOOD + "\u2028" + GOOD}, ensure_ascii=False),
    ]
    (folder / "feed.jsonl").write_text("\n".join(good_lines) + "\n", encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good-bom.txt").write_bytes(b"\xef\xbb\xbf" + urdu)
    (folder / "good-utf16.txt").write_bytes(GOOD.encode("utf-16"))
    (folder / "good-utf32.txt").write_bytes(GOOD.encode("utf-32"))
    (folder / "good-gz.txt.gz").write_bytes(gzip.compress(urdu))
    bad("good.txt.gz", gzip.compress(urdu), "repeats an earlier input")  # doc_id "good" again
    return expected


def test_every_bad_input_is_named_and_every_good_one_is_coded(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    expected = _write_corpus(folder)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(folder), "-o", str(out), "--no-cluster"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("waqia: ")]
    for name, reason in expected.items():
        mine = [e for e in errors if f"/{name}:" in e]
        assert len(mine) == 1, (name, errors)
        assert reason.lower() in mine[0].lower(), (name, mine[0])
    jsonl_errors = sorted(e for e in errors if "feed.jsonl:" in e)
    assert [e.split("feed.jsonl:")[1].split(":")[0] for e in jsonl_errors] == [
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
    ]
    records = [json.loads(line) for line in out.read_text("utf-8").split("\n") if line]
    coded = sorted(r["doc_id"] for r in records)
    assert coded == sorted(["line-1", "line-9", "good", "good-bom", "good-utf16", "good-utf32", "good-gz"]), (
        coded
    )
    assert document_problems(records) == []
    assert all(r["events"] and r["events"][0]["type"] == "ASSAULT" for r in records)
    assert "coded 7 document(s)" in result.stderr
