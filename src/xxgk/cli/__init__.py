"""The ``xxgk`` command: argument handling and printing over the library.

Each module of this package registers its commands on the parser of :mod:`xxgk.cli.app`
(``register(commands)``) and gives each a handler returning the exit status. ``manage``
is passed on whole to Django before any parsing, so that its own options reach it
(``xxgk manage --help`` alone is ours).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["manage"] and args[1:] not in (["-h"], ["--help"]):
        from xxgk.cli.manage import run

        sys.exit(run(args[1:]))
    from xxgk.cli.app import build

    parser = build()
    if not args:
        parser.print_help()
        sys.exit(0)
    ns, extra = parser.parse_known_args(args)
    if extra and hasattr(ns, "files") and not any(a.startswith("-") and a != "-" for a in extra):
        ns.files += extra  # sources after an option: ``render A --to html B``
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        code = ns.handler(ns)
    except KeyboardInterrupt:
        sys.stderr.write("已中断\n")
        code = 130
    except BrokenPipeError:
        code = _closed_pipe()
    sys.exit(code)


def _closed_pipe() -> int:
    """The reader of our output went away (``| head``): stop quietly, as other tools do."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0
