"""Tests for corpus/ingest.py: files, HTML pages and RSS/Atom feeds served from a local HTTP server.

The pages in tests/ingest_fixtures/ are realistic: navigation, cookie banners, ads, related links and
footers around the story; og: tags, <link rel=canonical> and article:published_time in the head. `{{BASE}}`
in a fixture is replaced by the local server's address.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from corpus.dedup import find_duplicate
from corpus.ingest import (
    MIN_FEED_WORDS,
    FetchError,
    FetchResult,
    HttpFetcher,
    IngestReport,
    detect_kind,
    html_to_text,
    ingest,
    make_id,
    render_markdown,
    slugify,
)
from corpus.loader import SHIPPED_DIR, load_articles, parse_article
from corpus.model import Article

FIXTURES = Path(__file__).resolve().parents[1] / "ingest_fixtures"

STORY_URL = "https://www.frontiertechdaily.com/ai/anthropic-hires-priya-raman"
BOILERPLATE = [
    "cookie",
    "Accept all",
    "Subscribe",
    "Newsletters",
    "Advertisement",
    "NimbusCompute",
    "DataCamp",
    "Related stories",
    "retention bonus to research staff",
    "Frontier Briefing",
    "All rights reserved",
    "Privacy policy",
    "Advertise with us",
]


# ----------------------------------------------------------------------------- local HTTP server


@dataclass
class Site:
    base: str
    routes: dict[str, tuple[int, str, bytes]]
    requested: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def _fixture(name: str, base: str) -> bytes:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{{BASE}}", base).encode("utf-8")


def _mirror(base: str) -> bytes:
    """The Frontier story's exact text on another site: no canonical link, other name, other chrome."""
    page = _fixture("story.html", base).decode("utf-8")
    page = "\n".join(
        line
        for line in page.splitlines()
        if 'rel="canonical"' not in line and 'property="og:url"' not in line
    )
    page = page.replace('content="Frontier Tech Daily"', 'content="Scraper Daily"')
    page = page.replace("Frontier Tech Daily", "Scraper Daily")
    return page.encode("utf-8")


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    routes: dict[str, tuple[int, str, bytes]] = {}
    state = Site("", routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requested.append(self.path)
            state.agents.append(self.headers.get("User-Agent", ""))
            path = self.path.split("?", 1)[0]
            if path == "/redirect":
                self.send_response(302)
                self.send_header("Location", "/frontier/story.html")
                self.end_headers()
                return
            status, ctype, body = routes.get(path, (404, "text/html", b"<html><body>Not found</body></html>"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    html_type = "text/html; charset=utf-8"
    routes.update(
        {
            "/frontier/story.html": (200, html_type, _fixture("story.html", state.base)),
            "/ledger/raman.html": (200, html_type, _fixture("story_other_outlet.html", state.base)),
            "/gbw/raman.html": (200, html_type, _fixture("story_syndicated.html", state.base)),
            "/mirror/raman.html": (200, html_type, _mirror(state.base)),
            "/wire/feed.rss": (200, "application/rss+xml", _fixture("feed.rss", state.base)),
            "/wire/xai-hires-kenji-watanabe.html": (
                200,
                html_type,
                _fixture("xai_watanabe.html", state.base),
            ),
            "/moves/feed.atom": (200, "application/atom+xml", _fixture("feed.atom", state.base)),
            "/moves/laura-bianchi-perplexity.html": (200, html_type, _fixture("bianchi.html", state.base)),
            "/notes/baidu.txt": (200, "text/plain; charset=utf-8", _fixture("note.txt", state.base)),
            # Served with the wrong type on purpose: the content decides.
            "/misnamed/feed.html": (200, "text/html", _fixture("feed.atom", state.base)),
            "/huge": (
                200,
                "text/html",
                b"<html><body>" + b"<p>word word word</p>" * 2000 + b"</body></html>",
            ),
        }
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def shipped() -> list[Article]:
    return load_articles([SHIPPED_DIR])


@pytest.fixture()
def dest(tmp_path: Path) -> Path:
    return tmp_path / "incoming"


def _only(report: IngestReport) -> Article:
    assert not report.failed, report.failed
    assert not report.skipped, report.skipped
    assert len(report.articles) == 1, report
    return report.articles[0]


def _moves(article: Article) -> set[tuple[str, str | None, str]]:
    return {(m.person, m.from_, m.to) for m in article.moves}


# ----------------------------------------------------------------------------- HTML pages


def test_html_page_main_text_and_metadata(site: Site, dest: Path, shipped: list[Article]) -> None:
    report = ingest([site.url("/frontier/story.html")], dest, shipped)
    article = _only(report)
    assert article.title == "Anthropic hires DeepMind's Priya Raman to lead interpretability"
    assert article.publisher == "Frontier Tech Daily"
    assert article.published == dt.date(2026, 4, 14)
    assert article.url == STORY_URL  # the canonical URL, not the address it was fetched from
    assert article.author == "Helen Marsh"
    assert article.tags == ()
    assert article.body.startswith("Anthropic has hired Priya Raman from Google DeepMind")
    assert "fewer than a hundred people worldwide have led comparable teams" in article.body
    for junk in BOILERPLATE:
        assert junk not in article.body, junk
    assert ("Priya Raman", "Google DeepMind", "Anthropic") in _moves(article)
    assert "Priya Raman" in article.people
    assert {"Anthropic", "Google DeepMind"} <= set(article.companies)
    assert article.id.startswith("2026-04-anthropic-hires-deepminds-priya-raman")
    assert len(article.id.removeprefix("2026-04-")) <= 60
    assert report.added == [article.id]
    assert (dest / f"{article.id}.md").is_file()
    assert article.path == dest / f"{article.id}.md"


def test_redirects_are_followed(site: Site, dest: Path) -> None:
    article = _only(ingest([site.url("/redirect")], dest, []))
    assert article.url == STORY_URL


def test_written_files_load_and_never_touch_the_shipped_corpus(site: Site, dest: Path) -> None:
    shipped_before = sorted(p.name for p in SHIPPED_DIR.iterdir())
    report = ingest(
        [
            site.url("/frontier/story.html"),
            site.url("/ledger/raman.html"),
            site.url("/wire/feed.rss"),
            str(FIXTURES / "note.txt"),
            str(FIXTURES / "front_matter.md"),
        ],
        dest,
        [],
    )
    assert len(report.added) == 6, report
    loaded = load_articles([dest])
    assert sorted(a.id for a in loaded) == sorted(report.added)
    assert {a.id: a for a in loaded} == {a.id: a for a in report.articles}
    assert sorted(p.name for p in SHIPPED_DIR.iterdir()) == shipped_before
    assert not [p for p in dest.iterdir() if not p.name.endswith(".md")]  # no temporary files left
    for path in dest.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\nid: ")
        assert parse_article(text, path) == next(a for a in loaded if a.path == path)


def test_refuses_to_write_into_the_shipped_corpus(site: Site) -> None:
    with pytest.raises(ValueError, match="shipped corpus"):
        ingest([site.url("/frontier/story.html")], SHIPPED_DIR, [])
    with pytest.raises(ValueError, match="shipped corpus"):
        ingest([site.url("/frontier/story.html")], SHIPPED_DIR / "sub", [])


# ----------------------------------------------------------------------------- duplicates


def test_same_url_twice_is_skipped(site: Site, dest: Path, shipped: list[Article]) -> None:
    first = _only(ingest([site.url("/frontier/story.html")], dest, shipped))
    # Again in a later run: the page's canonical URL is already known.
    again = ingest([site.url("/frontier/story.html")], dest, [*shipped, first])
    assert again.added == []
    assert [(s.reason, s.duplicate_of) for s in again.skipped] == [("same URL", first.id)]
    assert again.skipped[0].source == site.url("/frontier/story.html")
    # Within one run, and with tracking parameters and another scheme on the known URL: not even fetched.
    before = len(site.requested)
    tracked = STORY_URL.replace("https://www.", "http://") + "?utm_source=twitter&utm_medium=social#comments"
    third = ingest([tracked], dest, [first])
    assert [(s.reason, s.duplicate_of) for s in third.skipped] == [("same URL", first.id)]
    assert len(site.requested) == before
    assert sorted(p.name for p in dest.iterdir()) == [f"{first.id}.md"]


def test_same_url_within_one_run(site: Site, dest: Path) -> None:
    report = ingest([site.url("/frontier/story.html"), site.url("/redirect")], dest, [])
    assert len(report.added) == 1
    assert [(s.source, s.reason, s.duplicate_of) for s in report.skipped] == [
        (site.url("/redirect"), "same URL", report.added[0])
    ]


def test_same_text_under_another_url(site: Site, dest: Path) -> None:
    report = ingest([site.url("/frontier/story.html"), site.url("/mirror/raman.html")], dest, [])
    assert len(report.added) == 1
    assert [(s.reason, s.duplicate_of) for s in report.skipped] == [("same text", report.added[0])]


def test_syndicated_copy_on_another_host_is_a_near_duplicate(
    site: Site, dest: Path, shipped: list[Article]
) -> None:
    original = _only(ingest([site.url("/frontier/story.html")], dest, shipped))
    report = ingest([site.url("/gbw/raman.html")], dest, [*shipped, original])
    assert report.added == []
    assert [(s.source, s.reason, s.duplicate_of) for s in report.skipped] == [
        (site.url("/gbw/raman.html"), "near-duplicate", original.id)
    ]


def test_independent_articles_on_the_same_event_are_both_added(
    site: Site, dest: Path, shipped: list[Article]
) -> None:
    report = ingest([site.url("/frontier/story.html"), site.url("/ledger/raman.html")], dest, shipped)
    assert len(report.added) == 2, report
    assert not report.skipped
    frontier, ledger = report.articles
    assert ledger.publisher == "The Silicon Ledger"
    assert ledger.url == "https://siliconledger.net/2026/04/15/priya-raman-deepmind-anthropic/"
    assert ledger.published == dt.date(2026, 4, 15)
    assert ledger.author == "Tom Okoye"
    # Both report the same move, in their own words.
    assert ("Priya Raman", "Google DeepMind", "Anthropic") in _moves(frontier) & _moves(ledger)
    assert find_duplicate(ledger, [frontier]) is None


# ----------------------------------------------------------------------------- feeds


def test_rss_feed_full_content_and_linked_page(site: Site, dest: Path, shipped: list[Article]) -> None:
    site.requested.clear()
    report = ingest([site.url("/wire/feed.rss")], dest, shipped)
    assert len(report.added) == 2, report
    mistral, xai = report.articles

    # Entry 1 carries its full text in content:encoded: used as is, the link is never fetched.
    assert mistral.title == "Mistral AI hires Meta's Tomas Lindqvist as chief scientist"
    assert mistral.publisher == "AI Talent Wire"  # the feed's title
    assert mistral.published == dt.date(2026, 4, 12)
    assert mistral.author == "Ines Vidal"
    assert mistral.url == site.url("/wire/mistral-hires-tomas-lindqvist.html")  # tracking parameters dropped
    assert len(mistral.body.split()) >= MIN_FEED_WORDS
    assert "<p>" not in mistral.body and "\n\n" in mistral.body
    assert ("Tomas Lindqvist", "Meta", "Mistral AI") in _moves(mistral)
    assert not any(p.startswith("/wire/mistral") for p in site.requested)

    # Entry 2 has only a teaser: the linked page is fetched and its main text extracted.
    assert "/wire/xai-hires-kenji-watanabe.html" in site.requested
    assert xai.title == "xAI poaches OpenAI inference engineer Kenji Watanabe"
    assert xai.publisher == "AI Talent Wire"
    assert xai.published == dt.date(2026, 4, 13)
    assert xai.body.startswith("Former OpenAI engineer Kenji Watanabe has joined xAI")
    for junk in ("About the wire", "Cookies help us", "More from the wire", "Tips:"):
        assert junk not in xai.body
    assert ("Kenji Watanabe", "OpenAI", "xAI") in _moves(xai)

    # Entry 3 has a teaser and a dead link: reported, and the others still added.
    assert [(f.source, f.reason) for f in report.failed] == [
        (site.url("/wire/removed-story.html"), "HTTP 404 Not Found")
    ]


def test_atom_feed_full_content_and_linked_page(site: Site, dest: Path, shipped: list[Article]) -> None:
    site.requested.clear()
    report = ingest([site.url("/moves/feed.atom")], dest, shipped)
    assert not report.failed and not report.skipped, report
    cohere, bianchi = report.articles
    assert cohere.title == "Cohere poaches Amara Okafor from Microsoft Research"
    assert cohere.publisher == "Research Moves"
    assert cohere.published == dt.date(2026, 4, 8)  # <published>, not <updated>
    assert cohere.author == "Sam Whitaker"
    assert cohere.url == site.url("/moves/cohere-amara-okafor.html")
    assert ("Amara Okafor", "Microsoft Research", "Cohere") in _moves(cohere)
    assert "/moves/cohere-amara-okafor.html" not in site.requested

    assert "/moves/laura-bianchi-perplexity.html" in site.requested
    assert bianchi.published == dt.date(2026, 4, 9)  # only <updated>
    assert bianchi.publisher == "Research Moves"  # the page names no site: the feed's title
    assert "All moves" not in bianchi.body and "Unsubscribe" not in bianchi.body
    assert ("Laura Bianchi", "Apple", "Perplexity") in _moves(bianchi)
    assert [m.date for m in bianchi.moves] == ["2026-04"]


def test_feed_entries_already_known_are_skipped_without_fetching(site: Site, dest: Path) -> None:
    first = ingest([site.url("/wire/feed.rss")], dest, [])
    site.requested.clear()
    again = ingest([site.url("/wire/feed.rss")], dest, first.articles)
    assert again.added == []
    assert sorted((s.reason, s.duplicate_of) for s in again.skipped) == sorted(
        ("same URL", a.id) for a in first.articles
    )
    assert site.requested.count("/wire/xai-hires-kenji-watanabe.html") == 0


def test_kind_is_detected_by_content_not_by_name(site: Site, dest: Path, tmp_path: Path) -> None:
    assert detect_kind((FIXTURES / "feed.rss").read_bytes()) == "feed"
    assert detect_kind((FIXTURES / "feed.atom").read_bytes(), "text/html") == "feed"
    assert detect_kind((FIXTURES / "story.html").read_bytes(), "text/plain") == "html"
    assert detect_kind(b"<p>A fragment of <b>HTML</b></p>") == "html"
    assert detect_kind((FIXTURES / "front_matter.md").read_bytes()) == "markdown"
    assert detect_kind((FIXTURES / "note.txt").read_bytes()) == "text"
    assert detect_kind(b"# A heading\n\nMarkdown without front matter is text.") == "text"
    # An Atom feed served as text/html, and an HTML page saved as .txt.
    page = tmp_path / "saved-page.txt"
    page.write_bytes((FIXTURES / "story_other_outlet.html").read_bytes())
    report = ingest([site.url("/misnamed/feed.html"), str(page)], dest, [])
    assert len(report.added) == 3, report
    assert {a.publisher for a in report.articles} == {"Research Moves", "The Silicon Ledger"}


# ----------------------------------------------------------------------------- files


def test_plain_text_file(dest: Path, tmp_path: Path) -> None:
    note = tmp_path / "baidu-note.txt"
    note.write_bytes((FIXTURES / "note.txt").read_bytes())
    os.utime(note, (dt.datetime(2026, 3, 20, 12).timestamp(),) * 2)
    article = _only(ingest([str(note)], dest, []))
    assert article.title == "Baidu hires Alibaba cloud veteran Chen Jing to run its model platform"
    assert article.publisher == "Local file"
    assert article.url.startswith("https://local.invalid/") and article.url.endswith("/baidu-note.txt")
    assert article.published == dt.date(2026, 3, 20)
    assert article.id == "2026-03-baidu-hires-alibaba-cloud-veteran-chen-jing-to-run-its-model"
    assert article.body.startswith("Baidu has hired Chen Jing from Alibaba Cloud")
    assert ("Chen Jing", "Alibaba Cloud", "Baidu") in _moves(article)


def test_plain_text_url(site: Site, dest: Path) -> None:
    article = _only(ingest([site.url("/notes/baidu.txt")], dest, []))
    assert article.publisher == "127.0.0.1"
    assert article.url == site.url("/notes/baidu.txt")
    assert article.published == dt.date.today()


def test_markdown_front_matter_keeps_its_fields(dest: Path) -> None:
    article = _only(ingest([str(FIXTURES / "front_matter.md")], dest, []))
    assert article.id == "2026-04-samsung-hires-park-min-jun"
    assert article.title == "Samsung hires Naver's Park Min-jun to lead on-device AI"
    assert article.publisher == "Seoul Tech Review"
    assert article.author == "Kim Ha-eun"
    assert article.tags == ("korea", "hiring")
    assert article.published == dt.date(2026, 4, 3)
    # It had no moves: they are extracted, and companies/people filled from them.
    assert ("Park Min-jun", "Naver", "Samsung") in _moves(article)
    assert article.people == ("Park Min-jun",)
    assert set(article.companies) == {"Naver", "Samsung"}


def test_shipped_article_file_is_a_duplicate_of_itself(dest: Path, shipped: list[Article]) -> None:
    path = SHIPPED_DIR / "2025-06-meta-signs-four-openai-researchers.md"
    report = ingest([str(path)], dest, shipped)
    assert [(s.reason, s.duplicate_of) for s in report.skipped] == [
        ("same URL", "2025-06-meta-signs-four-openai-researchers")
    ]


def test_a_directory_is_read_file_by_file(dest: Path, tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    for name in ("note.txt", "front_matter.md", "broken.md"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    report = ingest([str(folder)], dest, [])
    assert len(report.added) == 2
    assert [Path(f.source).name for f in report.failed] == ["broken.md"]


def test_same_title_same_month_gets_a_hash_suffix(dest: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(
        "Meta hires a researcher\n\nMeta has hired Ana Souza from Google as a research scientist.\n"
    )
    second.write_text(
        "Meta hires a researcher\n\nMeta has hired Bruno Lima from Amazon to lead its robotics team.\n"
    )
    for path in (first, second):
        os.utime(path, (dt.datetime(2026, 2, 2).timestamp(),) * 2)
    report = ingest([str(first), str(second)], dest, [])
    assert report.added[0] == "2026-02-meta-hires-a-researcher"
    assert report.added[1].startswith("2026-02-meta-hires-a-researcher-") and len(report.added[1]) == 36
    # A file already in dest_dir (from an earlier run) also reserves its id.
    third = tmp_path / "c.txt"
    third.write_text("Meta hires a researcher\n\nMeta has hired Carla Dias from Apple as a designer.\n")
    os.utime(third, (dt.datetime(2026, 2, 2).timestamp(),) * 2)
    later = ingest([str(third)], dest, [])
    assert later.added[0] not in report.added
    assert len(load_articles([dest])) == 3


# ----------------------------------------------------------------------------- failures


def test_bad_sources_are_reported_and_the_others_added(
    site: Site, dest: Path, shipped: list[Article]
) -> None:
    sources = [
        str(FIXTURES / "broken.md"),
        "http://127.0.0.1:1/unreachable",
        site.url("/no/such/page.html"),
        str(FIXTURES / "does-not-exist.txt"),
        "ftp://example.com/file.txt",
        site.url("/frontier/story.html"),
        str(FIXTURES / "note.txt"),
        str(FIXTURES / "front_matter.md"),
    ]
    report = ingest(sources, dest, shipped)
    assert len(report.added) == 3, report
    reasons = {f.source: f.reason for f in report.failed}
    assert list(reasons) == sources[:5]
    assert "front matter" in reasons[sources[0]] and "invalid YAML" in reasons[sources[0]]
    assert reasons[sources[1]].startswith("network error: ConnectError")
    assert reasons[sources[2]] == "HTTP 404 Not Found"
    assert reasons[sources[3]] == "no such file"
    assert "unsupported URL scheme" in reasons[sources[4]]
    assert len(load_articles([dest])) == 3


def test_binary_and_empty_inputs_fail(dest: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    title_only = tmp_path / "title.txt"
    title_only.write_text("Just a title\n")
    no_text = tmp_path / "nav.html"
    no_text.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    report = ingest([str(pdf), str(empty), str(title_only), str(no_text)], dest, [])
    assert report.added == []
    reasons = [f.reason for f in report.failed]
    assert reasons == [
        "unsupported content: binary data, not text, HTML or a feed",
        "the file is empty",
        "no text after the title line",
        "no article text found in the page (only 1 word)",
    ]


def test_custom_fetch_errors_are_caught_per_source(dest: Path) -> None:
    calls: list[str] = []

    def fetch(url: str) -> FetchResult:
        calls.append(url)
        if "bad" in url:
            raise FetchError("network error: simulated outage")
        if "boom" in url:
            raise RuntimeError("unexpected")
        page = (FIXTURES / "story_other_outlet.html").read_bytes()
        return FetchResult(url=url, content=page, content_type="text/html")

    report = ingest(
        ["https://bad.example.com/a", "https://boom.example.com/b", "https://ok.example.com/c"],
        dest,
        [],
        fetch,
    )
    assert calls == ["https://bad.example.com/a", "https://boom.example.com/b", "https://ok.example.com/c"]
    assert [f.reason for f in report.failed] == [
        "network error: simulated outage",
        "RuntimeError: unexpected",
    ]
    assert len(report.added) == 1


def test_http_fetcher_limits_size_and_sends_user_agent(site: Site) -> None:
    site.agents.clear()
    with HttpFetcher(max_bytes=10_000) as fetcher:
        with pytest.raises(FetchError, match="too large"):
            fetcher(site.url("/huge"))
        result = fetcher(site.url("/redirect"))
    assert result.status == 200
    assert result.url == site.url("/frontier/story.html")
    assert b"Priya Raman" in result.content
    assert result.content_type.startswith("text/html")
    assert set(site.agents) == {"TalentBot/0.1"}


# ----------------------------------------------------------------------------- helpers


def test_slug_and_id() -> None:
    assert slugify("Meta's $100M offers: what Altman said") == "metas-100m-offers-what-altman-said"
    assert slugify("Yann LeCun quitte Meta pour AMI Labs — la fin d'une ère") == (
        "yann-lecun-quitte-meta-pour-ami-labs-la-fin-dune-ere"
    )
    long = slugify("word " * 40)
    assert len(long) <= 60 and not long.endswith("-")
    day = dt.date(2026, 1, 5)
    assert make_id(day, "阿里巴巴招聘", "https://x.cn/a") == "2026-01-article"
    taken = {"2026-01-article"}
    assert make_id(day, "阿里巴巴招聘", "https://x.cn/a", taken).startswith("2026-01-article-")


def test_html_to_text() -> None:
    fragment = (
        "<p>One &amp; two.</p><script>var x = 1;</script><ul><li>three</li><li>four</li></ul>five<br>six"
    )
    assert html_to_text(fragment) == "One & two.\n\nthree\n\nfour\n\nfive\n\nsix"


def test_render_markdown_round_trips_shipped_articles(shipped: list[Article], tmp_path: Path) -> None:
    for article in shipped:
        text = render_markdown(article)
        again = parse_article(text, tmp_path / f"{article.id}.md")
        assert again.model_dump(exclude={"path"}) == article.model_dump(exclude={"path"}), article.id


def test_articles_already_in_dest_dir_count_as_existing(site: Site, dest: Path) -> None:
    first = _only(ingest([site.url("/frontier/story.html")], dest, []))
    again = ingest([site.url("/gbw/raman.html"), site.url("/frontier/story.html")], dest, [])
    assert again.added == []
    assert [(s.reason, s.duplicate_of) for s in again.skipped] == [
        ("near-duplicate", first.id),
        ("same URL", first.id),
    ]
    assert (dest / f"{first.id}.md").stat().st_mode & 0o777 == 0o644


def test_local_feed_entries_without_links_get_their_own_urls(dest: Path, tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Weekly digest number {n}</title><pubDate>Mon, 0{n} Mar 2026 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{' '.join(f'note{n}x{i}' for i in range(90))}</p>]]></description></item>"
        for n in (1, 2)
    )
    feed = tmp_path / "digest.xml"
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Digest</title>{items}</channel></rss>'
    )
    report = ingest([str(feed)], dest, [])
    assert len(report.added) == 2, report
    assert len({a.url for a in report.articles}) == 2
    assert all(
        a.url.startswith("https://local.invalid/") and a.publisher == "Digest" for a in report.articles
    )


def test_markdown_with_unclosed_front_matter_fails(dest: Path, tmp_path: Path) -> None:
    bad = tmp_path / "unclosed.md"
    bad.write_text("---\nid: 2026-01-x\ntitle: No closing line\n\nBody text.\n")
    report = ingest([str(bad)], dest, [])
    assert report.added == []
    assert [f.source for f in report.failed] == [str(bad)]
    assert "front matter" in report.failed[0].reason


def test_a_feed_summary_stands_in_for_a_page_that_cannot_be_had(
    site: Site, dest: Path, tmp_path: Path
) -> None:
    """A paywalled or removed page must not lose the story when the feed's own summary says who moved where;
    a one-line teaser with a dead link is still reported as failed."""
    summary = (
        "Paris-based Mistral AI has hired Lena Hartwig, a senior research scientist at Google DeepMind, to run "
        "its new reasoning team, the company said on Monday. Hartwig spent six years at DeepMind working on "
        "planning and search, and Mistral has been recruiting in London and Zurich."
    )
    feed = tmp_path / "paywalled.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Paywalled Tech</title>'
        f"<item><title>Mistral hires DeepMind's Lena Hartwig</title><link>{site.url('/gone/hartwig')}</link>"
        f"<pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate><description>{summary}</description></item>"
        f"<item><title>A teaser</title><link>{site.url('/gone/teaser')}</link>"
        "<description>Read all about it.</description></item></channel></rss>",
        encoding="utf-8",
    )

    report = ingest([str(feed)], dest, [])

    [article] = report.articles
    assert article.url == site.url("/gone/hartwig") and article.publisher == "Paywalled Tech"
    assert article.body == summary and article.published == dt.date(2026, 11, 23)
    assert ("Lena Hartwig", "Google DeepMind", "Mistral AI") in _moves(article)
    assert [(f.source, f.reason) for f in report.failed] == [(site.url("/gone/teaser"), "HTTP 404 Not Found")]
