"""Filtering by confidence: a reader who wants only near-certain attributions (``--min-confidence P``).

The filter keeps the records whose ``confidence`` is at least P, in the library
(:meth:`DocumentResult.filtered`, ``Extractor(min_confidence=…)``) and on the command line (``quotes
extract``, ``quotes speakers``, ``quotes eval``, ``quotes archive search``); the speaker entities follow
the records they keep.
"""

from __future__ import annotations

import argparse
import json

import pytest

from quotes.archive import Archive, ArchiveError
from quotes.cli import main
from quotes.models import DocumentResult, Quote, QuoteType, Span, Speaker, SpeakerEntity

TEXT = "„Wir kommen“, sagte Müller. Die Lage sei ernst, sagte Schulz. „Mal sehen“, meinte Müller."


def at(needle: str, start: int = 0) -> Span:
    i = TEXT.index(needle, start)
    return Span.of(TEXT, i, i + len(needle))


def quote(qid: str, content: str, mention: str, entity: str, confidence: float, start: int = 0) -> Quote:
    return Quote(id=qid, type=QuoteType.DIRECT, content=[at(content)], cue=[], rule="test",
                 speaker=Speaker(mention=at(mention, start), name=mention, entity=entity), confidence=confidence)


def document() -> DocumentResult:
    """Müller twice (0.95 and 0.4), Schulz once (0.6)."""
    second = TEXT.index("meinte")
    return DocumentResult(id="d", text=TEXT, quotes=[
        quote("q1", "„Wir kommen“", "Müller", "s1", 0.95),
        quote("q2", "Die Lage sei ernst", "Schulz", "s2", 0.6),
        quote("q3", "„Mal sehen“", "Müller", "s1", 0.4, second),
    ], speakers=[
        SpeakerEntity(id="s1", name="Müller", mentions=[at("Müller"), at("Müller", second)], quote_ids=["q1", "q3"]),
        SpeakerEntity(id="s2", name="Schulz", mentions=[at("Schulz")], quote_ids=["q2"]),
    ])


@pytest.mark.parametrize("threshold,quotes,entities", [
    (0.0, ["q1", "q2", "q3"], {"s1": ["q1", "q3"], "s2": ["q2"]}),
    (0.5, ["q1", "q2"], {"s1": ["q1"], "s2": ["q2"]}),
    (0.6, ["q1", "q2"], {"s1": ["q1"], "s2": ["q2"]}),  # at least P: a record of exactly P stays
    (0.9, ["q1"], {"s1": ["q1"]}),  # Schulz is left without a quote: his entity goes
    (1.0, [], {}),
])
def test_filtered_keeps_records_of_at_least_the_threshold_and_their_speakers(threshold, quotes, entities):
    doc = document()
    kept = doc.filtered(threshold)
    assert [q.id for q in kept.quotes] == quotes
    assert {e.id: e.quote_ids for e in kept.speakers} == entities
    assert all(q.speaker.entity in entities for q in kept.quotes)
    assert kept.text == doc.text and kept.id == doc.id
    assert len(doc.quotes) == 3 and doc.speakers[0].quote_ids == ["q1", "q3"]  # the original is left alone
    DocumentResult.model_validate(kept.model_dump())  # still a valid record: offsets and all


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), "0.9", True, None])
def test_filtered_refuses_what_is_no_probability(bad):
    with pytest.raises(ValueError, match="from 0 to 1"):
        document().filtered(bad)


def test_speakers_from_record_files_count_only_confident_records(tmp_path, capsys):
    path = tmp_path / "records.jsonl"
    path.write_text(document().model_dump_json() + "\n", encoding="utf-8")
    assert main(["speakers", str(path), "-f", "json"]) == 0
    every = {s["name"]: s["total"] for s in json.loads(capsys.readouterr().out)["speakers"]}
    assert every == {"Müller": 2, "Schulz": 1}
    assert main(["speakers", str(path), "-f", "json", "--min-confidence", "0.9"]) == 0
    confident = {s["name"]: s["total"] for s in json.loads(capsys.readouterr().out)["speakers"]}
    assert confident == {"Müller": 1}


@pytest.mark.parametrize("value", ["1.5", "-1", "nan", "viel", ""])
def test_the_command_line_refuses_what_is_no_probability(value, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["speakers", "x.jsonl", "--min-confidence", value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--min-confidence" in err and "Traceback" not in err


def test_a_german_decimal_comma_is_read():
    from quotes.commands import probability

    assert probability("0,9") == probability("0.9") == 0.9


def test_archive_search_filters_by_confidence(tmp_path, capsys):
    db_path = tmp_path / "q.sqlite"
    with Archive(db_path) as db:
        db.add([document()])
        assert [h.quote_id for h in db.search(min_confidence=0.5)] == ["q1", "q2"]
        assert [h.quote_id for h in db.search("Müller", min_confidence=0.9)] == ["q1"]
        with pytest.raises(ArchiveError, match="from 0 to 1"):
            db.search(min_confidence=2)
    assert main(["archive", "search", "--db", str(db_path), "-f", "json", "--min-confidence", "0.55"]) == 0
    assert [h["quote_id"] for h in json.loads(capsys.readouterr().out)] == ["q1", "q2"]


def test_the_extractor_factory_passes_the_threshold_on(monkeypatch):
    """``quotes extract``, ``speakers`` and ``eval`` build their extractor (also in worker processes and on
    Dask) from the options: the threshold travels with them."""
    import quotes.extractor
    from quotes.commands import extractor_factory

    seen = {}
    monkeypatch.setattr(quotes.extractor, "Extractor", lambda **kw: seen.update(kw))
    args = argparse.Namespace(model_dir=None, offline=True, device="cpu", batch_size=4, parse=None,
                              min_confidence=0.8, cache=None)
    extractor_factory(args)()
    assert seen["min_confidence"] == 0.8


def test_the_extractor_refuses_what_is_no_probability(extractor):
    from quotes.extractor import Extractor

    with pytest.raises(ValueError, match="min_confidence"):
        Extractor(parser=extractor.parser, min_confidence=1.2)


SAMPLE = ("„Wir werden die Gespräche fortsetzen“, sagte Außenminister Mike Pompeo am Montag in Washington. "
          "Die Regierung in Pjöngjang sei zu weiteren Treffen bereit, hieß es. Kwon Jong Gun warf Pompeo vor, "
          "die Würde des Landes verletzt zu haben. Es gebe keinen Grund zur Eile.")


@pytest.mark.model
@pytest.mark.parametrize("rank", [1, -1])
def test_the_extractor_keeps_the_confident_records_of_its_unfiltered_output(extractor, rank):
    """The threshold is the second lowest confidence of the sample's records (the least sure record goes)
    or the highest (only the surest stay), so that each run drops some records and keeps some, whatever the
    packaged model's exact values."""
    from quotes.extractor import Extractor

    every = extractor.extract(SAMPLE)
    threshold = sorted(q.confidence for q in every.quotes)[rank]
    kept = Extractor(parser=extractor.parser, min_confidence=threshold).extract(SAMPLE)
    assert [q.model_dump() for q in kept.quotes] == [q.model_dump() for q in every.quotes
                                                     if q.confidence >= threshold]
    assert {e.id for e in kept.speakers} == {q.speaker.entity for q in kept.quotes
                                             if q.speaker is not None and q.speaker.entity}
    assert 0 < len(kept.quotes) < len(every.quotes)


@pytest.mark.model
def test_extract_on_the_command_line_writes_only_confident_records(extractor, monkeypatch, tmp_path, capsys):
    import quotes.commands.extract as extract_cmd
    from quotes.extractor import Extractor

    monkeypatch.setattr(extract_cmd, "make_extractor",
                        lambda args, **k: Extractor(parser=extractor.parser, min_confidence=args.min_confidence))
    src = tmp_path / "a.txt"
    src.write_text(SAMPLE, encoding="utf-8")
    assert main(["extract", str(src), "-f", "jsonl", "--quiet"]) == 0
    every = json.loads(capsys.readouterr().out)["quotes"]
    assert main(["extract", str(src), "-f", "jsonl", "--quiet", "--min-confidence", "0.9"]) == 0
    kept = json.loads(capsys.readouterr().out)["quotes"]
    assert kept == [q for q in every if q["confidence"] >= 0.9]
    assert len(kept) < len(every)  # the sample has records on both sides of the threshold


def test_eval_refuses_a_baseline_with_a_threshold(tmp_path, capsys):
    code = main(["eval", str(tmp_path), "--baseline", "tests/data/quality_baseline.json", "--min-confidence", "0.9"])
    assert code == 2
    assert "--min-confidence" in capsys.readouterr().err
