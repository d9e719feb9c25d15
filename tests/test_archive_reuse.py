"""Statement reuse (:mod:`quotes.archive.reuse`): one statement reproduced with small edits in
several articles is one group; unrelated quotations, also ones sharing many function words or
the topic, never group; speakers, earliest article, ties and undated articles."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest

from quotes.archive import Archive, ArchiveError
from quotes.archive.reuse import _candidates, _keys, _Quote, normalise, same_speaker, similarity
from quotes.cli import main
from quotes.models import ArticleMeta, DocumentResult, Gender, Quote, QuoteType, Span, Speaker, SpeakerEntity

STATEMENT = "Wir werden die Gespräche mit Nordkorea fortsetzen, auch wenn der Weg lang ist"


def article(doc_id: str, quotes: list[tuple[str, str]], date=None, source=None,
            genders: dict | None = None) -> DocumentResult:
    """An article of ``(quoted words, speaker)`` pairs, each in its own sentence „…“, sagte SPEAKER."""
    text = f"Titel {doc_id}\n\n"
    spans = []
    for words, speaker in quotes:
        start = len(text) + 1
        text += f"„{words}“, sagte {speaker}. "
        spans.append((start, start + len(words), speaker))
    speakers = []
    records = []
    for n, (start, end, name) in enumerate(spans, 1):
        mention = text.index(name, end)
        entity = next((e for e in speakers if e.name == name), None)
        if entity is None:
            entity = SpeakerEntity(id=f"s{len(speakers) + 1}", name=name,
                                   gender=(genders or {}).get(name, Gender.UNKNOWN))
            speakers.append(entity)
        entity.quote_ids.append(f"q{n}")
        records.append(Quote(id=f"q{n}", type=QuoteType.DIRECT, content=[Span.of(text, start, end)],
                             cue=[Span.of(text, text.index("sagte", end), text.index("sagte", end) + 5)],
                             speaker=Speaker(mention=Span.of(text, mention, mention + len(name)), name=name,
                                             entity=entity.id),
                             rule="test", confidence=0.9))
    meta = ArticleMeta(date=date, source=source) if date or source else None
    return DocumentResult(id=doc_id, text=text, meta=meta, quotes=records, speakers=speakers)


def three_reproductions() -> list[DocumentResult]:
    """Three articles with the statement (other marks, a word changed and a clause added), each with
    unrelated quotes that share function words or the topic with it, and a fourth article without it."""
    return [
        article("dw", [(STATEMENT, "US-Außenminister Mike Pompeo"),
                       ("Nordkorea muss sein Atomprogramm vollständig und überprüfbar aufgeben", "Mike Pompeo")],
                date="2019-04-19", source="Deutsche Welle", genders={"US-Außenminister Mike Pompeo": Gender.MALE}),
        article("agentur", [("»" + STATEMENT + "«", "Pompeo"),
                            ("Wir werden das nicht zulassen, und wir werden uns mit aller Kraft dagegen wehren",
                             "Kim Yo Jong")],
                date="2019-04-18T09:30:00+02:00", source="dpa"),
        article("taz", [(STATEMENT.replace("werden", "wollen") + ", und wir geben nicht auf", "Pompeo"),
                        ("Die Gespräche mit Nordkorea sind vorerst an der Frage der Sanktionen gescheitert",
                         "Moon Jae In")],
                date="2019-04-20", source="taz"),
        article("sport", [("Wir werden das Spiel am Samstag gewinnen, auch wenn der Gegner stark ist", "Thomas Müller"),
                          ("Die Mannschaft hat in der zweiten Halbzeit nicht mehr an sich geglaubt", "Hansi Flick")],
                date="2019-04-17", source="kicker"),
    ]


@pytest.fixture
def db(tmp_path):
    with Archive(tmp_path / "reuse.sqlite") as archive:
        yield archive


def test_normalise_drops_marks_case_and_punctuation():
    assert normalise("»Wir  werden …\n die GESPRÄCHE fortsetzen!«") == "wir werden die gespräche fortsetzen"
    assert normalise("„Größe“") == normalise('"grösse"')


@pytest.mark.parametrize("a,b,same", [
    (STATEMENT, "„" + STATEMENT + "“", True),                                 # other quotation marks
    (STATEMENT, STATEMENT.replace("werden", "wollen"), True),                  # a word changed
    (STATEMENT, STATEMENT + ", sagte er und ging", True),                      # a trailing clause
    (STATEMENT, STATEMENT.replace("auch ", ""), True),                         # a word cut
    (STATEMENT, STATEMENT.replace("Nordkorea", "Pjöngjang"), True),            # a name for another
    (STATEMENT, STATEMENT.upper(), True),
    (STATEMENT, "Wir werden das Spiel am Samstag gewinnen, auch wenn der Gegner stark ist", False),  # function words
    (STATEMENT, "Die Gespräche mit Nordkorea sind vorerst an der Frage der Sanktionen gescheitert", False),  # topic
    (STATEMENT, "die Gespräche mit Nordkorea", False),                         # a fragment
    ("sollen 50 Menschen verletzt worden sein", "Außerdem sollen zehn weitere Menschen verletzt worden sein", False),
    ("Rund 800 Menschen sollen verletzt worden sein", "18 Menschen sollen dabei getötet worden sein", False),
])
def test_similarity_at_the_default_threshold(a, b, same):
    assert (similarity(normalise(a), normalise(b)) >= 85) is same
    assert similarity(normalise(a), normalise(b)) == similarity(normalise(b), normalise(a))


def test_three_reproductions_are_one_group_and_unrelated_quotes_none(db):
    db.add(three_reproductions())
    (group,) = db.reuse()
    assert [a.article_id for a in group.articles] == ["agentur", "dw", "taz"]  # earliest by date first
    assert group.first.article_id == "agentur" and group.first.date == "2019-04-18T09:30:00+02:00"
    assert group.statement == "»" + STATEMENT + "«"  # as the first article has it
    assert [(a.source, [q.quote_id for q in a.quotes]) for a in group.articles] == [
        ("dpa", ["q1"]), ("Deutsche Welle", ["q1"]), ("taz", ["q1"])]
    assert [q.similarity for a in group.articles for q in a.quotes][0] == 100
    assert all(q.similarity >= 85 for a in group.articles for q in a.quotes)
    # "Pompeo" and "US-Außenminister Mike Pompeo" are one speaker, shown with the longer name
    assert [(s.name, s.gender, s.articles) for s in group.speakers] == [("US-Außenminister Mike Pompeo", "male", 3)]
    assert group.different_speakers is False
    d = group.as_dict()
    assert d["first"] == "agentur" and json.dumps(d, ensure_ascii=False)


def test_the_same_words_from_different_people_are_flagged(db):
    docs = three_reproductions()
    docs.append(article("kcna", [(STATEMENT + ".", "Kim Jong Un")], date="2019-04-21", source="KCNA"))
    db.add(docs)
    (group,) = db.reuse()
    assert len(group.articles) == 4 and group.different_speakers is True
    assert [s.name for s in group.speakers] == ["US-Außenminister Mike Pompeo", "Kim Jong Un"]


def test_ties_by_id_and_undated_articles_last(db):
    db.add([article("c", [(STATEMENT, "Pompeo")]),                        # undated
            article("b", [(STATEMENT, "Pompeo")], date="2019-04-18"),
            article("a", [(STATEMENT, "Pompeo")], date="2019-04-18"),     # same day as b: by id
            article("0", [(STATEMENT, "Pompeo")], source="ohne Datum")])  # undated, sorts before c
    (group,) = db.reuse()
    assert [(a.article_id, a.date) for a in group.articles] == [
        ("a", "2019-04-18"), ("b", "2019-04-18"), ("0", None), ("c", None)]


def test_a_group_of_undated_articles_only(db):
    db.add([article("y", [(STATEMENT, "Pompeo")]), article("x", [(STATEMENT, "Pompeo")])])
    (group,) = db.reuse()
    assert group.first.article_id == "x" and group.first.date is None


def test_min_articles_counts_distinct_articles(db):
    # twice in one article (a nested quote, a repetition) is not reuse
    db.add([article("one", [(STATEMENT, "Pompeo"), (STATEMENT + "!", "Pompeo")]),
            article("two", [(STATEMENT, "Pompeo")])])
    (group,) = db.reuse()
    assert [len(a.quotes) for a in group.articles] == [2, 1]
    assert db.reuse(min_articles=3) == []
    db.add([article("three", [(STATEMENT, "Pompeo")])])
    assert len(db.reuse(min_articles=3)) == 1


def test_short_quotes_are_left_out(db):
    db.add([article(i, [("Wir kommen gerne wieder", "Müller")]) for i in ("a", "b", "c")])
    assert db.reuse() == []  # four words: fewer than the default 6
    assert len(db.reuse(min_words=4)) == 1


def test_groups_are_transitive(db):
    # a ~ b and b ~ c, while a and c alone are further apart: one group of three
    base = "Die Regierung wird die Steuern im nächsten Jahr deutlich senken"
    b = base.replace("Regierung", "Koalition")
    c = b.replace("nächsten", "kommenden")
    assert similarity(normalise(base), normalise(b)) >= 85 and similarity(normalise(b), normalise(c)) >= 85
    assert similarity(normalise(base), normalise(c)) < 85
    db.add([article("a", [(base, "Scholz")], date="2020-01-01"), article("b", [(b, "Scholz")], date="2020-01-02"),
            article("c", [(c, "Scholz")], date="2020-01-03")])
    (group,) = db.reuse()
    assert [a.article_id for a in group.articles] == ["a", "b", "c"]


def test_several_groups_most_articles_first(db):
    other = "Der Klimawandel ist die größte Herausforderung unserer Generation, und wir müssen jetzt handeln"
    db.add([article("a", [(other, "Greta Thunberg")], date="2019-01-01"),
            article("b", [(other, "Thunberg")], date="2019-01-02")] + three_reproductions())
    groups = db.reuse()
    assert [len(g.articles) for g in groups] == [3, 2]
    assert groups[1].first.article_id == "a" and not groups[1].different_speakers


@pytest.mark.parametrize("options,message", [
    ({"min_articles": 1}, "at least 2"), ({"min_words": 0}, "at least 1"),
    ({"threshold": 0}, "above 0"), ({"threshold": 101}, "at most 100"),
])
def test_bad_arguments(db, options, message):
    with pytest.raises(ArchiveError, match=message):
        db.reuse(**options)


def test_same_speaker():
    assert same_speaker("Mike Pompeo", "Pompeo") and same_speaker("die Polizei", "Polizei")
    assert not same_speaker("Mike Pompeo", "Kim Jong Un") and not same_speaker("", "Pompeo")


def test_blocking_compares_few_of_all_pairs():
    """500 unrelated quotes of ten words: far fewer candidate pairs than the 124,750 of all pairs,
    while a reproduction with a word changed is still a candidate."""
    rng = random.Random(7)
    vocabulary = [f"wort{n}" for n in range(3000)]
    quotes = [" ".join(rng.choice(vocabulary) for _ in range(10)) for _ in range(500)]
    copy = quotes[0].split()
    copy[4] = "anders"
    quotes.append(" ".join(copy))
    objs = [_Quote(n, str(n), "q1", q, None, None, q) for n, q in enumerate(quotes)]
    pairs = set(_candidates(objs))
    assert (0, 500) in pairs
    assert len(pairs) < 0.01 * 500 * 501 / 2


def test_function_word_pairs_are_no_keys():
    assert _keys("und wir werden das nicht") != set()  # only function words: the words themselves
    assert "die gespräche" in _keys("wir werden die gespräche fortsetzen")
    assert "wir werden" not in _keys("wir werden die gespräche fortsetzen")


def test_reuse_on_a_migrated_schema_1_archive(tmp_path):
    import shutil
    from pathlib import Path

    path = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).parent / "data" / "archive" / "schema1.sqlite", path)
    with Archive(path) as old:
        assert old.reuse() == []
        old.add([article("x", [("Wir führen die Atom-Gespräche weiter, auch ohne Zusagen", "Pompeo")])])
        old.add([article("y", [("Wir führen die Atom-Gespräche weiter", "Mike Pompeo")])])
        (group,) = old.reuse(min_words=5)
        # the schema-1 article "a" has „Wir führen die Atom-Gespräche weiter.“: its old row groups too
        assert [a.article_id for a in group.articles] == ["a", "x", "y"]  # all undated: by id
        assert group.different_speakers is False  # Mike Pompeo, Pompeo, Mike Pompeo


# -- the command ---------------------------------------------------------------------


@pytest.fixture
def filled(tmp_path) -> str:
    path = str(tmp_path / "cli.sqlite")
    docs = three_reproductions()
    docs.append(article("kcna", [("=" + STATEMENT, "Kim Jong Un")], date="2019-04-21", source="KCNA"))
    with Archive(path) as db:
        db.add(docs)
    return path


def test_cli_table(filled, capsys):
    assert main(["archive", "reuse", "--db", filled]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith("1. 4 articles · first: agentur (2019-04-18T09:30:00+02:00) · speakers: "
                               "US-Außenminister Mike Pompeo (male); Kim Jong Un · DIFFERENT SPEAKERS")
    assert lines[1] == "   »" + STATEMENT + "«"
    assert [ln.split(" · ")[0].split()[-2] for ln in lines[2:]] == ["agentur", "dw", "taz", "kcna"]
    assert "Deutsche Welle" in lines[3] and lines[3].endswith("· US-Außenminister Mike Pompeo · 100")
    assert "1 statement in at least 2 articles" in err


def test_cli_json_and_csv(filled, capsys):
    assert main(["archive", "reuse", "--db", filled, "-f", "json", "--min-articles", "4"]) == 0
    (group,) = json.loads(capsys.readouterr().out)
    assert group["first"] == "agentur" and group["different_speakers"] is True
    assert [a["source"] for a in group["articles"]] == ["dpa", "Deutsche Welle", "taz", "KCNA"]
    assert main(["archive", "reuse", "--db", filled, "-f", "csv"]) == 0
    data = capsys.readouterr().out
    assert data.startswith("\ufeffgroup,")
    rows = list(csv.DictReader(io.StringIO(data.lstrip("\ufeff"))))
    assert [r["article_id"] for r in rows] == ["agentur", "dw", "taz", "kcna"]
    assert rows[0]["different_speakers"] == "true" and rows[1]["speaker_gender"] == "male"
    assert rows[3]["content"].startswith("'=")  # defused for spreadsheets
    assert main(["archive", "reuse", "--db", filled, "--min-articles", "5"]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("args,message", [
    (["--threshold", "0"], "--threshold must be above 0"), (["--min-articles", "1"], "at least 2"),
])
def test_cli_errors_are_one_line(filled, capsys, args, message):
    assert main(["archive", "reuse", "--db", filled, *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_without_archive(tmp_path, capsys):
    assert main(["archive", "reuse", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "no archive" in capsys.readouterr().err


# -- end to end with the compact model -------------------------------------------------


@pytest.mark.model
def test_reuse_end_to_end_with_the_model(extractor, tmp_path):
    """Three agency-style articles carry one statement with small edits, a fourth another one on the same
    topic: the model extracts them (with metadata), the archive groups the three, earliest first."""
    said = "Wir werden die Gespräche mit Nordkorea fortsetzen, auch wenn der Weg noch lang ist"
    items = [
        {"id": "dw", "date": "2019-04-19", "source": "Deutsche Welle",
         "text": f"Pompeo will weiter verhandeln\n\nUS-Außenminister Mike Pompeo sagte am Freitag in Washington: "
                 f"„{said}.“ Nordkorea hatte zuvor seinen Ausschluss gefordert."},
        {"id": "agentur", "date": "2019-04-18", "source": "dpa",
         "text": f"Pompeo: Gespräche gehen weiter\n\n»{said}«, sagte Pompeo am Donnerstag in Washington."},
        {"id": "taz", "date": "2019-04-20", "source": "taz",
         "text": "Streit um Atomgespräche\n\n„" + said.replace("werden", "wollen")
                 + ", und wir geben nicht auf“, sagte Pompeo am Samstag."},
        {"id": "zeit", "date": "2019-04-21", "source": "Zeit",
         "text": "Nordkorea droht\n\n„Die Gespräche mit den USA sind für uns vorerst beendet“, sagte ein Sprecher "
                 "des Außenministeriums in Pjöngjang."},
    ]
    records = list(extractor.extract_many(items))
    assert [r.meta.source for r in records] == ["Deutsche Welle", "dpa", "taz", "Zeit"]
    with Archive(tmp_path / "e2e.sqlite") as db:
        db.add(records)
        (group,) = db.reuse()
    assert [a.article_id for a in group.articles] == ["agentur", "dw", "taz"]
    assert not group.different_speakers
    assert any("Pompeo" in s.name for s in group.speakers)
