"""Article metadata from JSON Lines input: ``date`` (ISO 8601), ``source``, ``url``, ``title``.

:func:`article_meta` turns one JSON object into a :class:`~quotes.models.ArticleMeta`, or says in one
sentence why it cannot (the reader then writes a ``bad_meta`` error record for that line).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

from .models import ArticleMeta

META_FIELDS = ("date", "source", "url", "title")
"""The JSON Lines keys read as :class:`~quotes.models.ArticleMeta`."""

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})"
                  r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?")


def iso_date(value: str) -> bool:
    """Whether ``value`` is an ISO 8601 calendar date or date-time that exists.

    Accepted: ``2024-05-01``, ``2024-05-01T14:30``, ``2024-05-01T14:30:00``,
    ``2024-05-01 14:30:00.123``, with ``Z`` or an offset (``+02:00``, ``+0200``,
    ``+02``). Not accepted: other orders (``01.05.2024``), week or ordinal
    dates, a month alone, or a day that does not exist (``2023-02-29``).

    >>> iso_date("2024-02-29T08:00:00+01:00"), iso_date("2023-02-29"), iso_date("01.05.2024")
    (True, False, False)
    """
    m = _ISO.fullmatch(value)
    if not m:
        return False
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in m.groups()[:6])
    try:
        _dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return False
    zone = m.group(8)
    if zone and zone != "Z":
        digits = zone[1:].replace(":", "")
        if int(digits[:2]) > 23 or (len(digits) > 2 and int(digits[2:]) > 59):
            return False
    return True


def article_meta(obj: dict) -> tuple[Optional[ArticleMeta], Optional[str]]:
    """The metadata of one JSON Lines object: ``(meta, None)`` or ``(None, why it is wrong)``.

    ``meta`` is None when the object has none of :data:`META_FIELDS` (or only
    null or blank ones). Values are stripped of surrounding white space; the
    problem is one sentence naming the key.

    >>> article_meta({"id": "a", "text": "…", "date": "2019-04-19", "source": " DW "})[0]
    ArticleMeta(date='2019-04-19', source='DW', url=None, title=None)
    >>> print(article_meta({"date": "19.04.2019"})[1])
    The "date" '19.04.2019' is not an ISO 8601 date or date-time (e.g. 2019-04-19 or 2019-04-19T14:30:00+02:00).
    """
    values: dict[str, str] = {}
    for key in META_FIELDS:
        value = obj.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return None, f'The "{key}" must be a string, not {_json_kind(value)}.'
        value = value.strip()
        if value:
            values[key] = value
    date = values.get("date")
    if date is not None and not iso_date(date):
        shown = date if len(date) <= 40 else date[:39] + "…"
        return None, (f'The "date" {shown!r} is not an ISO 8601 date or date-time '
                      "(e.g. 2019-04-19 or 2019-04-19T14:30:00+02:00).")
    return (ArticleMeta(**values) if values else None), None


def _json_kind(value) -> str:
    if isinstance(value, bool):
        return "true or false"
    return {int: "a number", float: "a number", list: "a list", dict: "an object"}.get(type(value), "that value")
