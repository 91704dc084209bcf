"""How often parse_html gets each field right on the hand-read pages of the test suite.

Run: .venv/bin/python benchmarks/html_accuracy.py [--pages DIR]

The expectations are those of ``tests/test_html_pages.py`` (read off each page by a
person); this prints, per field, how many pages parse_html gets right, so a change to
the reader can be measured before and after (run it with ``PYTHONPATH`` pointing at
either tree). ``first_comment`` counts only the pages that show a comment.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from diploblog import parse_html  # noqa: E402
from test_html_pages import FIELDS, PAGES, _check, _main_post  # noqa: E402

PAGES_DIR = HERE.parent.parent / "shared" / "corpus" / "html" / "pages"


def main() -> None:
    """Parse every hand-read page once and print each field's score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES_DIR)
    args = parser.parse_args()
    urls = json.loads((args.pages / "urls.json").read_text(encoding="utf-8"))
    right = dict.fromkeys(FIELDS, 0)
    total = dict.fromkeys(FIELDS, 0)
    for expected in PAGES:
        page = parse_html((args.pages / expected.file).read_bytes(), url=urls.get(expected.file))
        for field in FIELDS:
            if field == "first_comment" and expected.first_comment is None:
                continue
            total[field] += 1
            try:
                _check(field, expected, _main_post(page, expected.title))
            except AssertionError:
                continue
            right[field] += 1
    for field in FIELDS:
        print(f"{field:<14} {right[field]:>3} / {total[field]:<3}")


if __name__ == "__main__":
    main()
