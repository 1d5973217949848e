"""Problems with input: collected, located (file, record, field), reported together, exit 2."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(f"field {self.field!r}")
        return printable(": ".join(parts) + ": " + self.message)


class InputError(Exception):
    """Bad input or usage; carries every problem found, and the exit code the CLI uses."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def printable(text: str) -> str:
    """`text` for one line of a terminal: a line break, tab or other invisible character (in a file
    name, a state's name, a note) is shown escaped, so that it cannot start a line of its own."""
    return text if text.isprintable() else "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def usage_error(message: str) -> InputError:
    return InputError([Problem("usage", None, None, message)])
