"""What the command modules share: one way to fail, one date check, one set of input options."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import IO, Any, TypeVar

import click

from waqia._io import DEFAULT_MAX_BYTES

_F = TypeVar("_F", bound=Callable[..., Any])


class Failure(click.ClickException):
    """A command failed for a reason a person can act on: shown as one ``waqia: …`` line on stderr,
    like every other message of the CLI, with exit code 1."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"waqia: {self.format_message()}", err=True)


def check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Click callback: ``value`` must be YYYY-MM-DD (or absent)."""
    if value is not None:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise click.BadParameter("use YYYY-MM-DD") from None
    return value


def input_options(command: _F) -> _F:
    """``--pub-date`` and ``--max-bytes``: how every command that reads articles reads them."""
    command = click.option(
        "--max-bytes",
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Largest article: a .txt file or one JSONL line.",
    )(command)
    return click.option(
        "--pub-date",
        default=None,
        callback=check_date,
        help="Publication date (YYYY-MM-DD) for .txt inputs, which carry none.",
    )(command)
