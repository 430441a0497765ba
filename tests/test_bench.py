from __future__ import annotations

import os
from pathlib import Path

import pytest

import waqia
from waqia.bench import run_benchmark

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this platform")
def test_the_benchmark_runs_on_one_core_and_gives_the_affinity_back() -> None:
    before = os.sched_getaffinity(0)
    result = run_benchmark(SAMPLES, waqia.load(events=False), measure_memory=False)
    assert result.pinned_cpu in before
    assert result.documents == 6 and [s.name for s in result.stages] == ["language", "normalize", "segment"]
    assert os.sched_getaffinity(0) == before
