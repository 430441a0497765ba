"""What the command modules share: one way to fail."""

from __future__ import annotations

from typing import IO, Any

import click


class Failure(click.ClickException):
    """A command failed for a reason a person can act on: shown as one ``waqia: …`` line on stderr,
    like every other message of the CLI, with exit code 1."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"waqia: {self.format_message()}", err=True)
