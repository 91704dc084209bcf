import pickle

import pytest

import diploblog
from diploblog import (
    DateError,
    DiploblogError,
    ParseError,
    UnsafeInputError,
    UnsupportedFormatError,
)

SUBCLASSES = [ParseError, UnsupportedFormatError, UnsafeInputError, DateError]


@pytest.mark.parametrize("cls", SUBCLASSES)
def test_every_error_is_a_diploblog_error_and_a_value_error(cls: type[DiploblogError]) -> None:
    assert issubclass(cls, DiploblogError)
    assert issubclass(cls, ValueError)
    assert getattr(diploblog, cls.__name__) is cls


def test_message_alone() -> None:
    e = ParseError("no root element")
    assert str(e) == "no root element"
    assert (e.message, e.where, e.line, e.column) == ("no root element", None, None, None)


def test_message_names_where_line_and_column() -> None:
    e = ParseError("mismatched tag", where="feed.xml", line=3, column=14)
    assert str(e) == "mismatched tag (at feed.xml, line 3, column 14)"
    assert (e.where, e.line, e.column) == ("feed.xml", 3, 14)


def test_line_without_where() -> None:
    assert str(ParseError("bad", line=7)) == "bad (at line 7)"


@pytest.mark.parametrize("cls", [DiploblogError, *SUBCLASSES])
def test_errors_survive_pickling_with_their_evidence(cls: type[DiploblogError]) -> None:
    original = cls("boom", where="/rss/channel", line=2, column=5)
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy) is cls
    assert (copy.message, copy.where, copy.line, copy.column) == ("boom", "/rss/channel", 2, 5)
    assert str(copy) == str(original)
