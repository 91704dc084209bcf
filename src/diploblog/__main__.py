"""``python -m diploblog``: the command line (see `diploblog._cli`)."""

from __future__ import annotations

import sys

from diploblog._cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
