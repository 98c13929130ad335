"""``python -m bot.cli``: the same as the ``summitbot`` command."""

from bot.cli import main

main()
