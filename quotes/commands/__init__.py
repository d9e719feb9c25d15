"""Subcommands of the ``quotes`` CLI, one module each (see :mod:`quotes.cli`)."""

from __future__ import annotations

import argparse
import functools
import os


class CommandError(Exception):
    """An error for a person: printed as one line, exit code 2."""


def add_model_args(parser: argparse.ArgumentParser) -> None:
    """--model-dir, --offline, --device: shared by every command that parses."""
    group = parser.add_argument_group("parser model")
    group.add_argument("--model-dir", metavar="DIR", help="Stanza resources directory (default: $QUOTES_STANZA_DIR, "
                       "else Stanza's default; downloaded there once if missing)")
    group.add_argument("--offline", action="store_true", default=None,
                       help="never download a model (also QUOTES_OFFLINE=1)")
    group.add_argument("--device", choices=("auto", "cpu", "gpu"), default="auto",
                       help="where Stanza runs (default: auto)")
    group.add_argument("--batch-size", type=int, default=16, metavar="N",
                       help="documents per Stanza bulk call (default: 16)")


def add_parse_arg(parser: argparse.ArgumentParser) -> None:
    """--parse full|selective: shared by ``extract`` and ``eval``."""
    parser.add_argument("--parse", choices=("full", "selective"), default="full",
                        help="full: tag and parse every sentence (default); selective: only the sentences that "
                             "can take part in a quotation (faster; see docs/scaling.md)")


def make_extractor(args: argparse.Namespace, cache_dir: "str | os.PathLike | None" = None,
                   device: "str | None" = None):
    """The extractor the options ask for; ``device`` (``"cuda:1"``) places the models on one GPU
    (the Dask engine's GPU workers)."""
    from ..extractor import Extractor

    use_gpu = {"auto": None, "cpu": False, "gpu": True}[args.device]
    return Extractor(model_dir=args.model_dir, offline=args.offline, use_gpu=use_gpu,
                     cache_dir=cache_dir, batch_size=args.batch_size, parse=getattr(args, "parse", None),
                     device=device, min_confidence=getattr(args, "min_confidence", None))


MODEL_ARGS = ("model_dir", "offline", "device", "batch_size", "parse", "min_confidence")
"""The options :func:`make_extractor` reads (what a worker process needs to build its extractor)."""


def extractor_factory(args: argparse.Namespace, cache_dir: "str | os.PathLike | None" = None, make=None):
    """A picklable zero-argument callable building the extractor the options ask for (once per
    worker process); ``cache_dir`` defaults to ``args.cache``, ``make`` to :func:`make_extractor`
    (a command passes the one it imported, so that tests can replace it there)."""
    model_args = argparse.Namespace(**{k: getattr(args, k, None) for k in MODEL_ARGS})
    return functools.partial(make or make_extractor, model_args,
                             cache_dir=cache_dir if cache_dir is not None else getattr(args, "cache", None))


MIN_CONFIDENCE_HELP = ("keep only the records whose confidence (the calibrated probability that the quotation and "
                       "its speaker are right) is at least P, a number from 0 to 1, e.g. 0.9")


def add_min_confidence_arg(parser: argparse.ArgumentParser, help: str = MIN_CONFIDENCE_HELP) -> None:
    """--min-confidence P: shared by the commands that write or read records."""
    parser.add_argument("--min-confidence", type=probability, default=None, metavar="P", help=help)


def probability(value: str) -> float:
    """An argparse type: a number from 0 to 1 ("0.9", also "0,9" as German users write it)."""
    try:
        p = float(value.replace(",", ".", 1) if value.count(",") == 1 and "." not in value else value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= p <= 1.0:  # NaN fails here too
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, not {value}")
    return p


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n
