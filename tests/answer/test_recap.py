"""The weekly recap: which articles and moves it lists, its fallback week, and its text and HTML forms."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from answer.moves import collect_moves
from answer.recap import MAX_ITEMS, Recap, build_recap, recap_text
from bot.render import TELEGRAM_LIMIT, recap_html
from corpus.model import Article, Move
from tests.conftest import FIXED_TODAY
from tests.fake_telegram import parse_html, utf16_len

TODAY = FIXED_TODAY  # Monday 23 Nov 2026: the requested week is 16-22 Nov 2026


def days_ago(n: int, today: dt.date = TODAY) -> dt.date:
    return today - dt.timedelta(days=n)


def article(
    article_id: str,
    published: dt.date,
    title: str | None = None,
    moves: Sequence[Move] = (),
    publisher: str = "Example News",
    url: str | None = None,
) -> Article:
    return Article(
        id=article_id,
        title=title or f"Story {article_id}",
        publisher=publisher,
        url=url or f"https://example.com/{article_id}",
        published=published,
        body="Some text about the AI talent war.",
        moves=tuple(moves),
    )


def move(
    person: str, to: str, from_: str | None = None, role: str | None = None, date: str | None = None
) -> Move:
    return Move.model_validate({"person": person, "from": from_, "to": to, "role": role, "date": date})


def link_urls(html: str) -> list[str]:
    _, entities = parse_html(html)
    return [str(e["url"]) for e in entities if e["type"] == "text_link"]


# ------------------------------------------------------------------------------------- which articles


def test_lists_the_seven_days_before_the_recap_day_newest_first() -> None:
    articles = [article(f"story-{n}", days_ago(n)) for n in (3, 1, 7, 5, 2, 6, 4)]
    articles += [article("recap-day", TODAY), article("eight-days-ago", days_ago(8))]

    recap = build_recap(articles, TODAY)

    assert [a.id for a in recap.articles] == [f"story-{n}" for n in range(1, 8)]
    assert recap.current
    assert (recap.start, recap.end) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    text = recap_text(recap)
    assert "16 Nov – 22 Nov 2026" in text
    assert "Articles (7):" in text
    positions = [
        text.index(f"Story story-{n} (Example News) https://example.com/story-{n}") for n in range(1, 8)
    ]
    assert positions == sorted(positions)
    assert "recap-day" not in text and "eight-days-ago" not in text
    assert link_urls(recap_html(recap)) == [f"https://example.com/story-{n}" for n in range(1, 8)]


def test_same_day_articles_all_listed_and_recap_day_excluded() -> None:
    articles = [article("b-story", days_ago(1)), article("a-story", days_ago(1)), article("today", TODAY)]

    recap = build_recap(articles, TODAY)

    assert {a.id for a in recap.articles} == {"a-story", "b-story"}
    assert "Story today" not in recap_text(recap)


def test_quiet_week_falls_back_to_most_recent_week_with_articles_and_says_so() -> None:
    articles = [
        article("latest-older", dt.date(2026, 11, 3)),
        article("same-week", dt.date(2026, 10, 28)),
        article("week-before", dt.date(2026, 10, 27)),
        article("on-recap-day", TODAY),  # not part of the requested week, and no reason to fall back to it
    ]

    recap = build_recap(articles, TODAY)

    assert not recap.current
    assert (recap.start, recap.end) == (dt.date(2026, 10, 28), dt.date(2026, 11, 3))
    assert [a.id for a in recap.articles] == ["latest-older", "same-week"]
    text = recap_text(recap)
    assert "No new articles in 16 Nov – 22 Nov 2026." in text
    assert "most recent week that has articles (28 Oct – 03 Nov 2026)" in text
    assert text.splitlines()[0] == "AI talent war — weekly recap, 28 Oct – 03 Nov 2026"
    plain, _ = parse_html(recap_html(recap))
    assert "No new articles in 16 Nov – 22 Nov 2026." in plain
    assert "(28 Oct – 03 Nov 2026)" in plain
    assert "Story week-before" not in plain and "Story on-recap-day" not in plain


def test_current_week_has_no_fallback_note() -> None:
    recap = build_recap([article("fresh", days_ago(2)), article("old", days_ago(40))], TODAY)

    text = recap_text(recap)
    assert "No new articles" not in text
    assert "Story old" not in text


def test_period_spanning_new_year_names_both_years() -> None:
    today = dt.date(2027, 1, 3)
    recap = build_recap([article("new-year", dt.date(2026, 12, 31))], today)

    assert "weekly recap, 27 Dec 2026 – 02 Jan 2027" in recap_text(recap)


def test_empty_corpus() -> None:
    recap = build_recap([], TODAY)

    assert recap.articles == () and recap.moves == ()
    text = recap_text(recap)
    assert "No articles in 16 Nov – 22 Nov 2026, and none before it." in text
    assert "No talent moves reported in these articles." in text
    assert "Articles (" not in text
    plain, _ = parse_html(recap_html(recap))
    assert "No articles in 16 Nov – 22 Nov 2026, and none before it." in plain
    assert "/unsubscribe" in plain


def test_only_articles_after_the_week_counts_as_empty() -> None:
    recap = build_recap([article("on-recap-day", TODAY)], TODAY)

    assert recap.articles == ()
    assert "and none before it" in recap_text(recap)


# ----------------------------------------------------------------------------------------------- moves


def test_moves_among_the_weeks_articles_are_listed() -> None:
    pang = move("Ruoming Pang", "Meta", from_="Apple", role="researcher", date="2026-11")
    old = move("Tan Xu", "Moonshot AI", from_="Microsoft Research Asia", date="2026-10")
    articles = [
        article("this-week", days_ago(2), moves=[pang]),
        article("last-month", days_ago(30), moves=[old]),
    ]

    recap = build_recap(articles, TODAY)

    assert [r.move.person for r in recap.moves] == ["Ruoming Pang"]
    text = recap_text(recap)
    assert "Talent moves (1):\n- Ruoming Pang: Apple → Meta, researcher (2026-11)" in text
    assert "Tan Xu" not in text
    plain, entities = parse_html(recap_html(recap))
    assert "Ruoming Pang: Apple → Meta, researcher" in plain
    assert "Tan Xu" not in plain
    bold = [plain[e["offset"] : e["offset"] + e["length"]] for e in entities if e["type"] == "bold"]
    assert "Ruoming Pang" in bold


def test_moves_newest_first() -> None:
    articles = [
        article("one", days_ago(3), moves=[move("Early Person", "Meta", date="2026-11-02")]),
        article("two", days_ago(2), moves=[move("Late Person", "OpenAI", date="2026-11-20")]),
    ]

    text = recap_text(build_recap(articles, TODAY))

    assert text.index("Late Person") < text.index("Early Person")


def test_a_move_reported_by_two_articles_appears_once() -> None:
    articles = [
        article(
            "first-report", days_ago(5), moves=[move("Ruoming Pang", "Meta", from_="Apple", date="2026-11")]
        ),
        article(
            "second-report",
            days_ago(2),
            moves=[move("Ruoming Pang", "Meta", from_="Apple", role="researcher", date="2026-11-17")],
        ),
    ]

    recap = build_recap(articles, TODAY)

    assert len(recap.moves) == 1
    (recorded,) = recap.moves
    assert recorded.article_id == "first-report"
    assert recorded.move.date == "2026-11-17"
    text = recap_text(recap)
    assert "Talent moves (1):" in text
    assert text.count("Ruoming Pang") == 1
    plain, _ = parse_html(recap_html(recap))
    assert plain.count("Ruoming Pang") == 1
    assert "Articles (2)" in plain


def test_no_moves_says_so() -> None:
    recap = build_recap([article("quiet", days_ago(1))], TODAY)

    assert "No talent moves reported in these articles." in recap_text(recap)
    plain, _ = parse_html(recap_html(recap))
    assert "No talent moves reported in these articles." in plain


# ---------------------------------------------------------------------------------- syndicated copies


def test_syndicated_copies_are_not_listed_twice() -> None:
    title = "Meta hires Apple's Ruoming Pang"
    pang = move("Ruoming Pang", "Meta", from_="Apple", date="2026-11")
    original = article("original", days_ago(4), title=title, moves=[pang], publisher="Bloomberg")
    copy = article("copy", days_ago(3), title=title, moves=[pang], publisher="Yahoo Finance")
    other = article("other", days_ago(2))

    recap = build_recap([copy, original, other], TODAY, canonical={"copy": "original"})

    assert [a.id for a in recap.articles] == ["other", "original"]
    text = recap_text(recap)
    assert text.count(title) == 1
    assert "Yahoo Finance" not in text
    assert "Articles (2):" in text
    assert text.count("Ruoming Pang: Apple → Meta") == 1
    html = recap_html(recap)
    assert link_urls(html) == ["https://example.com/other", "https://example.com/original"]


def test_without_a_canonical_map_both_copies_are_listed() -> None:
    title = "Meta hires Apple's Ruoming Pang"
    articles = [article("original", days_ago(4), title=title), article("copy", days_ago(3), title=title)]

    assert recap_text(build_recap(articles, TODAY)).count(title) == 2


# ------------------------------------------------------------------------------------------ text form


def test_recap_text_lines_and_overflow_note() -> None:
    articles = [
        article(f"story-{i:02d}", days_ago(1 + i % 7), publisher=f"Publisher {i}")
        for i in range(MAX_ITEMS + 5)
    ]

    recap = build_recap(articles, TODAY)
    lines = recap_text(recap).splitlines()

    assert lines[0] == "AI talent war — weekly recap, 16 Nov – 22 Nov 2026"
    assert f"Articles ({MAX_ITEMS + 5}):" in lines
    listed = [line for line in lines if re.match(r"- \d\d \w{3}: ", line)]
    assert len(listed) == MAX_ITEMS
    newest = recap.articles[0]
    assert listed[0] == (f"- {newest.published:%d %b}: {newest.title} ({newest.publisher}) {newest.url}")
    assert "- …and 5 more" in lines


def test_both_forms_list_the_same_capped_items_and_count_the_rest() -> None:
    articles = [
        article(
            f"story-{i:02d}", days_ago(1 + i % 7), moves=[move(f"Person {i:02d}", "Meta", date="2026-11")]
        )
        for i in range(MAX_ITEMS + 3)
    ]

    recap = build_recap(articles, TODAY)
    text = recap_text(recap)
    plain, _ = parse_html(recap_html(recap))

    listed_in_text = re.findall(r"^- \d\d \w{3}: .* (https://\S+)$", text, flags=re.MULTILINE)
    assert listed_in_text == link_urls(recap_html(recap))
    assert len(listed_in_text) == MAX_ITEMS
    assert "- …and 3 more\n" in text and "…and 3 more\n" in plain
    moves_in_text = re.findall(r"^- (Person \d\d):", text, flags=re.MULTILINE)
    assert moves_in_text == re.findall(r"^• (Person \d\d):", plain, flags=re.MULTILINE)
    assert len(moves_in_text) == MAX_ITEMS
    assert text.endswith("- …and 3 more moves") and "…and 3 more moves" in plain


def test_the_longest_items_of_the_shipped_corpus_fit_one_message_uncut(
    shipped_articles: list[Article],
) -> None:
    """Why MAX_ITEMS is what it is: a full week of the longest lines still fits Telegram's limit."""
    articles = sorted(shipped_articles, key=lambda a: len(a.title) + len(a.url) + len(a.publisher))[
        -MAX_ITEMS:
    ]
    moves = sorted(
        collect_moves(shipped_articles),
        key=lambda r: sum(len(x or "") for x in (r.move.person, r.move.from_, r.move.to, r.move.role)),
    )[-MAX_ITEMS:]
    start, end = days_ago(7), days_ago(1)
    recap = Recap(start, end, tuple(articles), tuple(moves), True, start, end)

    html = recap_html(recap)

    assert utf16_len(html) <= TELEGRAM_LIMIT
    assert len(link_urls(html)) == MAX_ITEMS and "…and" not in html


# ------------------------------------------------------------------------------------------ HTML form


def test_recap_html_escapes_text_and_links_each_article() -> None:
    title = 'Meta & <OpenAI> fight over "talent"'
    url = "https://example.com/story?a=1&b='x'"
    pang = move("A <b>Person</b>", "R&D Lab", from_='"Big" Co', role="head of <AI>")
    recap = build_recap(
        [article("story", days_ago(1), title=title, url=url, publisher="P & Q", moves=[pang])], TODAY
    )

    html = recap_html(recap)
    plain, entities = parse_html(html)

    assert f"{title} (P & Q)" in plain
    assert 'A <b>Person</b>: "Big" Co → R&D Lab, head of <AI>' in plain
    links = [e for e in entities if e["type"] == "text_link"]
    assert len(links) == 1
    assert links[0]["url"] == url
    assert plain[links[0]["offset"] : links[0]["offset"] + links[0]["length"]] == title


def test_recap_html_with_200_long_titled_articles_fits_telegram() -> None:
    titles = [
        f"Story {i}: <script>alert('x')</script> & 'quotes' \"too\" > less < 🤖🚀 " + "𝔸" * 120
        for i in range(200)
    ]
    articles = [
        article(
            f"story-{i:03d}",
            days_ago(1 + i % 7),
            title=titles[i],
            url=f'https://example.com/story?id={i}&ref="feed"',
            publisher="Ex & <Co> 📰",
            moves=[move(f"Person {i} 🤖", "<New> & Co", from_="Old & Co", role="R&D 🚀", date="2026-11")],
        )
        for i in range(200)
    ]

    recap = build_recap(articles, TODAY)
    html = recap_html(recap)
    plain, entities = parse_html(html)

    assert utf16_len(html) <= TELEGRAM_LIMIT
    assert utf16_len(plain) <= TELEGRAM_LIMIT
    assert html.startswith("<b>AI talent war — weekly recap, 16 Nov – 22 Nov 2026</b>")
    assert "Articles (200)" in plain
    newest = recap.articles[0]
    assert f"{newest.title} (Ex & <Co> 📰)" in plain
    assert plain.rstrip().endswith("/unsubscribe to stop these messages.")
    links = [e for e in entities if e["type"] == "text_link"]
    assert 1 <= len(links) < MAX_ITEMS  # cut by length: not even MAX_ITEMS fit
    assert links[0]["url"] == newest.url
    # The note counts the articles left out; the moves section is never dropped to make room.
    more = re.search(r"…and (\d+) more\n", plain)
    assert more is not None
    assert len(links) + int(more.group(1)) == len(recap.articles)
    assert "Talent moves (200)" in plain and "…and 190 more moves" in plain


def test_recap_html_of_a_normal_week_is_not_cut() -> None:
    articles = [
        article(f"story-{i}", days_ago(1 + i % 7), moves=[move(f"Person {i}", "Meta", date="2026-11")])
        for i in range(5)
    ]

    plain, entities = parse_html(recap_html(build_recap(articles, TODAY)))

    assert "…and" not in plain
    assert len([e for e in entities if e["type"] == "text_link"]) == 5
    assert all(f"Person {i}: joined Meta" in plain for i in range(5))


def test_background_moves_recalled_by_the_weeks_articles_are_not_news() -> None:
    story = article(
        "story-1",
        days_ago(2),
        moves=[
            move("New Hire", "ByteDance", from_="Alibaba", date="2026-11"),
            move("Old Hire", "ByteDance", from_="Alibaba", date="2024-07"),
            move("Undated Hire", "Tencent"),
        ],
    )
    recap = build_recap([story], TODAY)
    assert [r.move.person for r in recap.moves] == ["New Hire", "Undated Hire"]
    assert "Old Hire" not in recap_text(recap)


def test_a_departure_reads_left_x_in_text_and_html() -> None:
    moves = [
        Move.model_validate({"person": "Ana Ruiz", "from": "OpenAI", "to": "Meta"}),
        Move.model_validate({"person": "Ben Low", "from": "Apple", "to": None, "date": "2026-11"}),
    ]
    recap = build_recap([article("moves-week", days_ago(2), moves=moves)], TODAY)

    text = recap_text(recap)
    assert "- Ana Ruiz: OpenAI → Meta" in text
    assert "- Ben Low: left Apple (2026-11)" in text
    assert "None" not in text
    plain, _ = parse_html(recap_html(recap))
    assert "Ben Low: left Apple" in plain and "None" not in plain
