"""Golden snapshot: the engine's output on gold dependency trees, recorded in ``tests/data/golden/``.

Every behaviour change of the rules shows up here as a diff of a reviewed JSON file, and a pure
refactoring must leave it unchanged. The inputs are gold trees, so no parser model is involved:

* the fixtures in ``tests/data/`` (always present), one document per fixture file;
* the UD German treebanks in ``../shared/ud-german`` (GSD dev/test, PUD, LIT), cut into documents of
  ten consecutive sentences, so that speaker continuation and anaphoric frames have context.

To accept an intended change, regenerate and review the diff::

    QUOTES_UPDATE_GOLDEN=1 python -m pytest tests/test_golden_snapshot.py
    git diff tests/data/golden/
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from quotes.doc import from_conllu
from quotes.engine import extract_from_parsed
from quotes.models import DocumentResult

UD = Path(__file__).resolve().parent.parent.parent / "shared" / "ud-german"

HERE = Path(__file__).parent
GOLDEN = HERE / "data" / "golden"
LOCAL = {"fixtures": [HERE / "data" / "ud" / "gold_trees.conllu", HERE / "data" / "ud_de_speech.conllu"]}
SHARED = {name: UD / f"{name}.conllu" for name in
          ("de_gsd-ud-dev", "de_gsd-ud-test", "de_pud-ud-test", "de_lit-ud-test")}
DOC_SENTENCES = 10


def _blocks(path: Path) -> list[str]:
    blocks = path.read_text(encoding="utf-8").strip().split("\n\n")
    return [b for b in blocks if re.search(r"^\d+\t", b, re.M)]  # licence headers have no rows


def _documents(name: str) -> list[tuple[str, str]]:
    """(document id, CoNLL-U) pairs for one snapshot."""
    if name in LOCAL:
        return [(p.stem, "\n\n".join(_blocks(p))) for p in LOCAL[name]]
    blocks = _blocks(SHARED[name])
    return [(f"{name}#{i // DOC_SENTENCES}", "\n\n".join(blocks[i: i + DOC_SENTENCES]))
            for i in range(0, len(blocks), DOC_SENTENCES)]


def _record(result: DocumentResult) -> list[dict]:
    out = []
    for q in result.quotes:
        out.append({
            "type": q.type.value,
            "rule": q.rule,
            "confidence": q.confidence,
            "content": [[s.start, s.end] for s in q.content],
            "cue": [[s.start, s.end] for s in q.cue],
            "cue_lemma": q.cue_lemma,
            "speaker": None if q.speaker is None else {
                "mention": None if q.speaker.mention is None else [q.speaker.mention.start, q.speaker.mention.end],
                "name": q.speaker.name, "descriptor": q.speaker.descriptor, "entity": q.speaker.entity},
            "addressee": None if q.addressee is None else [q.addressee.start, q.addressee.end],
            "medium": None if q.medium is None else [q.medium.start, q.medium.end],
            "evidence": q.evidence,
        })
    return out


def snapshot(name: str) -> dict[str, list[dict]]:
    """The engine's output for every document of one snapshot (documents without quotes left out)."""
    out: dict[str, list[dict]] = {}
    for doc_id, conllu in _documents(name):
        records = _record(extract_from_parsed(from_conllu(conllu), doc_id))
        if records:
            out[doc_id] = records
    return out


@pytest.mark.parametrize("name", [*LOCAL, *SHARED])
def test_engine_output_matches_golden_snapshot(name):
    if name in SHARED and not SHARED[name].exists():
        pytest.skip(f"{SHARED[name]} not found (it lives in ../shared beside the checkout)")
    path = GOLDEN / f"{name}.json"
    got = snapshot(name)
    if os.environ.get("QUOTES_UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    want = json.loads(path.read_text(encoding="utf-8"))
    changed = sorted(k for k in set(want) | set(got) if want.get(k) != got.get(k))
    assert not changed, (f"{len(changed)} documents of {name} changed, first {changed[:5]}; if intended, "
                         "regenerate with QUOTES_UPDATE_GOLDEN=1 and review the diff of tests/data/golden/")


def test_snapshot_is_not_empty():
    """The snapshot must hold quotations, or it would check nothing."""
    got = snapshot("fixtures")
    assert sum(len(v) for v in got.values()) >= 20
