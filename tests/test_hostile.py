"""Hostile documents through every reader: refused or read safely, in bounded time and memory.

Attacks on XML parsers (entity bombs, external entities and DTDs, parameter
entities, XInclude, processing instructions, deep nesting, huge attributes) are
put into every XML format diploblog reads (RSS 2.0, RSS 1.0, Atom with XHTML
content, Blogger and WordPress exports) and into HTML; JSON Feed gets its own
(deep nesting, huge strings). Each case runs in a forked child: the parent waits at
most `LIMIT_SECONDS` and kills it, and the child's address space is capped with
``resource.setrlimit`` (`MEMORY_LIMIT` above what it started with). What a
document points at is a trap: files hold a sentinel text that must never appear in
what is read or written, and URLs name a local server that must never be connected
to. `test_no_file_is_read_and_no_connection_is_made` runs every case again in a
fresh interpreter under an audit hook (`sys.addaudithook`) that records each file
opened and each connection attempted.

tests/test_xml.py tests the parser's refusals one by one; here every reader is covered.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from _roundtrip import written_back
from diploblog import (
    Blog,
    DiploblogError,
    Page,
    UnsafeInputError,
    parse_feed,
    parse_html,
    to_html,
)
from diploblog.wxr import read_wxr

resource = pytest.importorskip("resource", reason="needs resource limits (POSIX)")
if "fork" not in multiprocessing.get_all_start_methods():
    pytest.skip("needs fork() to run each case in a bounded child", allow_module_level=True)

LIMIT_SECONDS = 20.0
MEMORY_LIMIT = 1 << 30  # address space a case may add to what its child starts with
NESTING = 100_000
LONG = 1_000_000


@dataclass(frozen=True)
class Trap:
    """What hostile documents point at: files with a sentinel text, a local server."""

    sentinel: str
    secret_file: Path
    dtd_file: Path
    http: str


# Attacks: (DOCTYPE internal subset or external id, processing instructions before the
# root, payload inside a text-bearing element). {root} is the carrier's root name.
def _attacks(trap: Trap) -> dict[str, tuple[str, str, str]]:
    lols = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )  # 10**9 "lol" if expanded
    big = "x" * 100_000
    return {
        "billion-laughs": (f'<!DOCTYPE {{root}} [<!ENTITY lol0 "lol">{lols}]>', "", "&lol9;"),
        "quadratic-blowup": (f'<!DOCTYPE {{root}} [<!ENTITY a "{big}">]>', "", "&a;" * 10_000),
        "external-entity-file": (
            f'<!DOCTYPE {{root}} [<!ENTITY xxe SYSTEM "{trap.secret_file.as_uri()}">]>',
            "",
            "&xxe;",
        ),
        "external-entity-http": (
            f'<!DOCTYPE {{root}} [<!ENTITY xxe SYSTEM "{trap.http}/entity">]>',
            "",
            "&xxe;",
        ),
        "parameter-entity": (
            f'<!DOCTYPE {{root}} [<!ENTITY % pe SYSTEM "{trap.http}/pe.dtd"> %pe;]>',
            "",
            "text",
        ),
        "external-dtd-file": (
            f'<!DOCTYPE {{root}} SYSTEM "{trap.dtd_file.as_uri()}">',
            "",
            "&secret;",
        ),
        "external-dtd-http": (
            f'<!DOCTYPE {{root}} PUBLIC "-//Evil//DTD//EN" "{trap.http}/evil.dtd">',
            "",
            "text",
        ),
        "xinclude": (
            "",
            "",
            f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
            f'href="{trap.secret_file.as_uri()}" parse="text"/>'
            f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{trap.http}/x"/>',
        ),
        "processing-instructions": (
            "",
            f'<?xml-stylesheet type="text/xsl" href="{trap.http}/style.xsl"?><?php system(1); ?>',
            "before<?php readfile('/etc/passwd'); ?>after",
        ),
        "deep-nesting": ("", "", "<d>" * NESTING + "deep" + "</d>" * NESTING),
        "long-attribute": (
            "",
            "",
            f'<a href="https://example.org/{"a" * LONG}" title="{"t" * LONG}">link</a>',
        ),
    }


# Attacks every XML reader must refuse with UnsafeInputError.
REFUSED = frozenset(
    {
        "billion-laughs",
        "quadratic-blowup",
        "external-entity-file",
        "external-entity-http",
        "parameter-entity",
        "deep-nesting",
    }
)
ATTACKS = (
    *sorted(REFUSED),
    *("external-dtd-file", "external-dtd-http", "xinclude", "processing-instructions"),
    "long-attribute",
)

XHTML = "http://www.w3.org/1999/xhtml"
WP = "http://wordpress.org/export/1.2/"
# Carriers: root name for the DOCTYPE, document around (prolog, payload), reader.
CARRIERS: dict[str, tuple[str, str, Callable[[bytes], object]]] = {
    "rss": (
        "rss",
        '<rss version="2.0"><channel><title>Blog</title><link>https://example.org/</link>'
        "<item><title>Post {payload}</title><description>{payload}</description>"
        "<pubDate>Tue, 20 Jul 2010 14:05:00 +0100</pubDate></item></channel></rss>",
        parse_feed,
    ),
    "rss1": (
        "rdf:RDF",
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://example.org/">'
        "<title>Blog</title><link>https://example.org/</link><description>{payload}"
        '</description></channel><item rdf:about="https://example.org/1"><title>Post</title>'
        "<link>https://example.org/1</link><description>{payload}</description></item>"
        "</rdf:RDF>",
        parse_feed,
    ),
    "atom-xhtml": (
        "feed",
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><id>urn:b</id>'
        "<updated>2010-07-20T14:05:00Z</updated><entry><id>urn:p</id><title>Post</title>"
        '<updated>2010-07-20T14:05:00Z</updated><summary type="xhtml"><div xmlns="'
        + XHTML
        + '">{payload}</div></summary><content type="xhtml"><div xmlns="'
        + XHTML
        + '"><p>{payload}</p></div></content></entry></feed>',
        parse_feed,
    ),
    "blogger": (
        "feed",
        '<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:blogger.com,1999:blog-1</id>'
        "<title>Blog</title><updated>2010-07-20T14:05:00Z</updated><entry>"
        "<id>tag:blogger.com,1999:blog-1.post-2</id><published>2010-07-20T14:05:00Z"
        '</published><category scheme="http://schemas.google.com/g/2005#kind" '
        'term="http://schemas.google.com/blogger/2008/kind#post"/><title>Post</title>'
        '<content type="html">{payload}</content></entry></feed>',
        parse_feed,
    ),
    "wxr": (
        "rss",
        '<rss version="2.0" xmlns:wp="' + WP + '" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Blog</title>'
        "<wp:wxr_version>1.2</wp:wxr_version><item><title>Post</title>"
        "<content:encoded>{payload}</content:encoded><wp:post_type>post</wp:post_type>"
        "<wp:status>publish</wp:status><wp:comment><wp:comment_id>1</wp:comment_id>"
        "<wp:comment_content>{payload}</wp:comment_content></wp:comment></item>"
        "</channel></rss>",
        read_wxr,
    ),
    "html": (
        "html",
        "<html><head><title>Post | Blog</title></head><body>"
        '<article class="h-entry"><h1 class="p-name">Post</h1>'
        '<time class="dt-published" datetime="2010-07-20T14:05:00Z">20 July</time>'
        '<div class="e-content">{payload}</div></article></body></html>',
        parse_html,
    ),
}


def hostile_document(carrier: str, attack: str, trap: Trap) -> bytes:
    """The carrier's document with the attack in it."""
    root, body, _ = CARRIERS[carrier]
    doctype, instructions, payload = _attacks(trap)[attack]
    if carrier == "html" and not doctype:
        doctype = "<!DOCTYPE html>"
    prolog = '<?xml version="1.0" encoding="utf-8"?>' if carrier != "html" else ""
    text = prolog + doctype.format(root=root) + instructions + body.format(payload=payload)
    return text.encode("utf-8")


def _json_cases() -> dict[str, bytes]:
    head = '{"version": "https://jsonfeed.org/version/1.1", "title": "Blog", '
    deep = "[" * NESTING + "]" * NESTING
    long_url = "https://example.org/" + "a" * LONG
    xml_attack = (
        '<!DOCTYPE p [<!ENTITY xxe SYSTEM \\"file:///etc/passwd\\">]><p>&xxe;'
        '<xi:include href=\\"file:///etc/passwd\\"/><?php x ?></p>'
    )
    return {
        "json-deep-nesting": f'{head}"items": [{{"id": "1", "_x": {deep}}}]}}'.encode(),
        "json-deep-items": f'{head}"items": {deep}}}'.encode(),
        "json-long-strings": (
            f'{head}"items": [{{"id": "1", "url": "{long_url}", "title": "{"t" * LONG}", '
            f'"content_html": "<p>{"x" * LONG}</p>"}}]}}'
        ).encode(),
        "json-xml-in-content": (
            f'{head}"items": [{{"id": "1", "content_html": "{xml_attack}"}}]}}'
        ).encode(),
    }


JSON_CASES = tuple(_json_cases())


def all_cases(trap: Trap) -> Iterator[tuple[str, bytes, Callable[[bytes], object]]]:
    """Every (name, document, reader) this module tests, for the audit-hook run too."""
    for carrier, (_, _, read) in CARRIERS.items():
        for attack in ATTACKS:
            yield f"{carrier}:{attack}", hostile_document(carrier, attack, trap), read
    for name, data in _json_cases().items():
        yield name, data, parse_feed


def run_case(data: bytes, read: Callable[[bytes], object]) -> dict[str, Any]:
    """Read `data` and write it back; describe what happened (no exception escapes)."""
    start = time.perf_counter()
    outcome: dict[str, Any] = {}
    try:
        result = read(data)
        assert isinstance(result, (Blog, Page))
        documents = written_back(result)
        outcome["kind"] = "read"
        outcome["text"] = [repr(result), *documents]
    except UnsafeInputError as error:
        outcome["kind"] = "refused"
        outcome["message"] = error.message
    except DiploblogError as error:
        outcome["kind"] = type(error).__name__
        outcome["message"] = error.message
    except BaseException as error:  # the outcome under test: reported, not raised
        outcome["kind"] = "crash"
        outcome["message"] = f"{type(error).__name__}: {str(error)[:500]}"
    outcome["seconds"] = time.perf_counter() - start
    return outcome


def _address_space() -> int | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _child(conn: Any, data: bytes, read: Callable[[bytes], object]) -> None:
    used = _address_space()
    if used is not None:
        limit = used + MEMORY_LIMIT
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome = run_case(data, read)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    outcome["peak_growth_kb"] = after - before
    text = outcome.pop("text", [])
    outcome["chars"] = sum(len(t) for t in text)
    outcome["leaks"] = [t[max(0, i - 40) : i + 80] for t in text if (i := t.find(SENTINEL)) >= 0]
    # Live markup: XML and HTML writers (JSON holds content as a string, escaped).
    outcome["pi_written"] = any("<?php" in t for t in text[1:] if not t.startswith("{"))
    conn.send(outcome)
    conn.close()


SENTINEL = "diploblog-sentinel-" + uuid.uuid4().hex


def bounded(data: bytes, read: Callable[[bytes], object]) -> dict[str, Any]:
    """Run one case in a forked child, within the time and memory bounds."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() in a process with threads: the trap's server
        # thread only accepts connections, it holds no lock the child could need.
        warnings.simplefilter("ignore", DeprecationWarning)
        process = context.Process(target=_child, args=(sending, data, read))
        process.start()
    sending.close()
    try:
        if not receiving.poll(LIMIT_SECONDS):
            pytest.fail(f"no result within {LIMIT_SECONDS:.0f} s (child killed)")
        return receiving.recv()  # type: ignore[no-any-return]
    except EOFError:
        pytest.fail(f"the child died without a result (exit code {process.exitcode})")
    finally:
        process.kill()
        process.join()


class Server:
    """A local TCP server that records every connection made to it."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.connections: list[str] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"http://{host}:{port}"

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(1)
                try:
                    self.connections.append(conn.recv(200).decode("latin-1"))
                except OSError:
                    self.connections.append("(connected, sent nothing)")

    def close(self) -> None:
        self.stopping.set()
        self.thread.join()
        self.socket.close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.close()


@pytest.fixture(scope="module")
def trap(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Trap:
    folder = tmp_path_factory.mktemp("trap")
    secret = folder / "secret.txt"
    secret.write_text(SENTINEL, encoding="utf-8")
    dtd = folder / "evil.dtd"
    dtd.write_text(f'<!ENTITY secret "{SENTINEL}">', encoding="utf-8")
    return Trap(sentinel=SENTINEL, secret_file=secret, dtd_file=dtd, http=server.url)


def _check(outcome: dict[str, Any], server: Server, *, refused: bool, size: int) -> None:
    assert outcome["kind"] != "crash", outcome["message"]
    if refused:
        assert outcome["kind"] == "refused", outcome
    assert outcome["leaks"] == [], "a trapped file's text was read"
    assert server.connections == [], "a connection was made"
    assert not outcome["pi_written"], "a processing instruction was written out"
    # Nothing expanded: what was read and written is a small multiple of the input.
    assert outcome["chars"] <= 20 * size + 100_000, outcome["chars"]
    assert outcome["seconds"] < LIMIT_SECONDS


@pytest.mark.parametrize("attack", ATTACKS)
@pytest.mark.parametrize("carrier", [c for c in CARRIERS if c != "html"])
def test_xml_readers(carrier: str, attack: str, trap: Trap, server: Server) -> None:
    data = hostile_document(carrier, attack, trap)
    outcome = bounded(data, CARRIERS[carrier][2])
    _check(outcome, server, refused=attack in REFUSED, size=len(data))


@pytest.mark.parametrize("attack", ATTACKS)
def test_html_reader(attack: str, trap: Trap, server: Server) -> None:
    # The HTML parser has no entities and loads no DTD: every attack is plain markup.
    data = hostile_document("html", attack, trap)
    outcome = bounded(data, parse_html)
    _check(outcome, server, refused=False, size=len(data))
    assert outcome["kind"] == "read", outcome


@pytest.mark.parametrize("name", JSON_CASES)
def test_json_feed_reader(name: str, server: Server) -> None:
    data = _json_cases()[name]
    outcome = bounded(data, parse_feed)
    _check(outcome, server, refused=False, size=len(data))
    if "deep" in name:
        assert outcome["kind"] == "ParseError", outcome
        assert "nested" in outcome["message"]
    else:
        assert outcome["kind"] == "read", outcome


def test_refusals_name_the_entity(trap: Trap) -> None:
    data = hostile_document("rss", "external-entity-file", trap)
    with pytest.raises(UnsafeInputError, match="external entity 'xxe'") as info:
        parse_feed(data, url="https://attacker.example/feed")
    assert info.value.where == "https://attacker.example/feed"


def test_processing_instructions_are_dropped(trap: Trap) -> None:
    blog = parse_feed(hostile_document("atom-xhtml", "processing-instructions", trap))
    assert blog.posts[0].content == "<p>beforeafter</p>"


def test_deep_nesting_is_refused_not_handed_on(trap: Trap) -> None:
    # libxml2 stops at 256 levels; the tolerant path must not walk the rest in Python.
    with pytest.raises(UnsafeInputError, match="nested too deep") as info:
        parse_feed(hostile_document("rss", "deep-nesting", trap))
    assert info.value.line == 1


SCRIPT_URLS = (
    b'<rss version="2.0"><channel><title>T</title><link>javascript:alert(1)</link>'
    b"<image><url>javascript:alert(2)</url></image><item><title>P</title>"
    b"<link> JavaScript:alert(3)</link><comments>vbscript:msgbox(4)</comments>"
    b'<enclosure url="data:text/html,&lt;script&gt;alert(5)&lt;/script&gt;" type="text/html"'
    b' length="1"/><description>&lt;a href="javascript:alert(6)"&gt;x&lt;/a&gt;&lt;img '
    b'src="x" onerror="alert(7)"&gt;</description></item></channel></rss>'
)


@pytest.mark.parametrize("read", [parse_feed, lambda data: parse_html(to_html(parse_feed(data)))])
def test_script_urls_never_become_links_in_html(read: Callable[[bytes], object]) -> None:
    # URLs in the model are as written; to_html must not make live script links of them.
    result = read(SCRIPT_URLS)
    assert isinstance(result, (Blog, Page))
    page = lxml.html.document_fromstring(to_html(result))
    links = [link.strip().lower() for _, _, link, _ in page.iterlinks()]
    assert page.xpath("//article[@class='h-entry']")  # the post is there, its script links not
    assert not [link for link in links if link.startswith(("javascript", "vbscript", "data"))]
    assert not page.xpath("//@*[starts-with(name(), 'on')]")


_AUDIT_SCRIPT = r"""
import importlib.util, json, sys, warnings
from pathlib import Path

sys.path.insert(0, str(Path(sys.argv[1]).parent))  # for _roundtrip
spec = importlib.util.spec_from_file_location("hostile", sys.argv[1])
hostile = importlib.util.module_from_spec(spec)
sys.modules["hostile"] = hostile  # dataclasses look their module up there
spec.loader.exec_module(hostile)
trap = hostile.Trap(sentinel="", secret_file=Path(sys.argv[2]), dtd_file=Path(sys.argv[3]),
                    http=sys.argv[4])
cases = list(hostile.all_cases(trap))
warnings.simplefilter("ignore")
for name, data, read in cases:  # warm-up: lazy imports open their modules once
    hostile.run_case(data, read)
events = []
WATCHED = ("open", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
           "urllib.Request", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn")
current = ["?"]

def hook(event, args):
    if event in WATCHED:
        events.append([current[0], event, repr(args)[:200]])

sys.addaudithook(hook)
for name, data, read in cases:
    current[0] = name
    hostile.run_case(data, read)
current[0] = "canary"  # proves the hook sees what it watches
open(sys.argv[2], "rb").close()
import socket
socket.getaddrinfo("127.0.0.1", 9)
print(json.dumps({"cases": len(cases), "events": events}))
"""


def test_no_file_is_read_and_no_connection_is_made(trap: Trap, server: Server) -> None:
    # Audit hooks cannot be removed: a fresh interpreter runs every case under one.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _AUDIT_SCRIPT,
            __file__,
            str(trap.secret_file),
            str(trap.dtd_file),
            trap.http,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["cases"] == len(CARRIERS) * len(ATTACKS) + len(JSON_CASES)
    assert [e for e in report["events"] if e[0] != "canary"] == []
    canary = {(event, args.split(",")[0]) for case, event, args in report["events"]}
    assert ("open", f"({str(trap.secret_file)!r}") in canary
    assert ("socket.getaddrinfo", "('127.0.0.1'") in canary
    assert server.connections == []
