"""Write N synthetic events (seeded) as a run's events files, for clustering benchmarks and tests.

Each real event is told by one to four documents, each a little differently (date, place precision,
actors, toll, trigger); see :mod:`waqia.batch._synthetic`. The output folder can be clustered like a
real run's: ``waqia bench-cluster`` does that for several sizes and reports time and peak memory.

    python scripts/synthetic_events.py 1000000 --out /tmp/synthetic --seed 0
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from waqia.batch._synthetic import write_synthetic


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of events")
    parser.add_argument("--out", type=Path, required=True, help="folder for events-NNNNN.parquet")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-day", type=int, default=300, help="reports per day (the archive's density)")
    args = parser.parse_args()
    parts, truth = write_synthetic(args.out, args.count, seed=args.seed, per_day=args.per_day)
    (args.out / "truth.json").write_text(json.dumps(truth))
    print(f"wrote {args.count} events in {len(parts)} file(s) to {args.out}; {len(set(truth))} real events")


if __name__ == "__main__":
    main()
