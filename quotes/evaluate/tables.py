"""The scores as tables: plain text for the terminal, Markdown, and HTML for reports.

Each table is built once as a header and rows of strings (:func:`score_tables`);
a renderer turns header and rows into text.
"""

from __future__ import annotations

import html
from typing import Callable

from .counts import EvalScores, ordered_types, pct

Renderer = Callable[[list[str], list[list[str]]], str]
"""Header and rows -> the table as text."""

_SCORE_HEAD = ["", "P", "R", "F1", "TP", "FP", "FN"]
_TYPE_HEAD = ["gold type", "gold", "matched", "quote R", "message R"]
_PRED_HEAD = ["predicted type", "predicted", "matched", "quote P"]


def _score_rows(scores: EvalScores) -> list[list[str]]:
    rows = []
    named = [*scores.roles.items(), ("joint", scores.joint), ("quotes (F1≥0.5)", scores.quotes)]
    for name, c in named:
        rows.append([name, f"{c.precision:.1f}", f"{c.recall:.1f}", f"{c.f1:.1f}", str(c.tp), str(c.fp), str(c.fn)])
    return rows


def _type_rows(scores: EvalScores) -> list[list[str]]:
    return [[t, str(s.gold), str(s.matched), f"{s.recall:.1f}", f"{s.message.recall:.1f}"]
            for t, s in ordered_types(scores.gold_types)]


def _pred_type_rows(scores: EvalScores) -> list[list[str]]:
    return [[t, str(n), str(m), f"{pct(m, n):.1f}"] for t, (n, m) in sorted(scores.pred_types.items())]


def plain_table(head: list[str], rows: list[list[str]]) -> str:
    """Columns padded with spaces: the first left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def fmt(row: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))

    return "\n".join([fmt(head), "  ".join("-" * w for w in widths), *map(fmt, rows)])


def markdown_table(head: list[str], rows: list[list[str]]) -> str:
    """A Markdown pipe table (``|`` in cells escaped), numbers right-aligned."""

    def line(row: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in row) + " |"

    align = "|" + "|".join([":---"] + ["---:"] * (len(head) - 1)) + "|"
    return "\n".join([line(head), align, *map(line, rows)])


def html_table(head: list[str], rows: list[list[str]]) -> str:
    """An HTML ``<table>``, every cell escaped."""
    esc = html.escape
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{th}</tr>{trs}</table>"


def score_tables(scores: EvalScores, render: Renderer) -> list[str]:
    """The role scores, the gold-type recall and the predicted-type precision tables (the last two
    only when there is something to show)."""
    parts = [render(_SCORE_HEAD, _score_rows(scores))]
    if scores.gold_types:
        parts.append(render(_TYPE_HEAD, _type_rows(scores)))
    if scores.pred_types:
        parts.append(render(_PRED_HEAD, _pred_type_rows(scores)))
    return parts


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(scores: EvalScores) -> str:
    """``150 documents, 2 gold files skipped, 1 extraction error``."""
    line = _count(scores.documents, "document", "documents")
    if scores.skipped:
        line += ", " + _count(len(scores.skipped), "gold file skipped", "gold files skipped")
    if scores.errors:
        line += ", " + _count(len(scores.errors), "extraction error", "extraction errors")
    return line


def format_table(scores: EvalScores) -> str:
    """The scores as plain-text tables (percentages, one decimal)."""
    return "\n\n".join([summary_line(scores), *score_tables(scores, plain_table)]) + "\n"


def format_markdown(scores: EvalScores) -> str:
    """The scores as Markdown tables."""
    return "\n\n".join([f"**{summary_line(scores)}**", *score_tables(scores, markdown_table)]) + "\n"
