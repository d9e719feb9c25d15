"""Behaviour of the evaluation: gold loading, Hungarian pairing, token counts, reports, ``quotes eval``.

Gold documents here are tiny and hand-made: the text is tokenised at spaces,
so token ``i`` is the ``i``-th whitespace-separated word, and roles are given
as token-id lists.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quotes import evaluate as ev
from quotes.doc import ParsedDoc, Sentence, Word
from quotes.models import DocumentError, DocumentResult, Quote, QuoteType, Span, Speaker

TEXT = "Müller sagte heute , dass alles gut sei . Sie meinte , es regne . Das Wetter bleibt schön ."
#        0      1     2    3 4    5     6   7   8 9   10    11 12 13  14 15  16     17    18   19


def _tokens(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _role(text: str, ids: list[int]) -> dict:
    toks = _tokens(text)
    spans = [{"begin": a, "end": b + 1, "charBegin": toks[a][0], "charEnd": toks[b][1]}
             for a, b in ev.token_runs(ids)]
    return {"text": " ".join(text[s["charBegin"]:s["charEnd"]] for s in spans), "tokenIds": sorted(ids),
            "spans": spans}


def gold_json(anns: list[dict], text: str = TEXT) -> dict:
    """A gold file dict; each ann: type, quote, and optional speaker / cue token-id lists."""
    toks = _tokens(text)
    annotations = []
    for n, a in enumerate(anns):
        annotations.append({
            "id": n, "type": a["type"], "medium": "S", "isNested": False, "hasNested": False,
            "quote": _role(text, a["quote"]),
            "speaker": _role(text, a["speaker"]) if a.get("speaker") else [],
            "cue": _role(text, a["cue"]) if a.get("cue") else {"text": "", "tokenIds": [], "spans": []},
            "frame": [], "addressee": {"text": "", "tokenIds": []},
        })
    bounds = [i + 1 for i, (s, e) in enumerate(toks) if text[s:e].endswith(".")]
    sentences, start = [], 0
    for k, end in enumerate(bounds):
        sentences.append({"id": k, "begin": start, "end": end, "charBegin": toks[start][0],
                          "charEnd": toks[end - 1][1], "text": text[toks[start][0]:toks[end - 1][1]]})
        start = end
    sent_of = {i: k for k, s in enumerate(sentences) for i in range(s["begin"], s["end"])}
    return {
        "documentName": "Testdokument", "originalText": text, "annotations": annotations,
        "tokens": [{"id": i, "text": text[s:e], "charBegin": s, "charEnd": e, "sentence": sent_of.get(i, 0) + 1}
                   for i, (s, e) in enumerate(toks)],
        "sentences": sentences,
    }


def gold_doc(anns: list[dict], text: str = TEXT, doc_id: str = "d1") -> ev.GoldDocument:
    return ev.parse_gold(gold_json(anns, text), doc_id)


def _spans(text: str, ids: list[int]) -> list[Span]:
    toks = _tokens(text)
    return [Span.of(text, toks[a][0], toks[b][1]) for a, b in ev.token_runs(ids)]


def pred(quote: list[int], speaker: list[int] | None = None, cue: list[int] | None = None,
         type: QuoteType = QuoteType.INDIRECT, text: str = TEXT, n: int = 0, rule: str = "test.rule") -> Quote:
    """A predicted quote over whole tokens (speaker must be contiguous)."""
    mention = _spans(text, speaker)[0] if speaker else None
    return Quote(id=f"q{n}", type=type, content=_spans(text, quote), cue=_spans(text, cue or []),
                 speaker=Speaker(mention=mention) if mention else None, rule=rule, confidence=0.9)


def result(quotes: list[Quote], text: str = TEXT, doc_id: str = "d1") -> DocumentResult:
    return DocumentResult(id=doc_id, text=text, quotes=quotes)


def score(anns: list[dict], quotes: list[Quote]) -> tuple[ev.EvalScores, ev.DocumentDetail]:
    scores, details = ev.score_documents([gold_doc(anns)], [result(quotes)])
    return scores, details[0]


SAID = {"type": "Indirect", "quote": [4, 5, 6, 7], "speaker": [0], "cue": [1]}
MEANT = {"type": "Indirect", "quote": [12, 13], "speaker": [9], "cue": [10]}


# ---------------------------------------------------------------------------
# token grid
# ---------------------------------------------------------------------------


def test_a_span_maps_to_every_gold_token_it_overlaps():
    gold = gold_doc([])
    start = TEXT.index("heute") + 2  # inside "heute"
    end = TEXT.index("dass") + 1  # inside "dass"
    assert list(gold.tokens_of(start, end)) == [2, 3, 4]
    assert list(gold.tokens_of(0, len("Müller"))) == [0]
    assert list(gold.tokens_of(len("Müller"), len("Müller") + 1)) == []  # the space between two tokens
    assert list(gold.tokens_of(5, 5)) == []


def test_token_runs_and_their_text():
    assert ev.token_runs([7, 3, 4, 5, 9]) == [(3, 5), (7, 7), (9, 9)]
    assert ev.token_runs([]) == []
    gold = gold_doc([])
    assert gold.text_of_tokens({0, 1, 4, 5}) == "Müller sagte … dass alles"


def test_gold_and_predicted_quotes_have_one_shape():
    gold = gold_doc([SAID])
    _, detail = score([SAID], [pred([4, 5, 6, 7], [0], [1], rule="r.x")])
    g, p = gold.quotes[0], detail.preds[0]
    assert type(g) is type(p) is ev.QuoteRoles
    assert (g.rule, p.rule) == ("", "r.x")
    assert g.same_roles(p) and [g.tokens(r) for r in ev.ROLES] == [p.tokens(r) for r in ev.ROLES]
    with pytest.raises(KeyError):
        g.tokens("addressee")


def test_gold_roles_may_be_empty_lists_or_lack_spans():
    data = gold_json([SAID])
    data["annotations"][0]["speaker"] = []
    data["annotations"][0]["cue"] = {"text": "", "tokenIds": []}
    del data["annotations"][0]["frame"]
    gold = ev.parse_gold(data, "x")
    q = gold.quotes[0]
    assert q.message == {4, 5, 6, 7} and q.speaker == frozenset() and q.cue == frozenset()


# ---------------------------------------------------------------------------
# scores
# ---------------------------------------------------------------------------


def test_a_perfect_prediction_scores_100_everywhere():
    scores, _ = score([SAID, MEANT], [pred([4, 5, 6, 7], [0], [1]), pred([12, 13], [9], [10], n=1)])
    for counts in (*scores.roles.values(), scores.joint, scores.quotes):
        assert (counts.precision, counts.recall, counts.f1) == (100.0, 100.0, 100.0)
    assert scores.quotes.tp == 2 and scores.joint.tp == 4 + 1 + 1 + 2 + 1 + 1


def test_a_disjoint_prediction_scores_0_and_counts_every_token():
    scores, detail = score([SAID], [pred([16, 17, 18, 19], [15], [17])])
    assert detail.pairs == []
    assert (scores.message.tp, scores.message.fp, scores.message.fn) == (0, 4, 4)
    assert (scores.speaker.tp, scores.speaker.fp, scores.speaker.fn) == (0, 1, 1)
    assert (scores.cue.tp, scores.cue.fp, scores.cue.fn) == (0, 1, 1)
    assert scores.joint.f1 == 0.0 and scores.quotes.f1 == 0.0
    assert (scores.quotes.tp, scores.quotes.fp, scores.quotes.fn) == (0, 1, 1)


def test_a_partial_overlap_gives_hand_computed_numbers():
    gold = {"type": "Indirect", "quote": [4, 5, 6, 7, 8], "speaker": [0], "cue": [1]}
    # message: pred 6..10 vs gold 4..8 -> TP 3, FP 2, FN 2
    # speaker: pred {0,1} vs gold {0} -> TP 1, FP 1, FN 0
    # cue: none vs {1} -> TP 0, FP 0, FN 1
    scores, detail = score([gold], [pred([6, 7, 8, 9, 10], [0, 1])])
    m, s, c, j = scores.message, scores.speaker, scores.cue, scores.joint
    assert (m.tp, m.fp, m.fn) == (3, 2, 2)
    assert (m.precision, m.recall, m.f1) == pytest.approx((60.0, 60.0, 60.0))
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)
    assert (s.precision, s.recall, s.f1) == pytest.approx((50.0, 100.0, 200 / 3))
    assert (c.tp, c.fp, c.fn) == (0, 0, 1) and c.f1 == 0.0
    assert (j.tp, j.fp, j.fn) == (4, 3, 3)
    assert j.f1 == pytest.approx(400 / 7)
    assert detail.pairs[0].f1 == pytest.approx(0.6) and detail.pairs[0].matched
    assert (scores.quotes.tp, scores.quotes.fp, scores.quotes.fn) == (1, 0, 0)


def test_overlap_f1():
    assert ev.overlap_f1(frozenset({1, 2, 3}), frozenset({2, 3, 4, 5})) == pytest.approx(4 / 7)
    assert ev.overlap_f1(frozenset(), frozenset({1})) == 0.0


def test_hungarian_pairing_maximises_the_total_not_the_best_single_pair():
    g0, g1 = frozenset(range(0, 10)), frozenset(range(10, 20))
    p0 = frozenset(range(2, 16))  # F1 with g0 = 16/24 = 0.667, with g1 = 12/24 = 0.5
    p1 = frozenset(range(0, 3))  # F1 with g0 = 6/13 = 0.46, with g1 = 0
    # greedy would take p0-g0 (0.667) and leave p1 unpaired; the best assignment is p0-g1 + p1-g0 (0.96)
    pairs = ev.pair_quotes([p0, p1], [g0, g1])
    assert [(p, g) for p, g, _ in pairs] == [(1, 0), (0, 1)]
    assert [f for _, _, f in pairs] == pytest.approx([6 / 13, 0.5])


def test_hungarian_pairing_through_the_scores():
    text = " ".join(f"w{i}" for i in range(20)) + " ."
    gold = ev.parse_gold(gold_json([{"type": "Direct", "quote": list(range(10))},
                                    {"type": "Indirect", "quote": list(range(10, 20))}], text), "h")
    preds = result([pred(list(range(2, 16)), text=text), pred([0, 1, 2], text=text, n=1)], text=text, doc_id="h")
    scores, (detail,) = ev.score_documents([gold], {"h": preds})
    assert [(p.pred, p.gold) for p in detail.pairs] == [(1, 0), (0, 1)]
    assert (scores.message.tp, scores.message.fp, scores.message.fn) == (9, 8, 11)
    # p0-g1 reaches exactly F1 0.5 (a match), p1-g0 stays below
    assert (scores.quotes.tp, scores.quotes.fp, scores.quotes.fn) == (1, 1, 1)


def test_pairs_need_some_overlap():
    assert ev.pair_quotes([frozenset({1})], [frozenset({2})]) == []
    assert ev.pair_quotes([], [frozenset({2})]) == []


def test_unpaired_quotes_count_fully_for_all_roles():
    # SAID is found exactly; MEANT (2+1+1 tokens) is missed; a false alarm of 3+1+1 tokens
    scores, detail = score([SAID, MEANT], [pred([4, 5, 6, 7], [0], [1]), pred([16, 17, 18], [15], [17], n=1)])
    assert [q.index for q in detail.missed] == [1]
    assert [q.index for q in detail.false_alarms] == [1]
    assert (scores.message.tp, scores.message.fp, scores.message.fn) == (4, 3, 2)
    assert (scores.speaker.tp, scores.speaker.fp, scores.speaker.fn) == (1, 1, 1)
    assert (scores.cue.tp, scores.cue.fp, scores.cue.fn) == (1, 1, 1)
    assert (scores.quotes.tp, scores.quotes.fp, scores.quotes.fn) == (1, 1, 1)


RELAYED_TEXT = "Reuters zitierte Müller : „ Alles gut . “ Das Wetter bleibt schön ."
#                0       1         2      3 4 5     6   7 8 9   10     11     12   13


def test_a_relayed_quote_counts_as_the_two_annotations_the_corpus_makes():
    # the corpus annotates "Reuters zitierte Müller: „…“" twice: Müller and Reuters as sources
    text = RELAYED_TEXT
    gold = ev.parse_gold(gold_json([{"type": "Direct", "quote": [4, 5, 6, 7, 8], "speaker": [2]},
                                    {"type": "Direct", "quote": [4, 5, 6, 7, 8], "speaker": [0], "cue": [1]}],
                                   text), "r")
    toks = _tokens(text)
    q = pred([4, 5, 6, 7, 8], [2], [1], type=QuoteType.DIRECT, text=text)
    q = q.model_copy(update={"medium": Span.of(text, toks[0][0], toks[0][1])})
    scores, (detail,) = ev.score_documents([gold], {"r": result([q], text=text, doc_id="r")})
    assert [p.speaker for p in detail.preds] == [frozenset({2}), frozenset({0})]
    assert sorted((p.pred, p.gold) for p in detail.pairs) == [(0, 0), (1, 1)]
    assert (scores.message.tp, scores.message.fp, scores.message.fn) == (10, 0, 0)
    assert (scores.speaker.tp, scores.speaker.fp, scores.speaker.fn) == (2, 0, 0)
    assert (scores.cue.tp, scores.cue.fp, scores.cue.fn) == (1, 1, 0)


def test_equal_message_overlaps_are_paired_by_speaker():
    msg = frozenset({4, 5, 6})
    pairs = ev.pair_quotes([msg, msg], [msg, msg], [frozenset({2}), frozenset({0})], [frozenset({0}), frozenset({2})])
    assert [(p, g) for p, g, _ in pairs] == [(1, 0), (0, 1)]
    assert [f for _, _, f in pairs] == [1.0, 1.0]


def test_type_breakdown():
    anns = [{"type": "Direct", "quote": [4, 5, 6, 7]},
            {"type": "Indirect", "quote": [12, 13]},
            {"type": "Reported", "quote": [16, 17, 18, 19]}]
    quotes = [pred([4, 5, 6, 7], type=QuoteType.DIRECT),  # Direct fully found
              pred([12], type=QuoteType.INDIRECT, n=1),  # Indirect: 1 of 2 tokens, F1 0.67: a match
              pred([0, 1], type=QuoteType.REPORTED, n=2)]  # false alarm; Reported missed
    scores, _ = score(anns, quotes)
    t = scores.gold_types
    assert (t["Direct"].gold, t["Direct"].matched, t["Direct"].recall, t["Direct"].message.recall) == (1, 1, 100, 100)
    assert (t["Indirect"].matched, t["Indirect"].message.recall) == (1, 50.0)
    assert (t["Reported"].matched, t["Reported"].recall, t["Reported"].message.recall) == (0, 0.0, 0.0)
    assert scores.pred_types == {"direct": [1, 1], "indirect": [1, 1], "reported": [1, 0]}
    assert scores.confusion == {"Direct -> direct": 1, "Indirect -> indirect": 1}


def test_missing_and_failed_predictions_count_as_no_quotes():
    golds = [gold_doc([SAID], doc_id="a"), gold_doc([MEANT], doc_id="b")]
    scores, details = ev.score_documents(golds, {"b": DocumentError(id="b", error="parser", message="kaputt")})
    assert scores.documents == 2 and scores.errors == [("b", "kaputt")]
    assert (scores.message.tp, scores.message.fn) == (0, 6)
    assert details[1].error == "kaputt"


def test_predictions_may_be_json_dicts():
    as_dict = json.loads(result([pred([4, 5, 6, 7], [0], [1])]).model_dump_json())
    scores, _ = ev.score_documents([gold_doc([SAID])], [as_dict])
    assert scores.joint.f1 == 100.0


def test_a_prediction_on_another_text_is_refused():
    with pytest.raises(ValueError, match="text differs"):
        ev.score_documents([gold_doc([SAID])], [result([], text="Anderer Text .")])


# ---------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------


def test_tables_and_dict():
    scores, detail = score([SAID, MEANT], [pred([4, 5, 6], [0], [1])])
    table = ev.format_table(scores)
    assert "message" in table and "joint" in table and "Indirect" in table
    assert table.startswith("1 document\n")
    md = ev.format_markdown(scores)
    assert "| message |" in md and "|---:|" in md
    data = json.loads(json.dumps(scores.to_dict()))
    assert data["message"]["tp"] == 3 and data["quotes"]["tp"] == 1
    assert set(data) >= {"message", "speaker", "cue", "joint", "quotes", "gold_types", "pred_types"}
    assert json.loads(json.dumps(detail.to_dict()))["matched"] == 1


def _fake_parse(text: str) -> ParsedDoc:
    words, sents = [], []
    for i, (s, e) in enumerate(_tokens(text)):
        words.append(Word(len(words) + 1, text[s:e], text[s:e], "X", "_", "_", 0 if not words else 1, "dep", s, e))
        if text[s:e] == ".":
            sents.append(Sentence(len(sents), words[0].start, e, words))
            words = []
    return ParsedDoc(text, sents)


def test_report_lists_misses_false_alarms_and_partial_pairs_with_parses():
    text = TEXT.replace("alles", "<b>alles&</b>")
    gold = ev.parse_gold(gold_json([SAID, MEANT], text), "r")
    preds = result([pred([4, 5, 6], [0], [1], text=text), pred([16, 17], text=text, n=1, rule="bad.rule")],
                   text=text, doc_id="r")
    scores, details = ev.score_documents([gold], [preds])
    md = ev.render_report(scores, details, "markdown", _fake_parse)
    assert "MISS gold #1 (Indirect)" in md and "FALSE ALARM pred #1" in md and "bad.rule" in md
    assert "PARTIAL gold #0 ~ pred #0" in md and "message missing" in md
    assert "1:Sie/X/dep->0" in md  # parse of the missed quote's sentence
    assert "Sie meinte , es regne ." in md  # its sentence
    page = ev.render_report(scores, details, "html", _fake_parse)
    assert "&lt;b&gt;alles&amp;&lt;/b&gt;" in page and "<b>alles" not in page
    assert page.startswith("<!DOCTYPE html>")


def test_write_report_picks_the_format_by_extension(tmp_path):
    scores, detail = score([SAID], [])
    ev.write_report(tmp_path / "r.html", scores, [detail])
    ev.write_report(tmp_path / "r.md", scores, [detail])
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# quotes eval")


# ---------------------------------------------------------------------------
# gold folders
# ---------------------------------------------------------------------------


def _write_gold(directory: Path, name: str, data) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")


def test_bad_gold_files_are_reported_and_skipped(tmp_path):
    _write_gold(tmp_path, "good.json", gold_json([SAID]))
    _write_gold(tmp_path, "broken.json", "{not json")
    _write_gold(tmp_path, "wrong.json", {"hello": 1})
    golds, skipped = ev.load_gold_dir(tmp_path)
    assert [g.id for g in golds] == ["good"]
    assert sorted(name for name, _ in skipped) == ["broken.json", "wrong.json"]
    assert ev.load_gold_dir(tmp_path, limit=1)[0] == []  # broken.json comes first by name


def test_a_folder_without_gold_files_is_an_error(tmp_path):
    with pytest.raises(ev.GoldFormatError, match="no \\*.json"):
        ev.load_gold_dir(tmp_path)
    with pytest.raises(ev.GoldFormatError, match="not a folder"):
        ev.load_gold_dir(tmp_path / "missing")


_GOLD_TYPE = {"Direct": QuoteType.DIRECT, "Indirect": QuoteType.INDIRECT, "Reported": QuoteType.REPORTED,
              "FreeIndirect": QuoteType.FREE_INDIRECT, "IndirectFreeIndirect": QuoteType.FREE_INDIRECT}


def _gold_as_prediction(path: Path) -> DocumentResult:
    """The gold annotations of a file as a prediction (speakers must be single spans)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    text = data["originalText"]

    def spans(role) -> list[Span]:
        return [Span.of(text, s["charBegin"], s["charEnd"]) for s in (role or {}).get("spans") or ()]

    quotes = []
    for n, a in enumerate(data["annotations"]):
        speaker = spans(a.get("speaker"))
        quotes.append(Quote(id=f"q{n}", type=_GOLD_TYPE[a["type"]], content=spans(a["quote"]), cue=spans(a.get("cue")),
                            speaker=Speaker(mention=speaker[0]) if speaker else None, rule="gold", confidence=1.0))
    return DocumentResult(id=path.stem, text=text, quotes=quotes)


def test_real_gold_scored_against_itself_is_100(corpus_dir, tmp_path):
    dev = corpus_dir / "dev"
    chosen = []
    for path in sorted(dev.glob("*.json")):
        anns = json.loads(path.read_text(encoding="utf-8"))["annotations"]
        if anns and all(len((a.get("speaker") or {}).get("spans") or ()) <= 1 for a in anns):
            chosen.append(path)
        if len(chosen) == 2:
            break
    assert len(chosen) == 2, f"no two dev files with single-span speakers in {dev}"
    for path in chosen:
        _write_gold(tmp_path, path.name, path.read_text(encoding="utf-8"))
    golds, skipped = ev.load_gold_dir(tmp_path)
    assert skipped == [] and len(golds) == 2
    scores, details = ev.score_documents(golds, [_gold_as_prediction(p) for p in chosen])
    for counts in (*scores.roles.values(), scores.joint, scores.quotes):
        assert counts.fp == 0 and counts.fn == 0
        assert counts.f1 == 100.0
    assert scores.quotes.tp == sum(len(g.quotes) for g in golds)
    assert all(not d.missed and not d.false_alarms and not d.partial for d in details)


# ---------------------------------------------------------------------------
# the command line
# ---------------------------------------------------------------------------


def test_cli_refuses_a_folder_without_gold(tmp_path, capsys):
    from quotes.cli import main

    assert main(["eval", str(tmp_path)]) == 2
    assert "no *.json" in capsys.readouterr().err
    _write_gold(tmp_path, "bad.json", "[]")
    assert main(["eval", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "skipping bad.json" in err and "no valid gold file" in err and "Traceback" not in err


CLI_TEXT = "„Wir kommen morgen“, sagte Müller. Er sagte, er komme morgen."


def test_cli_eval_on_a_tiny_gold_folder(extractor, model_dir, tmp_path, monkeypatch, capsys):
    from quotes import commands
    from quotes.cli import main
    from quotes.commands import eval as eval_command
    from quotes.extractor import Extractor

    made = []

    def make(args, cache_dir=None):  # share the session's loaded parser; keep the command's cache choice
        made.append(cache_dir)
        return Extractor(parser=extractor.parser, cache_dir=cache_dir)

    monkeypatch.setattr(eval_command, "make_extractor", make)
    assert commands.make_extractor is not make
    gold_dir = tmp_path / "gold"
    toks = _tokens(CLI_TEXT)
    words = [CLI_TEXT[s:e] for s, e in toks]
    quote = list(range(words.index("„Wir"), words.index("morgen“,") + 1))
    second = list(range(words.index("er"), words.index("morgen.") + 1))
    _write_gold(gold_dir, "doc1.json", gold_json([
        {"type": "Direct", "quote": quote, "speaker": [words.index("Müller.")], "cue": [words.index("sagte")]},
        {"type": "Indirect", "quote": second, "speaker": [words.index("Er")], "cue": [words.index("sagte,")]},
    ], CLI_TEXT))
    _write_gold(gold_dir, "zz-broken.json", "{")
    cache, report, out = tmp_path / "cache", tmp_path / "report.html", tmp_path / "scores.json"
    args = ["eval", str(gold_dir), "--model-dir", str(model_dir), "--offline", "--cache", str(cache),
            "--report", str(report), "--json", str(out)]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "message" in captured.out and "joint" in captured.out
    assert "skipping zz-broken.json" in captured.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"] == 1 and data["message"]["tp"] + data["message"]["fn"] == len(quote) + len(second)
    assert [d["id"] for d in data["per_document"]] == ["doc1"]
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(args) == 0  # the second run reads the parse from the cache
    assert "1 hits, 0 misses" in capsys.readouterr().err
    assert json.loads(out.read_text(encoding="utf-8")) == data
    assert main(["eval", str(gold_dir), "--no-cache", "--limit", "1"]) == 0
    assert made == [str(cache), str(cache), None]


class _FakeExtractor:
    """Stands in for an Extractor: returns canned predictions by id."""

    def __init__(self, results: dict[str, DocumentResult]) -> None:
        self.results = results

    def extract_many(self, items):
        for doc_id, text in items:
            yield self.results.get(doc_id) or DocumentError(id=doc_id, error="parser", message="no parse")


def test_evaluate_runs_the_extractor_on_every_gold_file(tmp_path):
    _write_gold(tmp_path, "a.json", gold_json([SAID]))
    _write_gold(tmp_path, "b.json", gold_json([MEANT]))
    _write_gold(tmp_path, "c.json", "{")
    fake = _FakeExtractor({"a": result([pred([4, 5, 6, 7], [0], [1])], doc_id="a")})
    scores, details = ev.evaluate(tmp_path, fake)
    assert [d.id for d in details] == ["a", "b"]
    assert [f for f, _ in scores.skipped] == ["c.json"] and scores.errors == [("b", "no parse")]
    assert (scores.quotes.tp, scores.quotes.fn) == (1, 1)
    scores, details = ev.evaluate(tmp_path, fake, limit=1)
    assert scores.documents == 1 and scores.quotes.f1 == 100.0


def test_evaluate_reports_progress_per_document(tmp_path):
    import io

    from quotes.progress import Progress

    _write_gold(tmp_path, "a.json", gold_json([SAID]))
    _write_gold(tmp_path, "b.json", gold_json([MEANT]))
    fake = _FakeExtractor({"a": result([pred([4, 5, 6, 7], [0], [1])], doc_id="a"),
                           "b": result([pred([12, 13], [9], [10]), pred([0], n=1)], doc_id="b")})
    log = io.StringIO()
    with Progress(total=2, desc="quotes eval", stream=log, mode="log", interval=0) as progress:
        ev.evaluate(tmp_path, fake, progress=progress)
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("quotes eval: 1/2 documents (50%)") and lines[0].endswith("; 1 quotes")
    assert lines[1].startswith("quotes eval: 2/2 documents (100%)") and lines[1].endswith("; 3 quotes")


def _fake_cli(monkeypatch, results: dict[str, DocumentResult]) -> None:
    """Let ``quotes eval`` score canned predictions (no parser needed)."""
    from quotes.commands import eval as eval_command

    fake = _FakeExtractor(results)
    fake.cache = None
    monkeypatch.setattr(eval_command, "make_extractor", lambda args, cache_dir=None: fake)


def test_cli_baseline_gate_sets_the_exit_status(tmp_path, monkeypatch, capsys):
    from quotes.cli import main

    _write_gold(tmp_path / "gold", "a.json", gold_json([SAID, MEANT]))
    _fake_cli(monkeypatch, {"a": result([pred([4, 5, 6, 7], [0], [1])], doc_id="a")})  # MEANT missed
    # message F1 = 2*4/(4+6) = 80, speaker 66.7, joint 2*6/(6+10) = 75
    base = tmp_path / "baseline.json"
    figures = {"message": 80.0, "speaker": 66.7, "joint": 75.0}
    base.write_text(json.dumps({"tolerance": 0.5, "scores": {k: {"f1": v} for k, v in figures.items()}}),
                    encoding="utf-8")
    assert main(["eval", str(tmp_path / "gold"), "--baseline", str(base)]) == 0
    assert "quality gate passed" in capsys.readouterr().err
    figures["speaker"] = 67.5
    base.write_text(json.dumps({"tolerance": 0.5, "scores": {k: {"f1": v} for k, v in figures.items()}}),
                    encoding="utf-8")
    assert main(["eval", str(tmp_path / "gold"), "--baseline", str(base)]) == 1
    err = capsys.readouterr().err
    assert "quality gate FAILED" in err and "speaker F1 66.67 (stated 67.5, floor 67.0): BELOW" in err
    assert main(["eval", str(tmp_path / "gold"), "--baseline", str(tmp_path / "missing.json")]) == 2
    assert "cannot use the baseline" in capsys.readouterr().err
    assert main(["eval", str(tmp_path / "gold"), "--baseline", str(base), "--one-per-record"]) == 2
