"""Hostile inputs (issue 12): every bad input the way a user meets it, through the CLI.

One table. Each case writes its input files (tiny documents) and runs
``quotes extract GOOD.txt CASE... GOOD.jsonl -f jsonl -o OUT`` with the compact
model, as a user would. Each case asserts what became of its input (the error
class of its error record, or the result) AND that the good documents before
and after it in the same run are all there, with their quotes.

The model is the session's (``tests/conftest.py``), behind a parse cache
shared by the module, so the good documents are parsed once for the table.
The parser-bound, worker and progress cases of issue 12 live in their own
test file.
"""

from __future__ import annotations

import io
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import pytest

from quotes.cli import main

pytestmark = pytest.mark.model

SAYS = "„Wir bauen die Brücke“, sagte die Bürgermeisterin."
BÜRGER = "Der Bürgermeister sagte, er werde die Straße schließen."
BEFORE = ("vorher", SAYS)
AFTER = [("nachher1", "Der Minister sagte, die Lage sei ernst."), ("nachher2", SAYS)]


def jsonl(*docs: tuple[str, str]) -> str:
    return "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in docs)


@dataclass
class Case:
    """One hostile input: ``build(tmp)`` writes it and returns the PATH arguments."""

    name: str
    build: Callable[[Path], list[str]]
    expected: list[tuple[str, Optional[str]]]
    """(document id, error class or None for a result), in output order."""
    stdin: Optional[bytes] = None
    message: Optional[str] = None
    """A part of the error message of the case's (first) error record."""
    texts: dict[str, str] = field(default_factory=dict)
    """Results whose text must be exactly this (decoded right, no replacement characters)."""
    skip: Optional[str] = None
    deny: bool = False
    """The case's files are unreadable (mode 000; as root, where that does not stop reading, opening
    them fails with EACCES as it would for anyone else)."""


def write(tmp: Path, name: str, data: bytes | str) -> str:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def folder_with(tmp: Path, extra: Callable[[Path], None]) -> list[str]:
    folder = tmp / "ordner"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(BÜRGER, encoding="utf-8")
    extra(folder)
    return [str(folder)]


def chmod_000(tmp: Path) -> list[str]:
    path = write(tmp, "gesperrt.jsonl", jsonl(("g1", SAYS)))
    os.chmod(path, 0)
    return [path]


def loop(tmp: Path, name: str) -> list[str]:
    tmp.mkdir(parents=True, exist_ok=True)
    link = tmp / name
    link.symlink_to(link)
    return [str(link)]


LATIN1_LINE = ('{"id": "l1", "text": "%s"}\n' % BÜRGER).encode("latin-1")

CASES = [
    # -- already handled before issue 12 --------------------------------------------------------
    Case("empty .txt", lambda t: [write(t, "leer.txt", b"")], [("leer", "empty")]),
    Case("whitespace .txt", lambda t: [write(t, "weiss.txt", " \n\t \r\n")], [("weiss", "empty")]),
    Case("binary .txt", lambda t: [write(t, "bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")],
         [("bild", "binary")]),
    Case("Latin-1 .txt", lambda t: [write(t, "latin.txt", BÜRGER.encode("latin-1"))], [("latin", "encoding")],
         message="not valid UTF-8"),
    Case("UTF-8 with BOM .txt", lambda t: [write(t, "bom.txt", b"\xef\xbb\xbf" + BÜRGER.encode())],
         [("bom", None)], texts={"bom": BÜRGER}),
    Case("UTF-8 with BOM .jsonl", lambda t: [write(t, "bom.jsonl", b"\xef\xbb\xbf" + jsonl(("j1", BÜRGER)).encode())],
         [("j1", None)], texts={"j1": BÜRGER}),
    Case("5 MB paragraph", lambda t: [write(t, "riesig.txt", (BÜRGER + " ") * 90_000)], [("riesig", "too_large")]),
    Case("malformed JSON line", lambda t: [write(t, "kaputt.jsonl", jsonl(("k1", SAYS)) + '{"id": "k2", "text": \n')],
         [("k1", None), ("kaputt:2", "bad_json")], message="Line 2 is not valid JSON (Expecting value at column"),
    Case("JSON line that is no object", lambda t: [write(t, "liste.jsonl", '[1, 2]\n{"id": "x"}\n')],
         [("liste:1", "bad_json"), ("x", "bad_json")]),
    Case("lone surrogate in JSON", lambda t: [write(t, "surrogat.jsonl", '{"id": "s", "text": "\\ud800 Er sagte es."}\n')],
         [("s", "encoding")]),
    Case("symlink loop in a folder", lambda t: folder_with(t, lambda f: (f / "b.txt").symlink_to(f / "b.txt")),
         [("a", None), ("b", "unreadable")], message="Too many levels of symbolic links"),
    # -- issue 12 ------------------------------------------------------------------------------------
    Case("non-UTF-8 JSON Lines (3)",
         lambda t: [write(t, "l1.jsonl", jsonl(("l0", SAYS)).encode() + LATIN1_LINE + jsonl(("l2", SAYS)).encode())],
         [("l0", None), ("l1", "encoding"), ("l2", None)], message="Line 2 is not valid UTF-8"),
    Case("raw tab in a JSON string: the message is whole (10)",
         lambda t: [write(t, "tab.jsonl", '{"id": "t", "text": "Er\tsagte es."}\n')],
         [("tab:1", "bad_json")], message="Invalid control character at column 24: a raw line break or tab"),
    Case("UTF-16 with BOM .txt (7)", lambda t: [write(t, "unicode.txt", BÜRGER.encode("utf-16"))],
         [("unicode", None)], texts={"unicode": BÜRGER}),
    Case("UTF-16 big-endian with BOM .txt (7)",
         lambda t: [write(t, "unicode_be.txt", b"\xfe\xff" + BÜRGER.encode("utf-16-be"))],
         [("unicode_be", None)], texts={"unicode_be": BÜRGER}),
    Case("UTF-16 with BOM .jsonl (7)", lambda t: [write(t, "u16.jsonl", jsonl(("w1", BÜRGER), ("w2", SAYS)).encode("utf-16"))],
         [("w1", None), ("w2", None)], texts={"w1": BÜRGER, "w2": SAYS}),
    Case("UTF-16 without BOM .txt", lambda t: [write(t, "ohne_bom.txt", BÜRGER.encode("utf-16-le"))],
         [("ohne_bom", "encoding")], message="UTF-16 text without a byte order mark"),
    Case("UTF-32 .txt", lambda t: [write(t, "u32.txt", BÜRGER.encode("utf-32"))], [("u32", "encoding")]),
    Case("non-UTF-8 JSON Lines on stdin (3)", lambda t: ["-"], [("l1", "encoding"), ("l2", None)],
         stdin=LATIN1_LINE + jsonl(("l2", SAYS)).encode()),
    Case("UTF-16 text on stdin (7)", lambda t: ["-"], [("stdin", None)], stdin=BÜRGER.encode("utf-16"),
         texts={"stdin": BÜRGER}),
    Case("Latin-1 text on stdin", lambda t: ["-"], [("stdin", "encoding")], stdin=BÜRGER.encode("latin-1")),
    Case("unreadable .jsonl: a symlink loop (5)", lambda t: loop(t, "schleife.jsonl"), [("schleife", "unreadable")],
         message="Cannot read"),
    Case("unreadable .jsonl: no permission (5)", chmod_000, [("gesperrt", "unreadable")], message="Permission denied",
         deny=True),
    Case("dangling symlink in a folder (5)",
         lambda t: folder_with(t, lambda f: (f / "weg.txt").symlink_to(f / "nirgends.txt")),
         [("a", None), ("weg", "unreadable")], message="a symbolic link to nothing"),
    Case("folder without .txt files (5)", lambda t: [write(t / "leerer_ordner", "notiz.md", "# Notiz") and
                                                      str(t / "leerer_ordner")],
         [("leerer_ordner", "empty")], message="contains no .txt files"),
    Case("duplicate ids in one .jsonl (6)",
         lambda t: [write(t, "doppelt.jsonl", jsonl(("d", SAYS), ("e", SAYS), ("d", BÜRGER)))],
         [("d", None), ("e", None), ("d", "duplicate_id")], message="doppelt.jsonl line 1"),
    Case("duplicate ids across inputs (6)",
         lambda t: [write(t, "vorher.jsonl", jsonl(("vorher", BÜRGER)))],
         [("vorher", "duplicate_id")], message="was not processed"),
    Case("3,000 nested quotation marks in one sentence (1)",
         lambda t: [write(t, "u3000.txt", "Er sagte: " + "„" * 3000 + " Ende. Müller sagte, er komme morgen.")],
         [("u3000", "too_complex")], message="3,000 quotation marks open at once"),
    Case("10,000 nested quotation marks among other files (1)",
         lambda t: folder_with(t, lambda f: (f / "u10000.txt").write_text(
             "Er sagte: " + "„" * 10000 + " Ende. Müller sagte, er komme morgen.", encoding="utf-8")),
         [("a", None), ("u10000", "too_complex")], message="10,000 quotation marks open at once"),
]


@pytest.fixture(scope="module")
def cached_extractor(parser, tmp_path_factory):
    from quotes.extractor import Extractor

    return Extractor(parser=parser, cache_dir=tmp_path_factory.mktemp("parse-cache"))


@pytest.fixture
def user_run(cached_extractor, monkeypatch, tmp_path, capsys):
    """``quotes extract GOOD.txt PATHS... GOOD.jsonl -f jsonl -o OUT``; returns the records and stderr."""
    import quotes.commands.extract as extract_cmd

    monkeypatch.setattr(extract_cmd, "make_extractor", lambda *a, **k: cached_extractor)
    good_txt = write(tmp_path / "gut", f"{BEFORE[0]}.txt", BEFORE[1])
    good_jsonl = write(tmp_path / "gut", "nachher.jsonl", jsonl(*AFTER))

    def run(paths: list[str], stdin: Optional[bytes] = None) -> tuple[int, list[dict], str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        out = tmp_path / "out.jsonl"
        code = main(["extract", good_txt, *paths, good_jsonl, "-f", "jsonl", "-o", str(out),
                     "--model-dir", str(Path(cached_extractor.parser.model_dir)), "--offline"])
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        return code, records, capsys.readouterr().err

    return run


def deny_as_root(monkeypatch, paths: list[str]) -> None:
    """Mode 000 does not keep root out: make opening these files fail as it does for other users."""
    import builtins

    import quotes.inputs

    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return
    denied = {os.path.abspath(p) for p in paths}

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.path.abspath(file) in denied:
            raise PermissionError(13, "Permission denied", str(file))
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(quotes.inputs, "open", guarded_open, raising=False)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, user_run, tmp_path, monkeypatch):
    if case.skip:
        pytest.skip(case.skip)
    paths = case.build(tmp_path / "case")
    if case.deny:
        deny_as_root(monkeypatch, paths)
    code, records, err = user_run(paths, case.stdin)
    assert code == 0 and "Traceback" not in err
    got = [(r["id"], r.get("error")) for r in records]
    assert got == [(BEFORE[0], None), *case.expected, *((i, None) for i, _ in AFTER)]
    # the other documents of the run are all there, with their quotes
    good = [records[0], *records[-len(AFTER):]]
    assert [r["text"] for r in good] == [BEFORE[1], *(t for _, t in AFTER)]
    assert all(r["quotes"] for r in good)
    mine = records[1:-len(AFTER)]
    errors = [r for r in mine if "error" in r]
    for r in errors:
        assert r["message"].endswith(".") and f"{r['id']}: {r['message']}" in err  # said on stderr too
    if case.message:
        assert any(case.message in r["message"] for r in errors), [r["message"] for r in errors]
    for doc_id, text in case.texts.items():
        (r,) = [r for r in mine if r["id"] == doc_id and "error" not in r]
        assert r["text"] == text and r["quotes"]
    assert "\ufffd" not in json.dumps(records, ensure_ascii=False)  # nothing decoded with replacements
    assert f"quotes: {len(records)} documents" in err


def test_all_cases_in_one_run(user_run, tmp_path, monkeypatch):
    """Every file case of the table in one run: one record per input document, in input order;
    an id that two cases share is a ``duplicate_id`` the second time."""
    paths, expected, denied = [], [], []
    for n, case in enumerate(CASES):
        if case.stdin is not None or case.skip:
            continue
        built = case.build(tmp_path / f"c{n}")
        paths += built
        expected += case.expected
        if case.deny:
            denied += built
    deny_as_root(monkeypatch, denied)
    code, records, err = user_run(paths)
    assert code == 0 and "Traceback" not in err
    seen = {BEFORE[0]}
    want = [(BEFORE[0], None)]
    for doc_id, kind in expected:
        want.append((doc_id, "duplicate_id" if doc_id in seen else kind))
        seen.add(doc_id)
    want += [(i, None) for i, _ in AFTER]
    assert [(r["id"], r.get("error")) for r in records] == want
    assert all(r["quotes"] for r in [records[0], *records[-len(AFTER):]])
