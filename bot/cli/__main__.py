"""`python -m bot.cli`: the same as the `talentbot` console script."""

from bot.cli import main

if __name__ == "__main__":
    main()
