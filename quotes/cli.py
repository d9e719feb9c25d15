"""The ``quotes`` command line.

Each subcommand lives in ``quotes/commands/<name>.py`` with two functions:
``register(subparsers)`` adds its parser and sets ``func`` to its handler,
which returns an exit code. Errors meant for a person are raised as
:class:`CommandError` (or :class:`~quotes.nlp.ModelNotFoundError`,
:class:`~quotes.inputs.InputError`) and printed as one line; no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Optional, Sequence

from . import __version__
from .commands import CommandError
from .inputs import InputError
from .nlp import ModelNotFoundError

COMMANDS = ("extract", "schema", "download_model", "eval", "eval_gender", "train", "speakers", "archive")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotes", description="Find who said what in German news: direct, indirect and reported speech."
    )
    parser.add_argument("--version", action="version", version=f"quotes {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        try:
            module = importlib.import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(f"commands.{name}"):
                continue
            raise
        module.register(sub)
    return parser


def _subparser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The innermost subcommand's parser that ``args`` chose (``quotes archive search`` → its parser)."""
    while True:
        action = next((a for a in parser._actions if isinstance(a, argparse._SubParsersAction)), None)
        chosen = getattr(args, action.dest, None) if action is not None else None
        if chosen is None or chosen not in action.choices:
            return parser
        parser = action.choices[chosen]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # reported by the subcommand, with its usage, not the top-level one
        sub = _subparser(parser, args)
        hint = ""
        dashed = next((a for a in extra if a.startswith("-") and not a.startswith("--") and len(a) > 1), None)
        if dashed is not None:
            hint = f" (an argument that starts with - but is no option goes after --: {sub.prog} -- {dashed}"
            if sub.prog.endswith("archive search"):
                hint += f"; to leave out quotes with a word, write it after another: 'Kreml {dashed}'"
            hint += ")"
        sub.error(f"unrecognized arguments: {' '.join(extra)}{hint}")
    try:
        return int(args.func(args) or 0)
    except (CommandError, ModelNotFoundError, InputError) as exc:
        print(f"quotes: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("quotes: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
