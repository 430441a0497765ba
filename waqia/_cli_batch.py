"""`waqia run`: batch coding on one machine or a Dask cluster.

Registered on the main group by :mod:`waqia.cli`; heavy dependencies are imported inside commands.
"""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
