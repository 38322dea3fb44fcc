"""User-facing errors.

Every error a user can cause (a bad spec, an unknown family, an unreadable answer) is a
:class:`DlexamError` that names *where* (file, row, column, parameter) and *what to do*, so the CLI
can print one line and exit 2 without a traceback.
"""

from __future__ import annotations


class DlexamError(Exception):
    """An error caused by input the user can fix."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class MathTextError(DlexamError):
    """Text that is not a readable math value; ``position`` is the 0-based offending character."""

    def __init__(self, message: str, position: int | None = None):
        self.position = position
        where = None if position is None else f"character {position + 1}"
        super().__init__(message, where=where)
