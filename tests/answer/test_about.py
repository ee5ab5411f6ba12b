"""Questions about the bot itself are answered from what the engine holds, never from a passage."""

from __future__ import annotations

import pytest

from answer.engine import Engine
from answer.kinds.about_topics import Topic, topic_of
from answer.model import AnswerKind


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what can you do?", Topic.HELP),
        ("What is this bot?", Topic.HELP),
        ("help", Topic.HELP),
        ("hi, what can you do?", Topic.HELP),
        ("who are you?", Topic.HELP),
        ("if i wanna see two labs side by side is there a command for that", Topic.HELP),
        ("is there a way to get a k visa without a job offer", None),  # a way, not a command of the bot
        ("who made you?", Topic.MAKER),
        ("Are you ChatGPT?", Topic.MAKER),
        ("is this ai", Topic.MAKER),
        ("is this real", None),  # after a rumour: about the news, not the bot
        ("whats your data cutoff", Topic.RECENCY),
        ("when is the weekly recap sent", Topic.RECAP),
        ("is the recap free", Topic.RECAP),
        ("what's your name", Topic.HELP),
        ("list your commands", Topic.HELP),
        ("where does your news come from?", Topic.SOURCES),
        ("what sources do you use?", Topic.SOURCES),
        ("how recent is your news?", Topic.RECENCY),
        ("how up to date are you?", Topic.RECENCY),
        ("how many articles do you have?", Topic.SIZE),
        ("how big is your database?", Topic.SIZE),
        # worded loosely, but only about the bot
        ("which news sites do you read", Topic.SOURCES),
        ("what kind of stuff can i ask you", Topic.HELP),
        ("can i ask u anything or only ai jobs stuff", Topic.HELP),
        ("r u a real person", Topic.MAKER),
        ("is your info up to date", Topic.RECENCY),
        ("how many publishers do u use", Topic.SIZE),
        ("how far back do your articles go", Topic.RECENCY),
        ("u got anything older than 2023 in there?", Topic.RECENCY),  # what the articles span
        ("how often is the news updated", Topic.RECENCY),
        ("how often do you update", Topic.RECENCY),  # its news, not the recap it sends
        ("how often do you send the recap", Topic.RECAP),
        ("what topics do you cover", Topic.HELP),
        ("do you have news from this week", Topic.RECENCY),
        ("what are you good for", Topic.HELP),
        ("what outlets do you pull from", Topic.SOURCES),
        ("whats your oldest article", Topic.RECENCY),
        ("what's your earliest story?", Topic.RECENCY),
        # using the bot: the weekly recap, languages, how far to trust it
        ("how do i subscribe", Topic.RECAP),
        ("can i get the weekly recap", Topic.RECAP),
        ("how do i stop the weekly updates", Topic.RECAP),
        ("pls stop sending me stuff, how do i turn it off", Topic.RECAP),
        ("can i change how often u message me", Topic.RECAP),
        ("what language do you speak", Topic.LANGUAGE),
        ("do you make things up", Topic.TRUST),
        ("are you connected to the internet", Topic.TRUST),
        ("give me some example questions", Topic.HELP),
        ("how many publishers", Topic.SIZE),
        ("can you send me a weekly summary", Topic.RECAP),
        ("weekly recap", Topic.RECAP),  # the recap by its name
        ("the weekly ai recap?", Topic.RECAP),
        ("do you store my data", Topic.PRIVACY),
        ("is my data private?", Topic.PRIVACY),
        ("what do you keep about me", Topic.PRIVACY),
        ("does this bot save my messages", Topic.PRIVACY),
        ("what is meta's privacy policy", None),  # a company's, not the bot's
        # about the news, not the bot
        ("what can you tell me about Meta's hires?", None),
        ("how many articles are there about pay?", None),
        ("where did Ruoming Pang come from?", None),
        ("latest news", None),
        ("can you tell me why china is short of ai talent", None),
        ("are you up to date on deepseek", None),
        ("which outlets did meta pull staff from", None),
        ("what are you good at? who did meta hire", None),
        ("how do i get a job at openai", None),
        ("can i ask about salaries in china", None),
        ("what are the latest updates", None),
    ],
)
def test_questions_about_the_bot_are_told_apart(question: str, topic: Topic | None) -> None:
    assert topic_of(question) is topic


def test_what_is_this_bot_gets_the_help_not_a_passage(small_engine: Engine) -> None:
    answer = small_engine.answer("what is this bot?")
    assert answer.kind is AnswerKind.ABOUT and answer.answered
    text = answer.plain_text()
    assert text.startswith("I'm TalentBot: I answer questions about the AI talent war from 3 news articles")
    assert "“Who did ByteDance hire from Alibaba?”" in text and "and from OpenAI?" in text
    assert not answer.sources and "Meta hired Ruoming Pang" not in text


def test_how_recent_names_the_newest_article_and_the_range(small_engine: Engine) -> None:
    answer = small_engine.answer("how recent is your news?")
    assert answer.intro.startswith(
        "My articles were published between 20 Aug 2024 and 07 Jul 2025 (3 articles)"
    )
    assert answer.lines[0].text == "Newest: Example News, 07 Jul 2025: Meta hires Apple's Ruoming Pang"
    assert [s.article_id for s in answer.sources] == ["2025-07-meta-hires-pang"]
    assert answer.lines[1].text == "Articles per year: 2025: 2, 2024: 1"


def test_how_many_articles_counts_articles_publishers_moves_and_says_how_it_searches(
    small_engine: Engine,
) -> None:
    answer = small_engine.answer("How many articles do you have?")
    assert answer.intro == (
        "I have 3 news articles from 1 publisher, published between 20 Aug 2024 and 07 Jul 2025."
    )
    text = answer.plain_text()
    assert "Talent moves on record: 2" in text
    assert "keyword search (BM25) and meaning search" in text  # the engine's mode: hybrid


def test_the_answer_follows_the_search_mode(small_engine: Engine) -> None:
    answer = small_engine.answer("who made you?", mode="bm25")
    assert "with keyword search (BM25), then" in answer.plain_text()
    assert "not a person" in answer.intro


def test_where_the_news_comes_from_names_the_publishers(small_engine: Engine) -> None:
    answer = small_engine.answer("where does your news come from?")
    assert "The most articles are from Example News (3)." in answer.plain_text()


def test_a_greeting_is_still_a_greeting(small_engine: Engine) -> None:
    assert small_engine.answer("hello!").kind is AnswerKind.GREETING


def test_news_from_a_period_says_whether_there_is_any(small_engine: Engine) -> None:
    answer = small_engine.answer("do you have news from this week", mode="bm25")
    assert answer.kind is AnswerKind.ABOUT
    assert any(line.text == "I have no articles from this week." for line in answer.lines)


def test_how_to_get_the_recap_names_the_commands(small_engine: Engine) -> None:
    answer = small_engine.answer("how do i subscribe to the weekly recap?")
    assert answer.kind is AnswerKind.ABOUT and answer.answered
    assert "/subscribe" in answer.plain_text() and "/unsubscribe" in answer.plain_text()


def test_what_the_bot_keeps_says_what_is_stored_and_what_is_not(small_engine: Engine) -> None:
    answer = small_engine.answer("do you store my data?")
    assert answer.kind is AnswerKind.ABOUT and answer.answered
    text = answer.plain_text()
    assert "chat's id" in text and "not saved" in text and "/unsubscribe" in text
