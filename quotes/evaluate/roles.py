"""The one shape in which gold and predicted quotations are scored.

A gold annotation and a predicted :class:`~quotes.models.Quote` are both
turned into a :class:`QuoteRoles`: the gold token ids that each role covers
(message, speaker, cue), plus what a report shows about the quotation. Scoring
compares two of them role by role, whichever side they come from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

ROLES = ("message", "speaker", "cue")
"""The scored roles; "message" is the quote content."""


@dataclass
class QuoteRoles:
    """One quotation, gold or predicted, on the gold token grid.

    Attributes:
        index: position in the gold document's annotation list, or in
            ``DocumentResult.quotes`` for a prediction (a relayed quote yields
            two predictions with the same index, see
            :func:`quotes.evaluate.scoring.predicted_quotes`).
        type: the corpus type (``"Indirect"``) or the predicted type value
            (``"indirect"``).
        message: gold token ids of the quote content.
        speaker: gold token ids of the speaker mention (may be empty).
        cue: gold token ids of the cue (may be empty).
        texts: role name -> the text of that role (for reports).
        spans: character spans ``(start, end)`` of the message.
        rule: the rule that found a prediction; empty for gold quotes.
    """

    index: int
    type: str
    message: frozenset[int]
    speaker: frozenset[int]
    cue: frozenset[int]
    texts: dict[str, str]
    spans: list[tuple[int, int]]
    rule: str = ""

    def tokens(self, role: str) -> frozenset[int]:
        """The token ids of one role (``"message"``, ``"speaker"`` or ``"cue"``)."""
        if role not in ROLES:
            raise KeyError(f"unknown role {role!r}; the roles are {', '.join(ROLES)}")
        return getattr(self, role)

    def same_roles(self, other: "QuoteRoles") -> bool:
        """Whether every role covers exactly the same tokens as in ``other``."""
        return all(self.tokens(r) == other.tokens(r) for r in ROLES)


def token_runs(ids: Iterable[int]) -> list[tuple[int, int]]:
    """Contiguous runs of token ids as ``(first, last)`` pairs, in order.

    >>> token_runs([7, 3, 4, 5, 9])
    [(3, 5), (7, 7), (9, 9)]
    """
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(first, last) for first, last in runs]
