"""The words of the dashboard page, in German (the default) and English."""

from __future__ import annotations

LANGUAGES = ("de", "en")
"""Page languages; the first is the default (as the reading view)."""

_TEXTS = {
    "de": {
        "title": "Zitate-Dashboard", "article": ("Artikel", "Artikel"), "quote": ("Zitat", "Zitate"),
        "speaker": ("Sprecher", "Sprecher"), "period": "Zeitraum", "all_dates": "alle Artikel",
        "undated_left_out": "Artikel ohne Datum sind nicht mitgezählt.", "updated": "Archiv zuletzt geändert",
        "empty": "Das Archiv enthält keine Artikel.", "empty_scope": "Im Zeitraum liegen keine Artikel.",
        "no_data": "Keine Daten.", "table": "Tabelle", "decimal": ",", "percent": "{} %",
        "genders": {"female": "weiblich", "male": "männlich", "group": "Gruppe/Organisation",
                    "unknown": "unbekannt", "none": "ohne Sprecher"},
        "types": {"direct": "direkt", "indirect": "indirekt", "mixed": "gemischt", "reported": "berichtet",
                  "free_indirect": "frei indirekt"},
        "undated": "ohne Datum", "no_source": "ohne Angabe",
        "c_gender": "Anteil der Zitate nach Geschlecht der Sprecher",
        "c_by_month": "Anteil der Zitate nach Geschlecht, pro Monat",
        "c_speakers_by_quotes": "Meistzitierte Sprecher (Zitate)",
        "c_speakers_by_articles": "Sprecher in den meisten Artikeln",
        "c_types": "Zitatarten", "c_outlets": "Zitate pro Medium, nach Geschlecht der Sprecher",
        "c_articles": "Artikel mit den meisten Zitaten",
        "gender_note": "Geschlecht laut Belegen im Text (Rollenwort, Pronomen, Vorname); „unbekannt“: kein oder "
                       "widersprüchlicher Beleg – nie geraten. Ein Sprecher hat das bekannte Geschlecht, das seine "
                       "Zitate am häufigsten tragen.",
        "col_gender": "Geschlecht", "col_quotes": "Zitate", "col_share": "Anteil", "col_month": "Monat",
        "col_total": "gesamt", "col_rank": "Rang", "col_speaker": "Sprecher", "col_articles": "Artikel",
        "col_type": "Art", "col_source": "Medium", "col_id": "Artikel", "col_title": "Titel", "col_date": "Datum",
        "col_read": "Lesen", "legend": "Legende", "share_of": "{n} von {total} Zitaten",
    },
    "en": {
        "title": "Quotes dashboard", "article": ("article", "articles"), "quote": ("quote", "quotes"),
        "speaker": ("speaker", "speakers"), "period": "Period", "all_dates": "all articles",
        "undated_left_out": "Undated articles are not counted.", "updated": "archive last changed",
        "empty": "The archive holds no articles.", "empty_scope": "No articles in this period.",
        "no_data": "No data.", "table": "Table", "decimal": ".", "percent": "{}%",
        "genders": {"female": "female", "male": "male", "group": "group/organisation", "unknown": "unknown",
                    "none": "no speaker"},
        "types": {"direct": "direct", "indirect": "indirect", "mixed": "mixed", "reported": "reported",
                  "free_indirect": "free indirect"},
        "undated": "undated", "no_source": "not given",
        "c_gender": "Share of quotations by speaker gender",
        "c_by_month": "Share of quotations by speaker gender, per month",
        "c_speakers_by_quotes": "Most quoted speakers (quotations)",
        "c_speakers_by_articles": "Speakers in the most articles",
        "c_types": "Quote types", "c_outlets": "Quotations per outlet, by speaker gender",
        "c_articles": "Articles with the most quotations",
        "gender_note": "Gender as the text gives evidence for it (role noun, pronoun, first name); \"unknown\": "
                       "no or contradicting evidence, never a guess. A speaker has the known gender its "
                       "quotations carry most often.",
        "col_gender": "Gender", "col_quotes": "Quotes", "col_share": "Share", "col_month": "Month",
        "col_total": "total", "col_rank": "Rank", "col_speaker": "Speaker", "col_articles": "Articles",
        "col_type": "Type", "col_source": "Outlet", "col_id": "Article", "col_title": "Title", "col_date": "Date",
        "col_read": "Read", "legend": "Legend", "share_of": "{n} of {total} quotations",
    },
}


def for_language(lang: str) -> dict:
    """The page's words in ``lang``.

    Raises:
        ValueError: an unknown ``lang``.
    """
    try:
        return _TEXTS[lang]
    except KeyError:
        raise ValueError(f"unknown page language {lang!r}; choose one of {', '.join(LANGUAGES)}") from None
