from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from waqia.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _scorer(shared_data: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_events", shared_data.parent / "tools" / "score_events.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extract_samples_writes_spec_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(SAMPLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6
    for record in records:
        assert set(record) >= {"doc_id", "text", "lang", "pub_date", "source", "url", "events"}
        assert record["lang"] == "ur"
    # JSONL inputs keep their own dates; the raw text is passed through untouched
    by_id = {r["doc_id"]: r for r in records}
    assert by_id["sample-karachi-raid"]["pub_date"] == "2026-02-18"
    assert "ي" in by_id["sample-karachi-raid"]["text"]


@pytest.mark.shared_data
def test_extract_output_passes_the_reference_validator(tmp_path: Path, shared_data: Path) -> None:
    out = tmp_path / "seed.jsonl"
    result = CliRunner().invoke(
        main, ["extract", str(shared_data / "gold" / "seed-alwaqt.txt"), str(SAMPLES), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    scorer = _scorer(shared_data)
    docs = scorer.read_jsonl(str(out))
    assert len(docs) == 7
    assert scorer.validate(docs) == []


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_bytes("کراچی".encode() + b" \xc3\x28 not utf8 \x80")
    (tmp_path / "english.txt").write_text(
        "This is an English article about a meeting of ministers in the capital on Monday.", encoding="utf-8"
    )
    (tmp_path / "feed.jsonl").write_text("{oops\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main, ["extract", str(tmp_path), str(SAMPLES / "quetta-grenade.txt"), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "broken.txt" in result.stderr and "UTF-8" in result.stderr
    assert "feed.jsonl:1" in result.stderr and "not JSON" in result.stderr
    assert "english.txt" in result.stderr and "not Urdu" in result.stderr
    assert "coded 1 document(s); 2 input(s) failed; 1 skipped" in result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_table_format_and_stdin() -> None:
    text = (SAMPLES / "quetta-grenade.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(
        main, ["extract", "-", "--format", "table", "--pub-date", "2026-03-13"], input=text.encode("utf-8")
    )
    assert result.exit_code == 0, result.output
    assert "stdin  pub_date=2026-03-13  lang=ur" in result.stdout
    assert "sentences=" in result.stdout


def test_bad_pub_date_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["extract", str(SAMPLES), "--pub-date", "13/03/2026"])
    assert result.exit_code == 2


def test_segment_prints_conllu() -> None:
    result = CliRunner().invoke(main, ["segment", str(SAMPLES / "quetta-grenade.txt")])
    assert result.exit_code == 0, result.output
    blocks = [b for b in result.stdout.split("\n\n") if b.strip()]
    assert len(blocks) >= 5
    first = blocks[0].splitlines()
    assert first[0].startswith("# sent_id")
    assert any(line.startswith("# text = کوئٹہ کے بازار میں دستی بم حملہ") for line in first)
    rows = [line.split("\t") for line in first if line and not line.startswith("#")]
    assert all(len(row) == 10 for row in rows)


def test_bench_reports_every_stage(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["bench", str(SAMPLES), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["documents"] == 6
    assert [s["name"] for s in figures["stages"]] == [
        "language",
        "normalize",
        "segment",
        "places",
        "actors",
        "events",
    ]
    assert all(s["peak_heap_mb"] is not None for s in figures["stages"])
    assert figures["preprocessing_mb_per_s"] > 0


def test_a_ten_megabyte_input_is_refused_and_a_long_article_is_coded(tmp_path: Path) -> None:
    paragraph = (SAMPLES / "quetta-grenade.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    size = len(paragraph.encode("utf-8"))
    huge = tmp_path / "huge.txt"
    huge.write_text("\n\n".join([paragraph] * (10 * 1024 * 1024 // size + 1)), encoding="utf-8")
    long = tmp_path / "long.txt"
    long.write_text("\n\n".join([paragraph] * (512 * 1024 // size + 1)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        main, ["extract", str(huge), str(long), str(SAMPLES / "quetta-grenade.txt"), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "huge.txt: larger than the 5 MB limit for one input (--max-bytes)" in result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == ["long", "quetta-grenade"]
    assert records[0]["text"] == long.read_text(encoding="utf-8")
    assert records[0]["events"]


def test_geocode_and_actors_show_what_was_resolved() -> None:
    result = CliRunner().invoke(main, ["geocode", "روس کے وزیر دفاع نے صوبہ ادلب کا دورہ کیا"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["text"], r["country"]) for r in rows] == [("روس", "RUS"), ("صوبہ ادلب", "SYR")]
    result = CliRunner().invoke(main, ["actors", "نامعلوم مسلح افراد نے پولیس پر فائرنگ کی"])
    assert result.exit_code == 0, result.output
    sectors = {json.loads(line)["sector"] for line in result.stdout.splitlines()}
    assert sectors == {"UAF", "COP"}


def test_bench_lookups_reports_speed_and_memory() -> None:
    result = CliRunner().invoke(main, ["bench-lookups", "-n", "2000", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["lookups"] == 2000 and figures["lookups_per_second"] > 0


@pytest.mark.shared_data
def test_evaluate_places_and_actors_commands(shared_data: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", "places", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["country_accuracy"] >= 0.97
    result = CliRunner().invoke(main, ["evaluate", "actors", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["country_accuracy"] >= 0.9 and figures["sector_accuracy"] >= 0.9


@pytest.mark.shared_data
def test_evaluate_ner_and_tagging_commands(shared_data: Path) -> None:
    result = CliRunner().invoke(
        main, ["evaluate", "ner", str(shared_data / "ner" / "il-ner" / "Urdu-test.txt"), "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert set(figures["per_type"]) == {"PER", "LOC", "ORG"}
    assert 0.5 < figures["micro"]["f1"] <= 1.0
    result = CliRunner().invoke(
        main, ["evaluate", "ud", str(shared_data / "ud_urdu" / "ur_udtb-ud-test.conllu"), "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["tokens"]["f1"] >= 0.995 and figures["sentences"]["f1"] >= 0.985
    assert figures["upos_accuracy"] > 85


def test_tagging_pipeline_fills_pos_lemma_and_entities() -> None:
    import waqia

    doc = waqia.load(tagging=True, events=False)(
        waqia.Document(raw="وزیر اعظم نواز شریف نے لاہور میں اجلاس کی صدارت کی۔")
    )
    assert all(t.pos for t in doc.tokens)
    assert any((t.ent or "O") != "O" for t in doc.tokens)
