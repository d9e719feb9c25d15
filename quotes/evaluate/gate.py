"""The quality gate: do the scores still reach the figures the README states?

The stated figures live in one JSON file (in this repository
``tests/data/quality_baseline.json``; a test checks the README's Quality table
against it)::

    {"tolerance": 0.5, "gated": ["message", "speaker", "joint"],
     "scores": {"message": {"precision": 85.8, "recall": 75.8, "f1": 80.5}, ...}}

:func:`check_quality` compares fresh :class:`~quotes.evaluate.counts.EvalScores`
with it: the gate fails when a gated F1 falls more than ``tolerance`` points
below the stated one. Scores above the statement pass (then the README is due
an update, which the gate does not demand).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Union

from .counts import Counts, EvalScores

SCORED = ("message", "speaker", "cue", "joint", "quotes")
"""The rows of the README table, by the name of their :class:`EvalScores` attribute."""

DEFAULT_TOLERANCE = 0.5
"""F1 points a gated score may fall below the stated one."""

DEFAULT_GATED = ("message", "speaker", "joint")


@dataclass
class GateResult:
    """What :func:`check_quality` found.

    Attributes:
        checks: one line per gated score, e.g. ``message F1 80.5 (stated 80.5, floor 80.0): ok``.
        failures: the lines of the scores below their floor; empty when the gate passes.
    """

    checks: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """No gated score fell below its floor."""
        return not self.failures

    def __str__(self) -> str:
        verdict = "quality gate passed" if self.passed else f"quality gate FAILED ({len(self.failures)} below)"
        return "\n".join([verdict, *("  " + line for line in self.checks)])


def load_baseline(path: Union[str, os.PathLike]) -> dict[str, Any]:
    """Read and check a baseline file (see the module docstring).

    Raises:
        ValueError: when the file lacks a stated F1 for a gated score.
        OSError: when the file cannot be read.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    scores = data.get("scores") if isinstance(data, dict) else None
    if not isinstance(scores, dict):
        raise ValueError(f"{path}: no 'scores' object")
    for name in data.get("gated", DEFAULT_GATED):
        if name not in SCORED:
            raise ValueError(f"{path}: unknown gated score {name!r}; known: {', '.join(SCORED)}")
        if not isinstance(scores.get(name, {}).get("f1"), (int, float)):
            raise ValueError(f"{path}: no stated F1 for {name!r}")
    return data


def scored_counts(scores: EvalScores, name: str) -> Counts:
    """The counts behind one README row (``"message"`` … ``"joint"``, ``"quotes"``)."""
    if name not in SCORED:
        raise KeyError(f"unknown score {name!r}; known: {', '.join(SCORED)}")
    return getattr(scores, name)


def check_quality(
    scores: EvalScores,
    baseline: Mapping[str, Any],
    tolerance: Optional[float] = None,
    gated: Optional[Sequence[str]] = None,
) -> GateResult:
    """Compare scores with the stated figures.

    Args:
        scores: fresh scores (default scoring: relayed quotations counted twice).
        baseline: the decoded baseline file (:func:`load_baseline`).
        tolerance: F1 points allowed below the statement; default the file's
            ``tolerance``, else :data:`DEFAULT_TOLERANCE`.
        gated: the scores to check; default the file's ``gated``, else
            message, speaker and joint.

    Returns:
        A :class:`GateResult`; ``passed`` is False when any gated F1 is below
        ``stated - tolerance``.
    """
    tol = float(baseline.get("tolerance", DEFAULT_TOLERANCE) if tolerance is None else tolerance)
    names = list(gated if gated is not None else baseline.get("gated", DEFAULT_GATED))
    result = GateResult()
    for name in names:
        stated = float(baseline["scores"][name]["f1"])
        measured = scored_counts(scores, name).f1
        floor = stated - tol
        ok = measured >= floor - 1e-9
        line = f"{name} F1 {measured:.2f} (stated {stated:.1f}, floor {floor:.1f}): {'ok' if ok else 'BELOW'}"
        result.checks.append(line)
        if not ok:
            result.failures.append(line)
    return result
