"""``python -m zwgk``: the command line, as the installed ``zwgk`` script runs it."""

from zwgk._cli import console_main

if __name__ == "__main__":
    console_main()
