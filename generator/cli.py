"""The ``dlexam`` command.

Subcommands are registered through the ``dlexam.commands`` entry-point group in
``pyproject.toml``, so the grader adds ``grade`` without the generator importing it and the
data flow stays one-way. User errors (:class:`DlexamError`) print one line and exit 2.
"""

from __future__ import annotations

import sys
from importlib.metadata import entry_points

import click

from generator import __version__
from generator.errors import DlexamError

USER_ERROR = 2


class DlexamGroup(click.Group):
    """A click group that turns :class:`DlexamError` into ``error: ...`` and exit status 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DlexamError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(USER_ERROR)


@click.group(cls=DlexamGroup)
@click.version_option(__version__, prog_name="dlexam")
def main() -> None:
    """Randomized deep-learning exams: generate variants with keys, typeset them, grade answers."""


for _entry in sorted(entry_points(group="dlexam.commands"), key=lambda e: e.name):
    main.add_command(_entry.load(), _entry.name)
