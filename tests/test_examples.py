"""The examples users copy must work: each script in examples/, each ``pycon`` block in the docs."""

from __future__ import annotations

import doctest
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((REPO / "examples").glob("*.py"))
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]

# What each script must print. A new example needs an entry here, or its test fails.
EXPECTED_OUTPUT = {
    "build_model.py": [
        "Global conversations: A blog about digital diplomacy - our efforts to help solve"
        " foreign policy problems through digital engagement.",
        "  The end of this blog\n",
        "posted 2010-07-20 by Stephen Hale (Head of Engagement, Digital Diplomacy, London)",
        "20 tags: blog, blogs, campaign, campaigns, community, debate, design, digital,"
        " diplomacy, duncan, engagement, evaluation, foreign, job, john, kent, londonsummit,"
        " policy, summit, twitter\n",
        '"title": "Global conversations"',
    ],
    "convert_feed.py": [
        "2010-07-20 14:05:00+01:00 The end of this blog (12 comments)\n",
        '"version": "https://jsonfeed.org/version/1.1"',
    ],
    "rescue_seed.py": [
        "UK Government Web Archive, 2011-01-07 18:19:57: "
        "http://blogs.fco.gov.uk/roller/hale/entry/the_end_of_this_blog",
        "Wayback Machine, 2010-07-22 09:35:12:",
        "pywb, 2010-07-22 09:35:12:",
        "Archive-It, 2010-07-22 09:35:12:",
        "Global conversations: 3 posts",
        "<title>The end of this blog</title>",
    ],
}

_PYCON_BLOCK = re.compile(r"^```pycon\n(.*?)^```", re.DOTALL | re.MULTILINE)


def test_the_examples_folder_has_scripts() -> None:
    assert [path.name for path in SCRIPTS] == sorted(EXPECTED_OUTPUT)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_example_runs_and_prints_what_it_should(script: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for fragment in EXPECTED_OUTPUT[script.name]:
        assert fragment in result.stdout


def test_build_model_shows_what_the_seed_page_shows(seed_text: str) -> None:
    # run_path runs the script as a module, not as __main__, so it prints nothing.
    blog = runpy.run_path(str(REPO / "examples" / "build_model.py"))["build_blog"]()
    (post,) = blog.posts
    (author,) = post.authors
    cloud = seed_text.split("Tag cloud", 1)[1].split("Best bits", 1)[0].split()
    assert [tag.term for tag in post.tags] == cloud
    assert len(cloud) == 20
    assert f"\n{blog.title}\n" in seed_text
    assert f"\n{blog.description}\n" in seed_text
    assert f"\n{post.title}\n" in seed_text
    assert f"\n{author.name}\n{author.role}, {author.location}\n" in seed_text
    assert f"Posted 20 July 2010 by {author.name}" in seed_text
    assert post.published is not None
    assert post.published.date().isoformat() == "2010-07-20"


def _pycon_blocks(document: Path) -> list[tuple[int, str]]:
    """Each ``pycon`` block of a Markdown file, with the 0-based line it starts on."""
    text = document.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start(1)), m[1]) for m in _PYCON_BLOCK.finditer(text)]


def test_the_readme_has_a_python_example() -> None:
    assert _pycon_blocks(REPO / "README.md")


@pytest.mark.parametrize(
    "document",
    [path for path in DOCUMENTS if _pycon_blocks(path)],
    ids=lambda path: str(path.relative_to(REPO)),
)
def test_pycon_blocks_in_the_docs_run_as_shown(document: Path) -> None:
    # All blocks of a page share one namespace, as a reader typing them in order would.
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    namespace: dict[str, object] = {}
    for line, block in _pycon_blocks(document):
        test = parser.get_doctest(block, namespace, document.name, str(document), line)
        runner.run(test, clear_globs=False)
        namespace = test.globs
    failed, attempted = runner.summarize(verbose=False)
    assert attempted > 0
    assert failed == 0, f"{failed} of {attempted} examples in {document.name} failed (see stdout)"
