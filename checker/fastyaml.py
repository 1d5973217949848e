"""A fast path for the commonest large YAML layout: one flow mapping of plain scalars a line.

    events:
      - {id: e1, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}

Generated and exported datasets look like this, and PyYAML spends most of its time building
node objects for them. Here each line is split with regular expressions and every scalar (keys
too) is resolved and constructed by PyYAML's own resolver and constructors, so the values are
exactly PyYAML's. A file with anything else (quotes, comments after data, anchors, tags, block
mappings, nested mappings, a character PyYAML treats specially or refuses, a line this module
does not recognise) returns None, and the caller reads it with PyYAML instead: the fast path may
only ever be faster, never more lenient.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import yaml

_TOP = re.compile(r"([a-z]+):[ ]*")
_ITEM = re.compile(r"  - \{([^'\"#&*!|>%@`{}\\\t?]*)\}[ ]*")
_PAIR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): (\[[^\[\]]*\]|[^,\[\]]*)(?:, |$)")
# What a line may hold: characters PyYAML reads as plain content. Not other line breaks (NEL,
# U+2028, U+2029, a lone CR), not the characters its reader refuses (controls, vertical tab, a
# BOM past the start), and no tab, which it reads as white space.
_PLAIN_TEXT = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
# Inside a flow mapping PyYAML reads "a: b" as a nested pair, a colon before `,` `]` `}` or the
# end as a key's, and a leading colon or "- " as indicators: such a value is left to PyYAML.
_INDICATOR = re.compile(r"^ *(?::|- |-$)|:(?: |$)")
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"


@lru_cache(maxsize=1 << 16)  # ids differ, but treaties, states, actions and dates repeat: all immutable
def _scalar(text: str) -> Any:
    if _INDICATOR.search(text):
        raise _Unsupported(text)
    text = text.strip(" ")  # only spaces: PyYAML keeps U+00A0 and other Unicode spaces in a value
    if text == "":
        return None
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    node = yaml.ScalarNode(tag, text)
    if tag == "tag:yaml.org,2002:timestamp":
        try:
            return _CONSTRUCTOR.construct_yaml_timestamp(node)
        except ValueError:
            return text  # as the strict loader does: validation reports the impossible date
    construct = _CONSTRUCTOR.yaml_constructors.get(tag)
    if construct is None:
        raise _Unsupported(tag)  # e.g. `=` (the value tag): PyYAML's own message is the better one
    try:
        return construct(_CONSTRUCTOR, node)
    except ValueError:  # more digits than Python converts: the strict loader reports it, with the line
        raise _Unsupported(tag) from None


def _value(text: str) -> Any:
    if text.startswith("["):  # _PAIR takes a list only right after ": "
        inner = text[1:-1].strip(" ")
        if not inner:
            return []
        parts = inner.split(",")
        if any(not part.strip(" ") for part in parts):
            raise _Unsupported(text)  # `[a, , b]` is PyYAML's error, `[a, b, ]` its two items
        return [_scalar(part) for part in parts]
    return _scalar(text)


def lines(text: str) -> Iterator[str]:
    """The text's lines, split at "\n" only, one at a time: a list of every line of a 30 MB file
    would cost ten times the file."""
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


class _Unsupported(Exception):
    pass


class TooManyItems(Exception):
    """More list items than the caller allows: reading stopped at `line`."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def parse(text: str, max_items: int | None = None) -> dict[Any, Any] | None:
    """The document as PyYAML would load it, or None if it is not in the fast layout. Past
    `max_items` list items, TooManyItems stops the reading before the rest is built."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _PLAIN_TEXT.fullmatch(text) is None:
        return None
    try:
        return _parse(text, max_items)
    except _Unsupported:
        return None


def _parse(text: str, max_items: int | None) -> dict[Any, Any] | None:
    content: dict[Any, Any] = {}
    current: str | None = None  # the top-level key whose list is being read
    items = 0
    for number, line in enumerate(lines(text), start=1):
        if not line.strip(" ") or line.startswith("#"):
            continue
        item = _ITEM.fullmatch(line)
        if item is not None and current is not None:
            items += 1
            if max_items is not None and items > max_items:
                raise TooManyItems(number)
            body = item.group(1).strip(" ")
            pairs = _PAIR.findall(body)
            if body and sum(len(k) + len(v) + 2 for k, v in pairs) + 2 * (len(pairs) - 1) != len(body):
                return None  # something the two patterns did not account for
            record: dict[Any, Any] = {}  # `- {}` too: an empty mapping
            for key, value in pairs:
                resolved = _scalar(key)
                if resolved in record:
                    return None  # PyYAML's strict loader reports it, with the line
                record[resolved] = _value(value.rstrip(" "))
            if content[current] is None:
                content[current] = []
            content[current].append(record)
            continue
        top = _TOP.fullmatch(line)
        if top is None or top.group(1) in content:
            return None
        current = top.group(1)
        content[current] = None  # "key:" with nothing under it is null, as in PyYAML
    return content
