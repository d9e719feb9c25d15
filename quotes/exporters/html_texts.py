"""The words of the HTML reading view in each page language (German by default; ``--lang en``)."""

from __future__ import annotations

LANGUAGES = ("de", "en")
"""Page languages; the first is the default."""

_TEXTS = {
    "de": {
        "title": "Zitate", "article": ("Artikel", "Artikel"), "quote": ("Zitat", "Zitate"),
        "speaker": ("Sprecher", "Sprecher"), "error": ("Fehler", "Fehler"),
        "filter": "Artikel und Sprecher filtern …", "filter_label": "Filter",
        "expand": "Alle aufklappen", "collapse": "Alle zuklappen",
        "legend": ("Zitat", "Redeeinleitung", "Sprecher", "Maus auf ein Zitat: wer es sagt und wie es erkannt wurde"),
        "speakers": "Sprecher", "col_speaker": "Sprecher", "col_descriptor": "Beschreibung",
        "col_articles": "Artikel", "col_total": "gesamt", "show_articles": "Artikel filtern nach: {}",
        "errors": "Fehler", "col_document": "Dokument", "col_error": "Fehler", "col_message": "Meldung",
        "contents": "Inhalt", "articles": "Artikel", "no_documents": "Keine Dokumente.",
        "no_quotes": "Keine Zitate gefunden.", "unknown_speaker": "Sprecher unbekannt", "unknown": "unbekannt",
        "hover_speaker": "Sprecher", "hover_descriptor": "Beschreibung", "hover_cue": "Redeeinleitung",
        "hover_rule": "Regel", "hover_confidence": "Sicherheit", "decimal": ",",
        "types": {"direct": "direkt", "indirect": "indirekt", "mixed": "gemischt", "reported": "berichtet",
                  "free_indirect": "frei indirekt"},
        "genders": {"female": "weiblich", "male": "männlich", "group": "Gruppe/Organisation"},
        "hover_gender": "Geschlecht", "published": "Erschienen", "source": "Quelle", "link": "Zum Artikel",
    },
    "en": {
        "title": "quotes report", "article": ("article", "articles"), "quote": ("quote", "quotes"),
        "speaker": ("speaker", "speakers"), "error": ("error", "errors"),
        "filter": "Filter articles and speakers …", "filter_label": "filter",
        "expand": "Expand all", "collapse": "Collapse all",
        "legend": ("content", "cue", "speaker", "hover a quote for its attribution"),
        "speakers": "Speakers", "col_speaker": "Speaker", "col_descriptor": "Descriptor",
        "col_articles": "articles", "col_total": "total", "show_articles": "show the articles quoting {}",
        "errors": "Errors", "col_document": "Document", "col_error": "Error", "col_message": "Message",
        "contents": "Contents", "articles": "Articles", "no_documents": "No documents.",
        "no_quotes": "No quotes found.", "unknown_speaker": "unknown speaker", "unknown": "unknown",
        "hover_speaker": "Speaker", "hover_descriptor": "Descriptor", "hover_cue": "Cue",
        "hover_rule": "Rule", "hover_confidence": "confidence", "decimal": ".",
        "types": {"direct": "direct", "indirect": "indirect", "mixed": "mixed", "reported": "reported",
                  "free_indirect": "free indirect"},
        "genders": {"female": "female", "male": "male", "group": "group/organisation"},
        "hover_gender": "Gender", "published": "Published", "source": "Source", "link": "Open the article",
    },
}


def for_language(lang: str) -> dict:
    """The page's words in ``lang``; a ValueError naming the choices for another language."""
    try:
        return _TEXTS[lang]
    except KeyError:
        raise ValueError(f"unknown page language {lang!r}; choose one of {', '.join(LANGUAGES)}") from None
