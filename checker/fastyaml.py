"""A fast path for the commonest large YAML layout: one flow mapping of plain scalars a line.

    events:
      - {id: e1, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}

Generated and exported datasets look like this, and PyYAML spends most of its time building
node objects for them. Here each line is split with regular expressions and every scalar (keys
too) is resolved and constructed by PyYAML's own resolver and constructors, so the values are
exactly PyYAML's. A file with anything else (quotes, comments after data, anchors, tags, block
mappings, nested mappings, a line this module does not recognise) returns None, and the caller
reads it with PyYAML instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

_TOP = re.compile(r"([a-z]+):[ ]*")
_ITEM = re.compile(r"  - \{([^'\"#&*!|>%@`{}\\\t?]*)\}[ ]*")
_PAIR = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): (\[[^\[\]]*\]|[^,\[\]]*)(?:, |$)")
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"


@lru_cache(maxsize=1 << 16)  # ids differ, but treaties, states, actions and dates repeat: all immutable
def _scalar(text: str) -> Any:
    text = text.strip()
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
    if text.startswith("["):
        inner = text[1:-1].strip()
        return [_scalar(part) for part in inner.split(",")] if inner else []
    return _scalar(text)


class _Unsupported(Exception):
    pass


def parse(text: str) -> dict[Any, Any] | None:
    """The document as PyYAML would load it, or None if it is not in the fast layout."""
    try:
        return _parse(text)
    except _Unsupported:
        return None


def _parse(text: str) -> dict[Any, Any] | None:
    content: dict[Any, Any] = {}
    current: str | None = None  # the top-level key whose list is being read
    for line in text.splitlines():
        if not line or line.startswith("#") or line.isspace():
            continue
        item = _ITEM.fullmatch(line)
        if item is not None and current is not None:
            body = item.group(1).strip()
            pairs = _PAIR.findall(body)
            if sum(len(k) + len(v) + 2 for k, v in pairs) + 2 * (len(pairs) - 1) != len(body):
                return None  # something the two patterns did not account for
            record: dict[Any, Any] = {}
            for key, value in pairs:
                resolved = _scalar(key)
                if resolved in record:
                    return None  # PyYAML's strict loader reports it, with the line
                record[resolved] = _value(value.strip())
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
