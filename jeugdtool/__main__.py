"""`python -m jeugdtool`: the same entry point as the `jeugdtool` command."""

import sys

from jeugdtool.cli import main

if __name__ == "__main__":
    sys.exit(main())
