"""Command-line front door: one sub-command per module of this package (:data:`COMMANDS`).

Each command module defines ``register(subparsers)`` and sets ``func`` on its
parser; this file only lists them, in the order ``ita --help`` shows them. Exit status: 0 fine, 1 an error finding (``check``), 2 unusable input
(also when any file of a batch failed) or bad usage. No traceback reaches the user.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from .. import __version__
from ..errors import UnusableInput, missing_package

COMMANDS = ("extract", "check", "fix", "text", "index", "search", "history", "serve", "rules")


def command_in(argv: list[str]) -> str | None:
    """The sub-command ``argv`` names (its first word that is not an option), if it is one of ours."""
    word = next((a for a in argv if not a.startswith("-")), None)
    return word if word in COMMANDS else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that sub-command's module is imported (each imports what
    its command needs, so ``ita check`` does not pay for the web server or the history)."""
    parser = argparse.ArgumentParser(
        prog="ita", description="อ่านและตรวจรายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส (ITA) — "
        "extract and check Thai ITA integrity reports.")
    parser.add_argument("--version", action="version", version=f"ita {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only else COMMANDS:
        importlib.import_module(f"{__package__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract: one thread a process (issue 4)
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(command_in(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UnusableInput as e:
        print(f"ita: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("ita: interrupted", file=sys.stderr)
        return 130
    except ModuleNotFoundError as e:
        print(f"ita: {missing_package(e)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as e:  # noqa: BLE001 - the user gets one line, developers set ITA_DEBUG=1
        if os.environ.get("ITA_DEBUG"):
            raise
        print(f"ita: ข้อผิดพลาดภายใน (internal error: {type(e).__name__}: {e}); "
              "ITA_DEBUG=1 shows the details", file=sys.stderr)
        return 2
