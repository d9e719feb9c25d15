"""A logistic-regression model stored as plain JSON: feature names, weights, intercept.

Learned parts of ``quotes`` are small linear models over named binary or numeric features. They are
written by the training commands in :mod:`quotes.learn.train` and read here without scikit-learn, so
the library needs no learning dependency at run time, and a model file is data that cannot execute
code on load (never a pickle).

File format (``format`` = ``quotes-linear-model``, ``version`` = 1)::

    {"format": "quotes-linear-model", "version": 1, "name": "speaker_ranker",
     "features": ["bias", "deprel=nsubj", ...], "weights": [0.1, 1.3, ...], "intercept": -0.2,
     "threshold": 0.5,   # only in models that decide (the quote gate)
     "sha256": "<hex digest of the canonical JSON of features, weights, intercept (and threshold)>",
     "provenance": {"command": "...", "data": "...", "seed": 0, "licence": "...", "metrics": {...}}}

The checksum makes a damaged or hand-edited file fail loudly with :class:`ModelFileError` instead of
silently scoring with other weights.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from itertools import repeat
from operator import mul
from pathlib import Path
from typing import Any, Mapping, Optional, Union

FORMAT = "quotes-linear-model"
VERSION = 1

Features = Mapping[str, float]
"""Named feature values of one example (absent names are 0)."""


class ModelFileError(ValueError):
    """A model file is missing, unreadable, of another format, or was altered after training."""


def _digest(features: list[str], weights: list[float], intercept: float, threshold: Optional[float] = None) -> str:
    fields: dict[str, Any] = {"features": features, "weights": weights, "intercept": intercept}
    if threshold is not None:  # only models that decide carry one; the others keep their checksums
        fields["threshold"] = threshold
    canon = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canon.encode("ascii")).hexdigest()


@dataclass
class LinearModel:
    """A binary logistic-regression model over named features.

    Attributes:
        name: what the model decides (e.g. ``"speaker_ranker"``).
        weights: feature name -> coefficient.
        intercept: the bias term.
        provenance: how the model was made (command, data, seed, licence, metrics).
    """

    name: str
    weights: dict[str, float]
    intercept: float
    provenance: dict[str, Any] = field(default_factory=dict)
    threshold: Optional[float] = None
    """For a model that decides (the quote gate): keep an example when its probability is at least this.
    Stored in the file and covered by the checksum."""

    def score(self, features: Features) -> float:
        """The linear score (log-odds) of one example: the intercept plus the sum, in the order of
        ``features``, of each value times its weight (0 for a name the model does not know)."""
        return self.intercept + sum(map(mul, map(self.weights.get, features, repeat(0.0)), features.values()))

    def probability(self, features: Features) -> float:
        """The model's probability that the example is positive."""
        s = self.score(features)
        if s >= 0:
            return 1.0 / (1.0 + math.exp(-s))
        e = math.exp(s)
        return e / (1.0 + e)

    # -- files ---------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        names = sorted(self.weights)
        weights = [round(self.weights[n], 6) for n in names]
        intercept = round(self.intercept, 6)
        threshold = None if self.threshold is None else round(self.threshold, 6)
        data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "name": self.name, "features": names,
                                "weights": weights, "intercept": intercept}
        if threshold is not None:
            data["threshold"] = threshold
        data["sha256"] = _digest(names, weights, intercept, threshold)
        data["provenance"] = self.provenance
        return data

    def save(self, path: Union[str, Path]) -> None:
        Path(path).write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, data: Any, where: str = "model") -> "LinearModel":
        """Build a model from parsed JSON, checking format, shape and checksum.

        Raises:
            ModelFileError: when anything is off.
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelFileError(f"{where}: not a {FORMAT} file")
        if data.get("version") != VERSION:
            raise ModelFileError(f"{where}: version {data.get('version')!r} is not supported (expected {VERSION})")
        names, weights, intercept = data.get("features"), data.get("weights"), data.get("intercept")
        threshold = data.get("threshold")
        if not (isinstance(names, list) and isinstance(weights, list) and len(names) == len(weights)
                and all(isinstance(n, str) for n in names)
                and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in weights)
                and isinstance(intercept, (int, float)) and math.isfinite(intercept)
                and (threshold is None or isinstance(threshold, (int, float)) and not isinstance(threshold, bool)
                     and 0.0 <= threshold <= 1.0)):
            raise ModelFileError(f"{where}: features, weights, intercept and threshold are malformed")
        if data.get("sha256") != _digest(names, weights, intercept, threshold):
            raise ModelFileError(f"{where}: checksum mismatch: the file was changed after training; "
                                 "retrain it with `quotes train` or restore the packaged file")
        return cls(str(data.get("name", "")), dict(zip(names, map(float, weights))), float(intercept),
                   dict(data.get("provenance") or {}), None if threshold is None else float(threshold))

    @classmethod
    def load(cls, path: Union[str, Path]) -> "LinearModel":
        """Read a model file.

        Raises:
            ModelFileError: when the file is missing, not JSON, or fails the checks of :meth:`from_json`.
        """
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ModelFileError(f"{path}: cannot read the model file ({exc})") from None
        return cls.from_json(data, str(path))


MODEL_DIR = "models"


def packaged_path(name: str) -> Path:
    """Path of a model file shipped in ``quotes/data/models/``."""
    return Path(str(resources.files("quotes.data").joinpath(MODEL_DIR, f"{name}.json")))


_LOADED: dict[str, Optional[LinearModel]] = {}


def packaged(name: str) -> Optional[LinearModel]:
    """The packaged model ``name`` (loaded once), or None when the package ships none.

    Raises:
        ModelFileError: when the packaged file exists but is damaged.
    """
    if name not in _LOADED:
        path = packaged_path(name)
        _LOADED[name] = LinearModel.load(path) if path.exists() else None
    return _LOADED[name]
