"""`waqia run` killed with SIGKILL at random points, round after round, then run to the end: every
document is coded exactly once, the output folder equals a clean run's byte for byte, and after
every kill each visible file is whole and each partition marker matches its files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from fault_helpers import (
    WAQIA,
    FaultPlan,
    Round,
    assert_same_outputs,
    assert_whole_files,
    kill_rounds,
    log_rounds,
    visible_files,
)

from waqia.batch import MANIFEST, run_batch

PARTITION_SIZE = 3
CITIES = ["مردان", "سکھر", "چمن", "ایبٹ آباد"]
# Invented reports, three kinds in turn, so that partitions differ and events cluster.
TEMPLATES = [
    "{city} میں نامعلوم مسلح افراد کی فائرنگ سے {n} پولیس اہلکار جاں بحق ہو گئے۔",
    "{city} میں تاجروں نے بھتہ خوری کے خلاف شٹر ڈاؤن ہڑتال کی۔",
    "{city} میں سیکیورٹی فورسز نے کارروائی کر کے {n} شدت پسندوں کو گرفتار کر لیا۔",
]


def write_reports(path: Path, count: int) -> Path:
    lines = []
    for k in range(count):
        text = TEMPLATES[k % len(TEMPLATES)].format(city=CITIES[k % len(CITIES)], n=k % 9 + 2)
        day = 1 + (k // 5) % 28
        line = {"doc_id": f"k{k:04d}", "text": text, "pub_date": f"2024-07-{day:02d}"}
        lines.append(json.dumps(line, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, fault_plan: FaultPlan) -> tuple[Path, Path, int]:
    """Reports enough for the rounds rarely to reach the end, and a clean run of them."""
    folder = tmp_path_factory.mktemp("run-kills")
    count = PARTITION_SIZE * 150 * fault_plan.rounds
    source = write_reports(folder / "reports.jsonl", count)
    run_batch([source], folder / "clean", partition_size=PARTITION_SIZE)
    return source, folder / "clean", count


def markers(out: Path) -> int:
    return sum(1 for name in visible_files(out) if name.startswith("part-"))


def assert_markers_match_their_files(out: Path) -> None:
    """Each marker's files exist with the checksums it lists (it is written last)."""
    from waqia._io import sha256_of

    for name in visible_files(out):
        if name.startswith("part-"):
            listed = json.loads((out / name).read_text(encoding="utf-8"))["files"]
            for file, digest in listed.items():
                assert sha256_of(out / file) == digest, (name, file)


def test_run_killed_at_random_points_codes_every_document_once(
    tmp_path: Path, archive: tuple[Path, Path, int], fault_plan: FaultPlan
) -> None:
    source, clean, count = archive
    out = tmp_path / "out"
    command = [*WAQIA, "run", str(source), "--out", str(out), "--partition-size", str(PARTITION_SIZE)]
    command.append("--no-progress")

    def healthy(done: Round) -> None:
        assert_whole_files(out)
        assert_markers_match_their_files(out)
        assert done.progress_at_kill >= done.progress_before, f"a complete partition was lost ({fault_plan})"
        if done.killed and (out / MANIFEST).exists():
            manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            assert manifest["status"] in ("running", "complete")

    rounds = kill_rounds(
        command,
        lambda: markers(out),
        fault_plan,
        fault_plan.rng("run"),
        max_delay=2.0,
        max_step=3,
        after_each=healthy,
    )
    log_rounds("run", rounds)
    assert sum(r.killed for r in rounds) * 2 >= len(rounds), f"too few rounds were real kills: {rounds}"
    # On a fast machine a round may reach the end of the archive before its kill; the kills that
    # landed (at least half the rounds, asserted above) are what this test is about.

    summary = run_batch([source], out, partition_size=PARTITION_SIZE)
    assert summary.coded == count
    doc_ids: list[str] = []
    for path in sorted(out.glob("docs-*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            doc_ids.extend(json.loads(line)["doc_id"] for line in lines)
    assert doc_ids == [f"k{k:04d}" for k in range(count)]  # each once, in input order
    assert_same_outputs(clean, out)
