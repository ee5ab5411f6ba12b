"""Chat shorthand is written out before a question is read, and only where it stands alone."""

from __future__ import annotations

import pytest

from answer.shorthand import expand


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("how many deepmind ppl did suleyman poach", "how many deepmind people did suleyman poach"),
        ("that 24 yr old kid", "that 24 year old kid"),
        ("h1b registrations for fy 2027", "h1b registrations for fiscal year 2027"),
        ("meta n tml keep hiring", "meta and tml keep hiring"),
        ("so what happened w karpathy", "so what happened with karpathy"),
        ("who r the new ppl at msl?", "who are the new people at msl?"),
        ("who heads the new applied ai org", "who heads the new applied ai organisation"),
        ("is the 100 mil offer real", "is the 100 million offer real"),
        ("moves into microsoft (incl microsoft ai)", "moves into microsoft (including microsoft ai)"),
        ("who backed tml besides a16z", "who backed tml besides andreessen horowitz"),
        ("what does an hpc engineer do", "what does an high-performance computing engineer do"),
        (
            "why does it matter that mimo is only 7b params",
            "why does it matter that mimo is only 7 billion parameters",
        ),
        ("wen did he lef", "when did he left"),  # short slips the speller leaves alone
        ("whtas an acquihire", "what's an acquihire"),
        ("wats her title", "what's her title"),
        ("how much did meta pya", "how much did meta pay"),
        # contractions typed without their apostrophe
        ("when did the ftc say theyd look at it", "when did the ftc say they'd look at it"),
        ("why didnt he stay", "why didn't he stay"),
        # drawn-out words typed plainly: a function word once, another word as it is spelt
        ("sooo deepseek posted jobs", "so deepseek posted jobs"),
        # bringing people in is hiring them, unless money came in
        ("when did microsoft bring in suleyman", "when did microsoft hire suleyman"),
        ("who did meta bring on board from openai", "who did meta hire from openai"),
        ("how much did deepseek bring in", "how much did deepseek bring in"),
        ("did the round bring in new investors", "did the round bring in new investors"),
        ("lmaooo deepseek posted jobs", "lmao deepseek posted jobs"),  # chat, once
        ("Wheee did he go", "Whee did he go"),  # no word either way: twice, for the speller
        ("whyyy did he quit", "why did he quit"),
        ("cooool story, who left", "cool story, who left"),
        # stock tickers, in any case, with or without the dollar sign
        (
            "why is shazeer leaving such a big deal for goog",
            "why is shazeer leaving such a big deal for Google",
        ),
        ("what did the cma decide on MSFT/inflection", "what did the cma decide on Microsoft/inflection"),
        ("how much did $NVDA pay for groq", "how much did Nvidia pay for groq"),
        ("msft is scooping up ai2 people", "Microsoft is hiring ai2 people"),
        ("who did meta snap up from apple", "who did meta hire from apple"),
        # the field's own nicknames for labs
        ("the tml folks who went back to oai", "the tml folks who went back to OpenAI"),
        ("do they keep their UW jobs", "do they keep their University of Washington jobs"),
        ("who did GDM lose to anthropic", "who did Google DeepMind lose to anthropic"),
        ("how likely is oai->anthropic", "how likely is OpenAI->anthropic"),  # before an arrow
    ],
)
def test_shorthand_is_written_out(typed: str, read: str) -> None:
    assert expand(typed) == read


@pytest.mark.parametrize(
    "kept",
    [
        "U.S. vs U.K. R&D spending",
        "the H-1B fee",
        "the k visa",
        "he wasn't paid",
        "n't",
        "Series N round",
        "www.example.com",
        "the 1000 staff",
        "as is his wont",
        "googling the news",  # a ticker only as a word of its own
    ],
)
def test_abbreviations_and_names_are_left_alone(kept: str) -> None:
    assert expand(kept) == kept


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("why did he jump ship to meta", "why did he leave to meta"),
        ("who jumped ship from openai", "who left from openai"),
        ("whats the deal w the h1b thing", "tell me about the h1b thing"),
        ("what's going on with windsurf", "tell me about windsurf"),
    ],
)
def test_idioms_are_said_plainly(typed: str, read: str) -> None:
    assert expand(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("did meta have layoffs in 2025", "did meta have job cuts in 2025"),
        ("were people laid off at msl", "were people cut at msl"),
        ("who got sacked", "who got cut"),
        ("who bailed on xai", "who left xai"),
        ("why is everyone bailing on openai", "why is everyone leaving openai"),
        ("who did deepmind nab from hume", "who did deepmind hire from hume"),
        ("deepseek researcher paycheck", "deepseek researcher pay"),
        ("chronology of the manus mess", "timeline of the manus mess"),
        ("how much did catl chip into the round", "how much did catl put into the round"),
        ("avg salary of execs at the uni", "average salary of executives at the university"),
    ],
)
def test_everyday_words_are_said_as_the_articles_say_them(typed: str, read: str) -> None:
    assert expand(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("what did beyer say about the 100m offer", "what did beyer say about the 100 million offer"),
        ("zuck offered tulloch 1.5B?", "zuck offered tulloch 1.5 billion?"),
        ("the $100k h1b fee", "the $100,000 h1b fee"),
        ("10k cvs in a day", "10,000 cvs in a day"),
        ("a $250m package", "a $250 million package"),
        # ...not a visa, a chip, a year or a fiscal year
        ("the h-1b fee", "the h-1b fee"),
        ("h100 chips", "h100 chips"),
        ("fy2027 lottery", "fy2027 lottery"),
    ],
)
def test_sums_typed_short_are_written_as_the_articles_write_them(typed: str, read: str) -> None:
    assert expand(typed) == read
