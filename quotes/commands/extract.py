"""``quotes extract``: find quotations in files, folders, JSON Lines or stdin.

Documents stream through :mod:`quotes.runner` in bounded chunks, optionally
over worker processes, with a progress bar on standard error and a summary
line at the end. ``--resume`` continues an interrupted run into the same
JSON Lines or CSV output. Ctrl-C and SIGTERM stop a run within seconds (exit
codes 130 and 143): worker processes are killed, the output keeps whole
records.
"""

from __future__ import annotations

import os
import sys

from ..exporters import FORMATS
from ..runner import APPENDABLE, RunnerError, count_inputs, read_inputs
from ..runner import run as run_batch
from ..workers import Terminated, sigterm_as_interrupt
from . import CommandError, add_min_confidence_arg, add_model_args, add_parse_arg, make_extractor, positive_int
from . import extractor_factory as _factory



def register(sub) -> None:
    p = sub.add_parser("extract", help="extract quotations from German text",
                       description="PATH is a .txt file, a folder of .txt files, a JSON Lines file of "
                                   '{"id", "text"} objects, or - for standard input. For long runs use '
                                   "-f jsonl -o OUT: one line per document, resumable with --resume.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("-f", "--format", choices=sorted(FORMATS), default="json", help="output format (default: json)")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default: standard output)")
    p.add_argument("--csv-dialect", choices=("excel", "excel-de"), default="excel",
                   help="CSV flavour: excel (comma) or excel-de (semicolon, for German Excel)")
    p.add_argument("--lang", choices=("de", "en"), default="de",
                   help="language of the -f html page: de (German, default) or en (English)")
    p.add_argument("--cache", metavar="DIR", help="parse cache directory (re-runs skip parsing)")
    p.add_argument("--quiet", action="store_true", help="no progress, error lines or summary on stderr")
    add_min_confidence_arg(p)
    run_group = p.add_argument_group("batch runs")
    run_group.add_argument("--workers", type=positive_int, default=1, metavar="N",
                           help="worker processes, each loading the model once and using one torch thread "
                                "(default: 1, in this process)")
    run_group.add_argument("--chunk-size", type=positive_int, default=None, metavar="N",
                           help="documents read and processed at a time (the unit of work of a worker); "
                                "memory stays flat however long the input (default: --batch-size)")
    run_group.add_argument("--resume", action="store_true",
                           help="continue an interrupted run: skip the documents already in OUT and append "
                                f"(needs -o and -f {' or '.join(APPENDABLE)})")
    dask_group = p.add_argument_group("Dask engine (pip install 'quotes[dask]'; see docs/scaling.md)")
    dask_group.add_argument("--engine", choices=("local", "dask"), default="local",
                            help="local: this process or --workers processes (default); dask: a Dask cluster, "
                                 "-o OUTDIR is a folder of output parts, one per partition")
    dask_group.add_argument("--scheduler", metavar="ADDRESS",
                            help="a running Dask scheduler, e.g. tcp://host:8786 (default: start a local cluster "
                                 "of --workers processes, one thread each)")
    dask_group.add_argument("--partition-size", type=positive_int, default=None, metavar="N",
                            help="documents per partition, the unit of work and of output with --engine dask "
                                 "(default: 64)")
    dask_group.add_argument("--retries", type=int, default=None, metavar="N",
                            help="how often Dask retries a failed partition (default: 2)")
    add_parse_arg(p)
    add_model_args(p)
    p.set_defaults(func=run)


def extractor_factory(args):
    """A picklable zero-argument callable building the extractor (once per worker)."""
    return _factory(args, make=make_extractor)


def run(args) -> int:
    if args.engine == "dask":
        return _run_dask(args)
    for option in ("scheduler", "partition_size", "retries"):
        if getattr(args, option) is not None:
            raise CommandError(f"--{option.replace('_', '-')} needs --engine dask")
    if args.resume and not args.output:
        raise CommandError("--resume needs an output file: -o OUT (the file of the interrupted run)")
    if args.resume and args.format not in APPENDABLE:
        raise CommandError(f"--resume works with -f {' or -f '.join(APPENDABLE)} only: a {args.format} file "
                           "is finished as a whole and cannot be appended to")
    if args.batch_size < 1:
        raise CommandError("--batch-size must be at least 1")
    for path in args.paths:
        if path != "-" and not os.path.lexists(path):  # a link loop is read, and reported, as unreadable
            raise CommandError(f"No such file or folder: {path}")
    try:
        with sigterm_as_interrupt():
            return _extract(args)
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (Terminated): workers are stopped by now
        if not args.quiet:
            hint = _RESUME_HINT if args.output and args.format in APPENDABLE else ""
            print(f"quotes: {'terminated' if isinstance(exc, Terminated) else 'interrupted'}{hint}", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130


_RESUME_HINT = "; the records written so far are complete and --resume continues the run"


def _extract(args) -> int:
    try:
        summary = run_batch(
            read_inputs(args.paths),
            extractor_factory(args),
            fmt=args.format,
            output=args.output,
            exporter_options={"csv_dialect": args.csv_dialect,
                              **({"lang": args.lang} if args.format == "html" else {})},
            workers=args.workers,
            chunk_size=args.chunk_size or args.batch_size,
            resume=args.resume,
            quiet=args.quiet,
            total=None if args.quiet else count_inputs(args.paths),
        )
    except RunnerError as exc:
        raise CommandError(str(exc)) from None
    if not args.quiet:
        print(summary.line(), file=sys.stderr)
    return 1 if summary.errors and summary.errors == summary.documents else 0


def _run_dask(args) -> int:
    from ..distributed import DEFAULT_PARTITION_SIZE, DEFAULT_RETRIES, extract_dask

    if not args.output:
        raise CommandError("--engine dask needs an output folder: -o OUTDIR (one output part per partition)")
    if os.path.exists(args.output) and not os.path.isdir(args.output):
        raise CommandError(f"--engine dask writes a folder of parts; {args.output} is a file")
    if args.batch_size < 1:
        raise CommandError("--batch-size must be at least 1")
    if args.retries is not None and args.retries < 0:
        raise CommandError("--retries must be at least 0")
    for path in args.paths:
        if path == "-":
            raise CommandError("--engine dask reads files and folders, not standard input (-)")
        if not os.path.lexists(path):
            raise CommandError(f"No such file or folder: {path}")
    try:
        with sigterm_as_interrupt():
            summary = extract_dask(
                args.paths, args.output, fmt=args.format, extractor_factory=extractor_factory(args),
                scheduler=args.scheduler, workers=args.workers, device=args.device,
                partition_size=args.partition_size or DEFAULT_PARTITION_SIZE,
                retries=DEFAULT_RETRIES if args.retries is None else args.retries,
                exporter_options={"csv_dialect": args.csv_dialect,
                                  **({"lang": args.lang} if args.format == "html" else {})},
                resume=args.resume, quiet=args.quiet,
            )
    except RunnerError as exc:
        raise CommandError(str(exc)) from None
    except KeyboardInterrupt as exc:  # the cluster is closed by now; finished parts are whole
        if not args.quiet:
            print(f"quotes: {'terminated' if isinstance(exc, Terminated) else 'interrupted'}; the finished parts "
                  "are complete and --resume continues the run", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    if not args.quiet:
        print(summary.line() + f" ({args.output})", file=sys.stderr)
    return 1 if summary.errors and summary.errors == summary.documents else 0
