"""`waqia ingest` and `waqia export`: the event store from the command line.

Registered on the main group by :mod:`waqia.cli`; heavy dependencies are imported inside commands.
"""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
