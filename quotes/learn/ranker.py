"""The learned speaker ranker: of a quotation's speaker candidates, take the most probable.

:func:`rank` scores every candidate of :func:`quotes.learn.speaker_features.candidates` with the
packaged logistic-regression model (``quotes/data/models/speaker_ranker.json``) and returns the best
one with its probability. Where the package ships no model, the rules' choice stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from .model import LinearModel, packaged
from .speaker_features import DocIndex, QuoteView, SpeakerCandidate, candidates, features

MODEL_NAME = "speaker_ranker"


@dataclass
class Choice:
    """The ranker's decision for one quotation.

    Attributes:
        candidate: the chosen candidate (its ``span`` is None for "nobody").
        probability: the model's probability that this candidate is the speaker.
        margin: probability of the choice minus that of the runner-up.
    """

    candidate: SpeakerCandidate
    probability: float
    margin: float


def rank(index: DocIndex, quote: QuoteView, previous: Sequence[str] = (),
         model: Optional[LinearModel] = None) -> Optional[Choice]:
    """The most probable speaker of ``quote``; None when no model is available."""
    model = model if model is not None else packaged(MODEL_NAME)
    if model is None:
        return None
    scored = [(model.probability(features(index, quote, c, previous)), n, c)
              for n, c in enumerate(candidates(index, quote))]
    # ties go to the rules' choice, then to the earlier candidate: deterministic
    scored.sort(key=lambda t: (-t[0], not t[2].from_rule, t[1]))
    best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    return Choice(best[2], best[0], best[0] - runner_up)
