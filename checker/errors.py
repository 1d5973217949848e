"""Problems with input: collected, located (file, record, field), reported together, exit 2."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

# A broken dataset can hold a million bad records, and a record a 30 MB value: the first problems
# and the start of a value say what is wrong; the rest would only flood the terminal.
MAX_SHOWN = 100
MAX_ECHO = 200


@dataclass(frozen=True, order=True, slots=True)  # slots: a broken dataset can hold millions
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
        super().__init__("\n".join(str(p) for p in problems[:MAX_SHOWN]))


def printable(text: str) -> str:
    """`text` for one line of a terminal: a line break, tab or other invisible character (in a file
    name, a state's name, a note) is shown escaped, so that it cannot start a line of its own."""
    return text if text.isprintable() else "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def usage_error(message: str) -> InputError:
    return InputError([Problem("usage", None, None, message)])


def shown(problems: Sequence[Problem]) -> tuple[Sequence[Problem], int]:
    """The problems to print, and how many more there are."""
    return problems[:MAX_SHOWN], max(0, len(problems) - MAX_SHOWN)


def more_words(count: int) -> str:
    return f"... and {count} more problem{'s' if count != 1 else ''}"


def echo(text: str) -> str:
    """A value quoted back in a message, cut to its start if long: `'xxx…'…(30000000 characters)`."""
    if len(text) <= MAX_ECHO:
        return repr(text)
    return f"{text[:MAX_ECHO]!r}…({len(text)} characters)"


_warned: set[str] = set()


def warn(message: str) -> None:
    """Something the run skipped on purpose and the user should know of (a broken link in a folder):
    not an error, so it goes to stderr and the run goes on. Each once per process: a cached audit
    lists the files before it loads them."""
    if message not in _warned:
        _warned.add(message)
        print(f"warning: {message}", file=sys.stderr)
