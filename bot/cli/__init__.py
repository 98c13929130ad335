"""The command-line front end (``summitbot``): indexing, asking, quick facts, serving the chat platforms."""

from bot.cli.main import app, main

__all__ = ["app", "main"]
