"""The command-line front end (``summitbot``): indexing, asking, quick facts, serving the chat platforms."""

from __future__ import annotations

import sys
from typing import Any


def main() -> None:
    """The ``summitbot`` entry point: an answering command starts opening its encoder first."""
    from bot.cli.prewarm import prewarm

    prewarm(sys.argv[1:])
    from bot.cli.commands import main as run

    run()


def __getattr__(name: str) -> Any:
    # The typer app lives in bot.cli.commands, imported only when asked for (main() warms the encoder first).
    if name == "app":
        from bot.cli.commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]
