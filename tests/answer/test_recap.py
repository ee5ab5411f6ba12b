"""The weekly recap, composed: which articles and moves it covers, its cited TL;DR and takeaways, its talent
flows, a quiet week's one line, and its plain-text form (`recap preview`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from answer.recap import FLOW_DAYS, MAX_ITEMS, TAKEAWAYS, TLDR_SENTENCES, build_recap, recap_text
from corpus.model import Article, Move
from corpus.text import split_sentences
from tests.conftest import FIXED_TODAY

TODAY = FIXED_TODAY  # Monday 23 Nov 2026: the week is 16-22 Nov 2026


def days_ago(n: int, today: dt.date = TODAY) -> dt.date:
    return today - dt.timedelta(days=n)


def article(
    article_id: str,
    published: dt.date,
    title: str | None = None,
    moves: Sequence[Move] = (),
    publisher: str = "Example News",
    url: str | None = None,
    body: str = "Some text about the AI talent war.",
) -> Article:
    return Article(
        id=article_id,
        title=title or f"Story {article_id}",
        publisher=publisher,
        url=url or f"https://example.com/{article_id}",
        published=published,
        body=body,
        moves=tuple(moves),
    )


def move(
    person: str, to: str | None, from_: str | None = None, role: str | None = None, date: str | None = None
) -> Move:
    return Move.model_validate({"person": person, "from": from_, "to": to, "role": role, "date": date})


# A week whose three talent stories share a theme (Meta's pay packages for researchers) that none of them opens
# with, and a fourth story about something else.
POACHING = article(
    "meta-poaches-openai",
    days_ago(3),
    title="Meta hires three OpenAI researchers",
    body=(
        "Conference season opened in San Francisco with the usual queues for coffee and badges. "
        "Meta hired three researchers from OpenAI this week with pay packages worth more than 100 million "
        "dollars each. The three will join the superintelligence lab that Meta set up in June. "
        "A spokesperson declined to comment on the size of the offers."
    ),
    moves=[move(f"Researcher {n}", "Meta", from_="OpenAI", date="2026-11") for n in "ABC"],
)
RESPONSE = article(
    "openai-responds",
    days_ago(2),
    title="OpenAI raises pay after departures",
    body=(
        "Shares of several chip makers moved sharply in early trading on Wednesday morning. "
        "OpenAI responded to the departures of its researchers to Meta by raising pay packages for research "
        "staff and granting new stock. Executives told staff that keeping the company's people is now the "
        "priority for the year."
    ),
)
RETENTION = article(
    "deepmind-retention",
    days_ago(4),
    title="Google DeepMind offers retention bonuses",
    body=(
        "London had its wettest November day in a decade, delaying trains across the city. "
        "Google DeepMind offered retention bonuses to its researchers after Meta approached several of them "
        "with large pay packages. Some staff were asked to sign longer notice periods in return."
    ),
    moves=[move("Dana Lee", "Meta", from_="Google DeepMind", date="2026-11")],
)
VISAS = article(
    "visa-rules",
    days_ago(1),
    title="New rules for skilled worker visas",
    body=(
        "The government published new rules for skilled worker visas that take effect in January. "
        "Applicants will need a sponsor and a salary above a threshold set by the ministry."
    ),
)
WEEK = [POACHING, RESPONSE, RETENTION, VISAS]


def cited_lines(text: str, heading: str) -> list[str]:
    """The lines of a section of the plain recap, up to the next blank line."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def sources(text: str) -> dict[int, str]:
    return {int(n): aid for n, aid in re.findall(r"^\[(\d+)\] .* https://example\.com/(\S+)$", text, re.M)}


# ----------------------------------------------------------------------------------------------- TL;DR


def test_tldr_is_three_cited_sentences_central_to_the_week_not_the_openers() -> None:
    recap = build_recap(WEEK, TODAY)
    text = recap_text(recap)
    numbered = sources(text)

    tldr = cited_lines(text, "TL;DR")
    assert len(tldr) == TLDR_SENTENCES == 3
    cited_articles = set()
    for line in tldr:
        sentence, number = re.fullmatch(r"(.+) \[(\d+)\]", line).groups()  # type: ignore[union-attr]
        source = next(a for a in WEEK if a.id == numbered[int(number)])
        assert sentence in split_sentences(source.body)  # extractive: word for word from the cited article
        assert sentence != split_sentences(source.body)[0]  # chosen for centrality, not for coming first
        assert "pay packages" in sentence  # the theme the week's stories share
        cited_articles.add(source.id)
    assert cited_articles == {POACHING.id, RESPONSE.id, RETENTION.id}  # three stories, not one retold


def test_the_most_central_articles_are_listed_first_and_numbered_for_the_citations() -> None:
    recap = build_recap(WEEK, TODAY)

    assert recap.articles[-1] == VISAS  # the story that shares nothing with the others comes last
    assert sources(recap_text(recap)) == {n: a.id for n, a in enumerate(recap.articles, start=1)}


def test_takeaways_say_who_gained_and_lost_talent_then_a_short_central_point_all_cited() -> None:
    recap = build_recap(WEEK, TODAY)
    text = recap_text(recap)
    numbered = sources(text)

    takeaways = cited_lines(text, "Key takeaways")
    assert len(takeaways) == TAKEAWAYS == 3
    meta = next(n for n, aid in numbered.items() if aid == POACHING.id)
    deepmind = next(n for n, aid in numbered.items() if aid == RETENTION.id)
    assert takeaways[0] == (
        f"- Meta gained the most talent: 4 arrivals, no departures. [{min(meta, deepmind)}][{max(meta, deepmind)}]"
    )
    assert takeaways[1] == f"- OpenAI lost the most: no arrivals, 3 departures. [{meta}]"
    sentence, number = re.fullmatch(r"- (.+) \[(\d+)\]", takeaways[2]).groups()  # type: ignore[union-attr]
    assert len(sentence.split()) <= 25
    assert sentence in split_sentences(next(a for a in WEEK if a.id == numbered[int(number)]).body)
    assert sentence not in cited_lines(text, "TL;DR")


def test_a_week_of_short_notes_still_cites_every_line() -> None:
    notes = [article(f"note-{n}", days_ago(n), title=f"Note number {n}") for n in (1, 2)]

    recap = build_recap(notes, TODAY)
    text = recap_text(recap)

    assert recap.tldr == ()  # "Some text about the AI talent war." is too short to stand as a summary
    assert "TL;DR" not in text
    assert [line for line in cited_lines(text, "Key takeaways")] == [
        "- Note number 1 [1]",
        "- Note number 2 [2]",
    ]


# ------------------------------------------------------------------------------------- which articles


def test_covers_the_seven_days_before_the_recap_day() -> None:
    articles = [article(f"story-{n}", days_ago(n)) for n in (3, 1, 7, 5, 2, 6, 4)]
    articles += [article("recap-day", TODAY), article("eight-days-ago", days_ago(8))]

    recap = build_recap(articles, TODAY)

    assert sorted(a.id for a in recap.articles) == [f"story-{n}" for n in range(1, 8)]
    assert recap.current
    assert (recap.start, recap.end) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22))
    text = recap_text(recap)
    assert text.splitlines()[0] == "AI talent war — weekly recap, 16 Nov – 22 Nov 2026"
    assert "Top articles (7):" in text
    assert "recap-day" not in text and "eight-days-ago" not in text


def test_period_spanning_new_year_names_both_years() -> None:
    recap = build_recap([article("new-year", dt.date(2026, 12, 31))], dt.date(2027, 1, 3))

    assert "weekly recap, 27 Dec 2026 – 02 Jan 2027" in recap_text(recap)


def test_syndicated_copies_are_not_listed_twice() -> None:
    title = "Meta hires Apple's Ruoming Pang"
    pang = move("Ruoming Pang", "Meta", from_="Apple", date="2026-11")
    original = article("original", days_ago(4), title=title, moves=[pang], publisher="Bloomberg")
    copy = article("copy", days_ago(3), title=title, moves=[pang], publisher="Yahoo Finance")
    other = article("other", days_ago(2))

    recap = build_recap([copy, original, other], TODAY, canonical={"copy": "original"})

    assert {a.id for a in recap.articles} == {"other", "original"}
    text = recap_text(recap)
    assert text.count(f"{title} (Bloomberg)") == 1 and "Yahoo Finance" not in text
    assert text.count("Ruoming Pang: Apple → Meta") == 1


# ------------------------------------------------------------------------------------------ quiet week


def test_a_quiet_week_is_one_line_pointing_to_the_most_recent_news() -> None:
    articles = [
        article("latest-older", dt.date(2026, 11, 3), title="The latest story", publisher="Wire"),
        article("same-week", dt.date(2026, 10, 28), moves=[move("Ana Ruiz", "Meta", from_="OpenAI")]),
        article("on-recap-day", TODAY),  # not part of the week, and published after it
    ]

    recap = build_recap(articles, TODAY)

    assert not recap.current and recap.articles == () and recap.tldr == ()
    assert recap.latest is not None and recap.latest.id == "latest-older"
    assert recap_text(recap) == (
        "AI talent war — weekly recap, 16 Nov – 22 Nov 2026: no new articles this week. The most recent, from "
        "03 Nov 2026: The latest story (Wire) https://example.com/latest-older"
    )


def test_a_quiet_week_charts_the_last_90_days_of_flows() -> None:
    articles = [
        article("in-window", days_ago(30), moves=[move("Ana Ruiz", "Meta", from_="OpenAI", date="2026-10")]),
        article("too-old", days_ago(8 + FLOW_DAYS), moves=[move("Ben Low", "xAI", from_="Apple")]),
    ]

    flows = build_recap(articles, TODAY).flows

    assert (flows.start, flows.end) == (days_ago(FLOW_DAYS), days_ago(1))
    assert [(f.company, f.net) for f in flows.flows] == [("Meta", 1), ("OpenAI", -1)]


def test_empty_corpus() -> None:
    recap = build_recap([], TODAY)

    assert recap.articles == () and recap.moves == () and recap.flows.flows == ()
    assert recap_text(recap) == (
        "AI talent war — weekly recap, 16 Nov – 22 Nov 2026: no articles this week, and none before it."
    )


# ----------------------------------------------------------------------------------------------- moves


def test_the_weeks_moves_are_listed_cited_and_background_moves_are_not_news() -> None:
    story = article(
        "story-1",
        days_ago(2),
        moves=[
            move("New Hire", "ByteDance", from_="Alibaba", role="researcher", date="2026-11"),
            move("Old Hire", "ByteDance", from_="Alibaba", date="2024-07"),
            move("Undated Hire", "Tencent"),
        ],
    )

    recap = build_recap(
        [story, article("last-month", days_ago(30), moves=[move("Tan Xu", "Moonshot AI")])], TODAY
    )

    assert [r.move.person for r in recap.moves] == ["New Hire", "Undated Hire"]
    text = recap_text(recap)
    assert "Talent moves (2):\n- New Hire: Alibaba → ByteDance, researcher (November 2026) [1]\n" in text
    assert "- Undated Hire: joined Tencent [1]" in text
    assert "Old Hire" not in text and "Tan Xu" not in text


def test_a_move_reported_by_two_articles_appears_once() -> None:
    articles = [
        article("first", days_ago(5), moves=[move("Ruoming Pang", "Meta", from_="Apple", date="2026-11")]),
        article(
            "second", days_ago(2), moves=[move("Ruoming Pang", "Meta", from_="Apple", date="2026-11-17")]
        ),
    ]

    recap = build_recap(articles, TODAY)

    assert [(r.article_id, r.move.date) for r in recap.moves] == [("first", "2026-11-17")]
    assert recap_text(recap).count("Ruoming Pang") == 1


def test_a_departure_reads_left_x() -> None:
    moves = [move("Ana Ruiz", "Meta", from_="OpenAI"), move("Ben Low", None, from_="Apple", date="2026-11")]

    text = recap_text(build_recap([article("moves-week", days_ago(2), moves=moves)], TODAY))

    assert "- Ana Ruiz: OpenAI → Meta [1]" in text and "- Ben Low: left Apple (November 2026) [1]" in text
    assert "None" not in text


def test_no_moves_says_so() -> None:
    assert "No talent moves reported in these articles." in recap_text(
        build_recap([article("quiet", days_ago(1))], TODAY)
    )


# ------------------------------------------------------------------------------------------- overflow


def test_long_lists_are_capped_and_count_the_rest() -> None:
    articles = [
        article(
            f"story-{i:02d}", days_ago(1 + i % 7), moves=[move(f"Person {i:02d}", "Meta", date="2026-11")]
        )
        for i in range(MAX_ITEMS + 3)
    ]

    recap = build_recap(articles, TODAY)
    text = recap_text(recap)

    assert len(re.findall(r"^- Person \d\d: joined Meta", text, flags=re.M)) == MAX_ITEMS
    assert "- …and 3 more moves" in text
    assert f"Top articles ({MAX_ITEMS + 3}):" in text
    assert len(sources(text)) == recap.listed and "- …and" in text.split("Top articles")[1]
    # every number cited anywhere is a listed article
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", text.split("Top articles")[0])}
    assert cited <= set(sources(text))
