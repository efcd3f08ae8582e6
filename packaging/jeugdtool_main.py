"""The bundle's entry point, of both `jeugdtool` (the window) and `jeugdtool-cli`."""

import sys

from jeugdtool.cli import main

if __name__ == "__main__":
    sys.exit(main())
