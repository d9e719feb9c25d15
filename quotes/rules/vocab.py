"""Closed-class German words the rules test for: articles, pronouns, subordinators and the like.

Every list of function words the rule families use lives here, once, with its purpose. Where two rules
need different members (the clause openers that end reported content are not the ones that make a
sentence no speech act), the variants are named sets built from one another, so that a reader sees how
they differ. Open-class lists (reporting verbs, role nouns, …) are data in ``quotes/data``.
"""

from __future__ import annotations

# -- articles and determiners ---------------------------------------------------------------------

ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen"})
"""Definite and indefinite articles."""

INDEFINITE_ARTICLES = frozenset({"ein", "eine", "einer", "eines", "einem", "einen"})
"""The indefinite articles: one of a kind is named with the definite one ("die „Aktion Deutschland hilft“" names,
"ein „Opfer des Terrorismus“" quotes)."""

DEFINITE_ARTICLES = ARTICLES - INDEFINITE_ARTICLES
"""The definite articles: "nach der Veröffentlichung" dates where "nach einer Veröffentlichung" cites."""

ARTICLE_CONTRACTIONS = frozenset({"im", "am", "vom", "zum", "zur", "beim"})
"""A preposition and an article in one word."""

GENITIVE_DETS = frozenset({"des", "der", "eines", "einer", "dessen", "deren",
                           "vieler", "einiger", "mehrerer", "aller", "beider", "zahlreicher", "mancher", "solcher",
                           "sämtlicher", "dieser", "jener", "seiner", "ihrer", "unserer", "meiner"})
"""Determiners that can open a genitive attribute (and so continue a noun phrase): the articles and the
genitive plural (or feminine singular) forms in -er of quantifiers, demonstratives and possessives ("nach
Meinung vieler Experten und Fans", "im Namen seiner Partei")."""

NOMINATIVE_STARTS = frozenset({"der", "die", "das", "ein", "eine", "er", "sie", "wir", "ich", "man"})
"""First words of a noun phrase that can be nominative (a subject after the finite verb)."""

OBJECT_STARTS = frozenset({"dem", "den", "des", "einem", "einen", "ihm", "ihn", "ihnen", "diesem", "diesen"}) | frozenset(
    stem + ending for stem in ("mein", "dein", "sein", "ihr", "unser", "euer", "kein", "jen", "jed", "welch")
    for ending in ("em", "en")) | {"euren", "eurem"}
"""First words of a fronted object: never a subject. Besides the articles and pronouns, a determiner in -em or
-en (possessives, kein, jener, jeder, welcher) is dative or accusative, never nominative: "Ihren Widersacher
Jeremy Corbyn forderte May auf, …"."""

COMPARATIVES = frozenset({"als", "wie"})
"""Particles that open a predicative phrase ("Als Begründung gaben die USA an", "Als Ersatz wollen …"); the
parser may tag them as conjunctions, but they coordinate nothing and their phrase is never the subject."""

# -- pronouns ---------------------------------------------------------------------------------------

PERSONAL_PRONOUNS = frozenset({"er", "sie", "es", "wir", "ich", "man", "ihr", "du"})
"""Personal pronouns in the nominative (with "man")."""

NOMINATIVE_ONLY = frozenset({"er", "ich", "wir", "du"})
"""Personal pronouns that are nominative in every use: the subject of the verb they depend on."""

SUBJECT_PRONOUNS = frozenset({"er", "sie", "wir", "ich", "man"})
"""Pronouns that may open a fronted subject phrase."""

SPEAKING_PRONOUNS = frozenset({"er", "sie", "wir"})
"""Pronouns that stand for someone who can speak."""

POPULATION_NOUNS = frozenset({"menschen", "leute", "bevölkerung", "öffentlichkeit", "familie", "eltern"})
"""Group nouns (``data/group_nouns.txt``) for a population rather than a body that issues statements: "Die Zahl der
Menschen …" names no speaker, where "die Bank", "die Armeeleitung" or "der Wetterdienst" may."""

IMPERSONAL = frozenset({"es", "das", "dies", "man"})
"""Subjects that name nobody who speaks."""

RELATIVE = frozenset({"der", "die", "das", "dem", "den", "denen", "dessen", "deren", "welche", "welcher",
                      "welches", "wo"})
"""Relative pronouns (and "wo")."""

NOMINATIVE_RELATIVES = frozenset({"der", "die", "das", "welcher", "welche", "welches"})
"""Relative pronouns that can be nominative, the subject of their clause: "…, der sagte, dass …" (the corpus
marks the pronoun as the speaker mention; speaker resolution names the noun it refers to)."""

RELATIVE_SOURCES = frozenset({"denen", "dem", "der", "welchem", "welcher", "welchen", "dessen", "deren"})
"""Relative pronouns after "nach" or "laut": "Gerüchte, nach denen …"."""

# -- clause openers ---------------------------------------------------------------------------------

COMPLEMENTIZERS = frozenset({"dass", "daß", "ob"})
"""Conjunctions that open a content clause: "sagte, dass …", "fragte, ob …"."""

DASS = frozenset({"dass", "daß"})
"""The declarative complementizer in both spellings."""

SUBORDINATORS = COMPLEMENTIZERS | {"wie", "warum", "weshalb", "weswegen", "wann", "wo", "wer", "was", "wen", "wem",
                                   "wohin", "woher", "inwiefern", "inwieweit", "welche", "welcher", "welches"}
"""Openers of a content clause: complementizers and w-words."""

FRONTED_OPENERS = SUBORDINATORS | {"als", "während", "nachdem", "wieso", "bevor"}
"""Openers of a fronted subordinate clause before a post-posed frame: "Als Kämpfer die Stadt einnahmen, …"."""

ADVERBIAL_OPENERS = frozenset({"da", "weil", "als", "wenn", "obwohl", "nachdem", "während", "bevor", "falls",
                               "sofern"})
"""Conjunctions of adverbial clauses (time, cause, condition, concession)."""

CONDITIONAL_OPENERS = frozenset({"wenn", "falls", "als", "ob", "sofern", "obwohl"})
"""Openers of a sentence whose Konjunktiv is conditional or hypothetical, not reported speech."""

NON_CONTENT_OPENERS = frozenset({"sodass", "bevor", "nachdem", "indem", "wenn", "als"})
"""Clauses of result, time or manner after a reporting verb are not its content, nor "wenn" and "als"
clauses ("würde klagen, wenn die Koalition …"; measured on news-quotes-de train: 49 false content tokens
fewer, 2 true ones lost). Conditions with "falls" and purposes can be: "drohte mit einem Veto, falls …" is
annotated as reported content."""

SUBORDINATE_SENTENCE_OPENERS = COMPLEMENTIZERS | {"wenn", "als", "weil", "da", "nachdem", "während", "obwohl",
                                                  "bevor"}
"""A sentence opened by one of these starts with a subordinate clause and reports no speech act."""

CLAUSE_SUBORDINATORS = frozenset({"während", "nachdem", "als", "bevor", "weil", "da", "obwohl", "wenn", "sobald",
                                  "seitdem"})
"""Conjunctions of an adverbial clause whose verb stands last: "Während die Ministerin erklärte, …"."""

COORDINATORS = frozenset({"und", "sowie", "oder"})
"""Conjunctions that join two verbs of one subject: "… führte er die Proteste an und führte aus, …"."""

PURPOSE_OPENERS = frozenset({"um", "ohne", "statt", "anstatt"})
"""Openers of a zu-infinitive of purpose or manner, never reported content: "…, um … zu …"."""

CONTRASTIVE = frozenset({"denn", "doch", "aber", "sondern", "jedoch"})
"""Conjunctions that coordinate a new main clause."""

# -- particles and adverbs --------------------------------------------------------------------------

CORRELATES = frozenset({"davon", "darauf", "daran", "damit", "dafür", "dazu", "darüber", "dagegen", "darum",
                        "dabei", "davor"})
"""Pronominal adverbs that stand for a verb's prepositional object: "geht davon aus, dass …"."""

NEGATIONS = frozenset({"nicht", "nie", "niemals", "keine", "keinen", "keinerlei"})
"""Words that deny a report: "wollte nicht bestätigen, dass …"."""

TITLE_ABBREVIATIONS = frozenset({"prof", "dr", "dipl", "ing", "st", "hl", "med", "phil", "rer", "nat", "jur"})
"""Abbreviated titles before a name ("Prof. Dr. Matthias Beckmann")."""

AUXILIARIES = ("haben", "sein", "werden")
"""Lemmas of the tense and passive auxiliaries."""

MODAL_VERBS = ("können", "müssen", "sollen", "wollen", "dürfen", "mögen")
"""Lemmas of the modal verbs: like an auxiliary, a finite modal holds the V2 slot before the reporting verb
("Heute will Außenminister Straw … bekannt geben")."""

AGENT_PREPOSITIONS = ("von", "vom", "durch", "seitens")
"""Prepositions of a passive agent: "wird von Reuters zitiert"."""

NOUNISH = frozenset({"NOUN", "PROPN", "PRON"})
"""Part-of-speech tags of words that head a noun phrase."""

NAME_PARTICLES = frozenset({"von", "van", "de", "der", "den", "da", "di", "del", "al", "el", "bin", "ibn"})
"""Lower-case words inside a personal name ("Ursula von der Leyen", "Mohammed el-Baradei")."""


POINTERS = frozenset({"demnach", "wonach", "danach"})
"""Pointing adverbs that a source phrase takes as its speaker mention, as the corpus marks it ("Demnach …"): they
stand for the source named before, which speaker resolution and continued speech look up."""


REFERRING_ADJECTIVES = frozenset({"letztere", "letzterer", "letzteres", "erstere", "ersterer", "ersteres",
                                  "letztgenannte", "letztgenannter", "erstgenannte", "erstgenannter"})
"""Adjectives used as pronouns for someone named before ("„…“, so letztere"); the tagger leaves them adjectives,
so no noun phrase is found after "so"."""


SPEAKER_POSSESSIVES = frozenset({"mein", "meine", "meiner", "meinem", "meinen", "meines", "unser", "unsere", "unserer",
                                 "unserem", "unseren", "unseres", "dein", "deine", "deiner", "deinem", "deinen",
                                 "deines", "euer", "eure", "eurer", "eurem", "euren", "eures"})
"""Possessives of the first and second person (German grammar): "meiner Meinung nach", "nach unserer Einschätzung"
voice the view of whoever speaks, not a source of their own; the formal "Ihrer" is read from its capital letter."""


FOCUS_ADVERBS = frozenset({"auch", "selbst", "sogar", "nur", "allein", "gerade", "ebenfalls", "besonders",
                           "insbesondere", "vor", "allem", "rund", "etwa", "fast", "knapp", "mindestens",
                           "höchstens", "zumindest", "erst", "schon", "bereits", "noch", "ungefähr", "circa"})
"""Focus particles and approximators that the parser may hang on a noun phrase ("Auch Winfried Hassemer, …,
glaubt", "rund 9.000 Arbeitnehmer"): no part of a mention's name. German grammar (Gradpartikeln); "Nie" is
left out, as it is also a surname ("Nie Haisheng")."""
