"""Speaker gender with evidence (quotes/gender.py), its data files, the dev40 gold file and its scoring."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from quotes.cli import main
from quotes.evaluate.gender import (GenderGold, GenderGoldError, GoldSpeaker, check_texts, format_gender_table,
                                   load_gender_gold, parse_gender_gold, score_gender)
from quotes.gender import Evidence, decide
from quotes.lexicon import load_table
from quotes.models import DocumentError, DocumentResult, Gender, Span, SpeakerEntity, speaker_gender

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "speaker_gender_dev40.json"
DEV = ROOT.parent / "shared" / "news-quotes-de" / "dev"

# -- end to end with the compact model -----------------------------------------------------------------

CASES = [
    # text, speaker name (a part of it), gender, evidence the record must name
    ("Die Ministerin sagte, die Lage sei ernst.", "Ministerin", Gender.FEMALE, ["role_noun:Ministerin"]),
    ("Der Sprecher sagte, die Lage sei ernst.", "Sprecher", Gender.MALE, ["role_noun:Sprecher"]),
    ("Anna Berger sagte, die Lage sei ernst.", "Anna Berger", Gender.FEMALE, ["first_name:Anna"]),
    ("Die Polizei teilte mit, die Lage sei ernst.", "Polizei", Gender.GROUP, ["organisation:Polizei"]),
    ("Kim sagte, die Lage sei ernst.", "Kim", Gender.UNKNOWN, []),
    ("Die Ministerin Peter Müller sagte, die Lage sei ernst.", "Peter Müller", Gender.UNKNOWN,
     ["role_noun:Ministerin", "first_name:Peter"]),
    ("Frau Merkel sagte, die Lage sei ernst.", "Merkel", Gender.FEMALE, ["person_noun:Frau"]),
    ("Kremlsprecher Dmitri Peskow sagte, die Lage sei ernst.", "Dmitri Peskow", Gender.MALE,
     ["role_noun:Kremlsprecher", "first_name:Dmitri"]),
    ("Die Abgeordnete Petra Pau sagte, die Lage sei ernst.", "Petra Pau", Gender.FEMALE,
     ["article:die Abgeordnete", "first_name:Petra"]),
    ("Eine Sprecherin der Polizei sagte, die Lage sei ernst.", "Polizei", Gender.FEMALE, ["role_noun:Sprecherin"]),
    ("Die Außenminister erklärten, die Lage sei ernst.", "Außenminister", Gender.GROUP, []),
    ("Experten warnten, die Lage sei ernst.", "Experten", Gender.GROUP, ["plural_verb:warnten"]),
    ("Sonia und Willy Bogner teilten mit: „Das erschüttert uns.“", "Bogner", Gender.GROUP, ["coordination:und"]),
    ("Nach Angaben der Polizei ist die Lage ernst.", "Polizei", Gender.GROUP, ["organisation:Polizei"]),
]


def _entity(result: DocumentResult, name: str) -> SpeakerEntity:
    found = [e for e in result.speakers if name in e.name]
    assert found, f"no speaker named like {name!r} in {[e.name for e in result.speakers]}"
    return found[0]


@pytest.mark.model
@pytest.mark.parametrize("text, name, gender, evidence", CASES)
def test_speaker_gender_and_its_evidence(extractor, text, name, gender, evidence):
    ent = _entity(extractor.extract(text), name)
    assert ent.gender == gender, ent.gender_evidence
    assert all(e in ent.gender_evidence for e in evidence), ent.gender_evidence
    if gender == Gender.UNKNOWN and not evidence:
        assert ent.gender_evidence == []


@pytest.mark.model
def test_a_role_noun_before_the_name_elsewhere_in_the_article_counts(extractor):
    text = "Die Außenministerin Condoleezza Rice war in Kiew. Dort sagte Rice, die Lage sei ernst."
    ent = _entity(extractor.extract(text), "Rice")
    assert [m.text for m in ent.mentions] == ["Rice"]  # the quote names her by her surname only
    assert (ent.gender, ent.gender_evidence) == (Gender.FEMALE, ["role_noun:Außenministerin"])


@pytest.mark.model
def test_a_pronoun_alone_decides_nothing(extractor):
    """The resolver links "Er" to the nearest earlier speaker whose gender nothing contradicts: "Müller"
    may be a woman, so the pronoun alone must not make Müller a man."""
    result = extractor.extract("„Die Lage ist ernst“, sagte Müller. Er sagte außerdem, er werde am Montag reisen.")
    ent = _entity(result, "Müller")
    assert any(m.text == "Er" for m in ent.mentions)
    assert ent.gender == Gender.UNKNOWN


# -- the decision ---------------------------------------------------------------------------------------

F, M, G = Gender.FEMALE, Gender.MALE, Gender.GROUP


@pytest.mark.parametrize("evidence, gender, texts", [
    ([Evidence(F, "role_noun:Ministerin"), Evidence(F, "first_name:Anna")], F, ["role_noun:Ministerin", "first_name:Anna"]),
    ([Evidence(F, "role_noun:Ministerin"), Evidence(M, "first_name:Peter")], Gender.UNKNOWN,
     ["role_noun:Ministerin", "first_name:Peter"]),
    ([Evidence(M, "role_noun:Sprecher"), Evidence(M, "role_noun:Sprecher")], M, ["role_noun:Sprecher"]),
    ([], Gender.UNKNOWN, []),
    ([Evidence(M, "pronoun:er", pronoun=True)], Gender.UNKNOWN, []),
    ([Evidence(M, "role_noun:Sprecher"), Evidence(M, "pronoun:er", pronoun=True)], M, ["role_noun:Sprecher", "pronoun:er"]),
    ([Evidence(M, "role_noun:Sprecher"), Evidence(F, "pronoun:sie", pronoun=True)], Gender.UNKNOWN,
     ["role_noun:Sprecher", "pronoun:sie"]),
    ([Evidence(G, "organisation:Polizei"), Evidence(F, "pronoun:sie", pronoun=True)], G, ["organisation:Polizei"]),
])
def test_all_evidence_must_agree(evidence, gender, texts):
    assert decide(evidence) == (gender, texts)


# -- data files -------------------------------------------------------------------------------------------

def test_first_names_decide_only_where_a_name_has_one_gender():
    names = load_table("first_names")
    assert names["anna"] == ("female",) and names["peter"] == ("male",) and names["jan"] == ("male",)
    assert "kim" not in names and "andrea" not in names  # female and male: they decide nothing
    assert set(v[0] for v in names.values()) == {"female", "male"}


def test_person_nouns_have_a_kind():
    assert set(v[0] for v in load_table("person_nouns").values()) == {"female", "male", "adjective"}


def test_the_first_name_rules_on_a_tiny_dictionary():
    spec = importlib.util.spec_from_file_location("derive_first_names", ROOT / "tools" / "derive_first_names.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    derive = module.derive

    def line(code: str, name: str, freqs: str) -> str:
        return f"{code:<3}{name:<26} {freqs}\n"  # frequencies from column 30, as nam_dict.txt has them

    lines = [line("F", "Anna", "5 5"), line("M", "Jan", "  8 8"), line("?F", "Jan", "1"), line("F", "Kim", "5"),
             line("M", "Kim", "  5"), line("M", "Rarus", "1"), "# comment\n", "=  Anna Annie\n"]
    assert derive(lines) == {"anna": "female", "jan": "male"}


# -- the gold file ----------------------------------------------------------------------------------------

def test_the_gold_file_is_well_formed_and_says_how_it_was_made():
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    for key in ("description", "labelled_by", "method", "rule", "licence"):
        assert data.get(key), key
    gold = load_gender_gold(GOLD)
    assert len(gold.articles) == 40 and gold.articles == sorted(gold.articles)
    assert {s.label for s in gold.speakers} == {"female", "male", "group", "unknown"}
    assert all(s.article in gold.articles for s in gold.speakers)


@pytest.mark.corpus
def test_the_gold_file_fits_the_first_40_dev_articles():
    if not DEV.is_dir():
        pytest.skip(f"news-quotes-de dev not found at {DEV}")
    from quotes.evaluate import load_gold

    paths = sorted(DEV.glob("*.json"))[:40]
    gold = load_gender_gold(GOLD)
    assert gold.articles == [p.stem for p in paths]
    texts = {p.stem: load_gold(p).text for p in paths}
    check_texts(gold, texts)  # every mention is the text at its offsets
    # every gold annotation with a speaker is labelled once
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    for art, path in zip(data["articles"], paths):
        anns = json.loads(path.read_text(encoding="utf-8"))["annotations"]
        with_speaker = [k for k, a in enumerate(anns) if (a.get("speaker") or {}).get("spans")]
        assert sorted(k for s in art["speakers"] for k in s["annotations"]) == with_speaker


@pytest.mark.parametrize("data, problem", [
    ([], "articles"),
    ({"articles": [{"id": "1", "speakers": [{"label": "woman", "mentions": []}]}]}, "label"),
    ({"articles": [{"id": "1", "speakers": [{"label": "male", "mentions": [{"start": 3}]}]}]}, "mention"),
    ({"articles": [{"id": "1", "speakers": [{"label": "male", "mentions": []}]}]}, "mentions"),
])
def test_a_bad_gold_file_is_one_clear_error(data, problem):
    with pytest.raises(GenderGoldError, match=problem):
        parse_gender_gold(data)


# -- scoring on a tiny hand-made gold ------------------------------------------------------------------------

TEXT = "Die Ministerin Anna Berger sagte, alles sei gut. Der Sprecher sagte, nichts sei gut. Die Polizei schwieg."


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span.of(text, start, start + len(part))


def _tiny():
    gold = GenderGold(["a", "b"], [
        GoldSpeaker("a", "female", ((0, 26),), (TEXT[0:26],)),
        GoldSpeaker("a", "male", ((49, 61),), (TEXT[49:61],)),
        GoldSpeaker("a", "group", ((85, 96),), (TEXT[85:96],)),
        GoldSpeaker("b", "male", ((0, 3),), ("Der",)),
    ])
    ents = [
        SpeakerEntity(id="s1", name="Anna Berger", mentions=[_span(TEXT, "Anna Berger")], gender=Gender.FEMALE),
        SpeakerEntity(id="s2", name="Der Sprecher", mentions=[_span(TEXT, "Der Sprecher")], gender=Gender.FEMALE),
        SpeakerEntity(id="s3", name="Die Polizei", mentions=[_span(TEXT, "Die Polizei")], gender=Gender.UNKNOWN),
    ]
    results = {"a": DocumentResult(id="a", text=TEXT, speakers=ents),
               "b": DocumentError(id="b", error="empty", message="The document is empty.")}
    return gold, results


def test_scoring_matches_by_mention_overlap_and_counts_both_figures():
    gold, results = _tiny()
    scores = score_gender(gold, results)
    assert [r.predicted for r in scores.rows] == ["female", "female", "unknown", "no match"]
    assert (scores.correct, scores.labelled) == (1, 2)  # the Sprecher is labelled wrong
    assert (scores.covered, scores.persons) == (2, 3)  # the failed document's speaker is not covered
    assert scores.confusion[("male", "female")] == 1 and scores.confusion[("male", "no match")] == 1
    table = format_gender_table(scores)
    assert "50.0 % (1 of 2)" in table and "66.7 % (2 of 3)" in table


def test_a_mention_that_is_not_in_the_article_is_an_error():
    gold, _ = _tiny()
    with pytest.raises(GenderGoldError, match="not in the article text"):
        check_texts(gold, {"a": "x" * len(TEXT), "b": "Der Rest"})


@pytest.mark.model
def test_eval_gender_command_end_to_end(extractor, tmp_path, monkeypatch, capsys):
    import quotes.commands.eval_gender as cmd

    monkeypatch.setattr(cmd, "make_extractor", lambda *a, **k: extractor)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    tokens = [{"id": i, "text": t, "charBegin": TEXT.index(t), "charEnd": TEXT.index(t) + len(t), "sentence": 0}
              for i, t in enumerate(["Die", "Ministerin"])]
    (corpus / "a.json").write_text(json.dumps({"documentName": "a", "originalText": TEXT, "tokens": tokens,
                                               "sentences": [], "annotations": []}), encoding="utf-8")
    gold = {"articles": [{"id": "a", "speakers": [
        {"label": "female", "mentions": [{"start": 0, "end": 26, "text": TEXT[0:26]}]},
        {"label": "male", "mentions": [{"start": 49, "end": 61, "text": TEXT[49:61]}]}]}]}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    out_json = tmp_path / "scores.json"
    assert main(["eval-gender", str(tmp_path / "gold.json"), str(corpus), "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    assert "accuracy" in out and "coverage" in out and "gold \\ predicted" in out
    scores = json.loads(out_json.read_text(encoding="utf-8"))
    assert scores["persons"] == 2 and [s["gold"] for s in scores["speakers"]] == ["female", "male"]


def test_eval_gender_with_a_missing_gold_file_is_one_line(tmp_path, capsys):
    assert main(["eval-gender", str(tmp_path / "nope.json"), str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("quotes: error: cannot read")


@pytest.mark.model
@pytest.mark.parametrize("text, gender", [
    ("Eine Reporterin sagte, die Lage in der Stadt sei ruhig.", Gender.FEMALE),
    ("Ein Augenzeuge sagte, die Polizei sei sofort gekommen.", Gender.MALE),
    ("Ein Sprecher sagte, das Treffen finde am Montag statt.", Gender.MALE),
])
def test_a_speaker_who_is_no_entity_still_has_a_gender(extractor, text, gender):
    # An indefinite speaker names nobody in particular, so it is no entry of the speaker table; but it
    # is still a woman's or a man's voice, and the record (CSV, archive, dashboard) counts it so.
    result = extractor.extract(text)
    speakers = [q.speaker for q in result.quotes if q.speaker and q.speaker.mention]
    assert speakers, result.quotes
    assert speakers[0].entity is None and not result.speakers
    assert speakers[0].gender == gender and speakers[0].gender_evidence
    assert speaker_gender(speakers[0], {}) == gender


@pytest.mark.model
def test_a_quote_speaker_carries_its_entity_gender(extractor):
    result = extractor.extract("Die Ministerin Anna Berger sagte, die Lage sei ernst.")
    q = next(q for q in result.quotes if q.speaker and q.speaker.entity)
    ent = next(e for e in result.speakers if e.id == q.speaker.entity)
    assert q.speaker.gender == ent.gender == Gender.FEMALE
    assert q.speaker.gender_evidence == ent.gender_evidence
