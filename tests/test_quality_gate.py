"""The quality gate: CI fails when the dev scores fall below what the README states.

The stated figures live in one place, ``tests/data/quality_baseline.json``;
a test here checks the README's Quality table against it, so the two cannot
drift apart. The gate scores the dev split of news-quotes-de with the compact
model (the session's shared parser) and fails when message, speaker or joint
F1 fall more than 0.5 points below the stated figures.

Parsing the 150 dev articles takes a few minutes on CI, so it happens once per
run: the parses go to the parse cache (``$QUOTES_CACHE_DIR``, which ``.ci/run``
points at a fresh folder; else ``~/.cache/quotes/parses``, the cache of
``quotes eval``), and the proof that the gate bites, scoring again with one
rule family switched off, re-runs only the rules on the cached parses.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from quotes import evaluate as ev
from quotes.evaluate.counts import Counts, EvalScores

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "tests" / "data" / "quality_baseline.json"
README = ROOT / "README.md"

README_ROWS = {"message": "message", "speaker": "speaker", "cue": "cue", "joint": "joint",
               "quotes (overlap F1 ≥ 0.5)": "quotes"}
"""The first cell of each README Quality row -> its key in the baseline file."""


def _readme_table() -> dict[str, tuple[float, float, float]]:
    """The README's dev score table: row key -> (P, R, F1), bold marks removed."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| dev split, compact model |"))
    rows = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip().replace("**", "") for c in line.strip("|").split("|")]
        rows[README_ROWS[cells[0]]] = tuple(float(c) for c in cells[1:4])
    return rows


def test_the_readme_states_the_baseline_figures():
    baseline = ev.load_baseline(BASELINE)
    stated = {k: (v["precision"], v["recall"], v["f1"]) for k, v in baseline["scores"].items()}
    assert _readme_table() == stated, "README Quality table and tests/data/quality_baseline.json differ"


def test_the_readme_names_the_gate_tolerance():
    baseline = ev.load_baseline(BASELINE)
    quality = README.read_text(encoding="utf-8").split("## Quality", 1)[1].split("\n## ", 1)[0]
    assert f"more than {baseline['tolerance']} below" in quality


# ---------------------------------------------------------------------------
# the gate function, on made-up scores
# ---------------------------------------------------------------------------


def _scores(message: tuple[int, int, int], speaker: tuple[int, int, int], cue=(0, 0, 0)) -> EvalScores:
    scores = EvalScores()
    for role, (tp, fp, fn) in (("message", message), ("speaker", speaker), ("cue", cue)):
        scores.roles[role] = Counts(tp, fp, fn)
    return scores


BASE = {"tolerance": 0.5, "gated": ["message", "speaker", "joint"],
        "scores": {"message": {"f1": 80.0}, "speaker": {"f1": 70.0}, "joint": {"f1": 75.0}}}


def test_the_gate_passes_within_the_tolerance_and_fails_below_it():
    # message F1 79.6 (0.4 below its figure), speaker 70.0, joint 74.8 (0.2 below)
    ok = ev.check_quality(_scores((796, 204, 204), (700, 300, 300)), BASE)
    assert ok.passed, str(ok)
    assert len(ok.checks) == 3 and str(ok).startswith("quality gate passed")
    low = ev.check_quality(_scores((794, 206, 206), (700, 300, 300)), BASE)  # message 79.4: 0.6 below; joint 74.7
    assert not low.passed
    assert [line.split()[0] for line in low.failures] == ["message"]
    assert "FAILED" in str(low) and "BELOW" in str(low)
    assert ev.check_quality(_scores((794, 206, 206), (700, 300, 300)), BASE, tolerance=1.0).passed


def test_a_baseline_without_a_gated_figure_is_refused(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"gated": ["message"], "scores": {"speaker": {"f1": 1}}}), encoding="utf-8")
    with pytest.raises(ValueError, match="no stated F1 for 'message'"):
        ev.load_baseline(path)
    path.write_text(json.dumps({"gated": ["addressee"], "scores": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match="unknown gated score"):
        ev.load_baseline(path)


# ---------------------------------------------------------------------------
# the gate on the dev split
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dev_run(extractor, corpus_dir):
    """The dev split scored once with the session's parser and a parse cache.

    Returns:
        ``(golds, cached extractor, scores, seconds)``.
    """
    from quotes.commands.eval import default_cache_dir
    from quotes.extractor import Extractor

    golds, skipped = ev.load_gold_dir(corpus_dir / "dev")
    assert not skipped and len(golds) == 150, (skipped, len(golds))
    cached = Extractor(parser=extractor.parser, cache_dir=default_cache_dir())
    start = time.monotonic()
    scores, _ = ev.evaluate_golds(golds, cached)
    return golds, cached, scores, time.monotonic() - start


@pytest.mark.model
@pytest.mark.corpus
def test_dev_scores_reach_the_figures_the_readme_states(dev_run):
    _, cached, scores, seconds = dev_run
    gate = ev.check_quality(scores, ev.load_baseline(BASELINE))
    assert not scores.errors, scores.errors
    assert gate.passed, f"{gate}\n(dev scored in {seconds:.0f} s; parse cache {cached.cache.directory})"


def _without(families: tuple, name: str) -> tuple:
    """The rule families except the one called ``name`` (a module's last name part, or a ``name`` attribute)."""
    def called(family) -> str:
        return str(getattr(family, "name", None) or family.__name__.rsplit(".", 1)[-1])

    kept = tuple(f for f in families if called(f) != name)
    assert len(kept) == len(families) - 1, f"no rule family {name!r} in {[called(f) for f in families]}"
    return kept


@pytest.mark.model
@pytest.mark.corpus
def test_the_gate_fails_with_a_rule_family_switched_off(dev_run, monkeypatch):
    from quotes import engine

    golds, cached, _, _ = dev_run
    monkeypatch.setattr(engine, "RULE_FAMILIES", _without(engine.RULE_FAMILIES, "indirect"))
    misses = cached.cache.misses
    broken, _ = ev.evaluate_golds(golds, cached)
    assert cached.cache.misses == misses, "the second scoring parsed again instead of reading the cache"
    gate = ev.check_quality(broken, ev.load_baseline(BASELINE))
    assert not gate.passed, f"the gate did not notice the indirect rules missing:\n{gate}"
    assert any(line.startswith("message") for line in gate.failures), str(gate)

