"""Run fuzz targets on saved inputs (findings) and say which still fail.

Run: python fuzz/replay.py feed fuzz/findings/feed/*.bin
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
import warnings
from pathlib import Path

import _common  # noqa: F401  (puts src/ on sys.path)


def main() -> int:
    from diploblog import DiploblogError, ForbiddenCharacterWarning

    target, *paths = sys.argv[1:]
    check = importlib.import_module(f"fuzz_{target}").check
    failed = 0
    for path in paths:
        data = Path(path).read_bytes()
        start = time.perf_counter()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                warnings.simplefilter("ignore", ForbiddenCharacterWarning)
                check(data)
            outcome = "ok"
        except DiploblogError as error:
            outcome = f"{type(error).__name__}: {str(error)[:100]}"
        except Exception:
            failed += 1
            outcome = "FAILS\n" + traceback.format_exc(limit=-4)
        print(f"{path} ({time.perf_counter() - start:.2f} s): {outcome}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
