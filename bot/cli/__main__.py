"""``python -m bot.cli``: the same as the ``summitbot`` command."""

from bot.cli.main import main

main()
