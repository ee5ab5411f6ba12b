"""One person's path through the recorded moves, and the company a name is counted under."""

from __future__ import annotations

import datetime as dt

from answer.moves import RecordedMove, career, org_family, path_text, reported_moves
from corpus.model import Move
from tests.answer.test_moves import article, move


def recorded(m: Move, article_id: str = "a", published: str = "2025-10-11") -> RecordedMove:
    return RecordedMove(m, article_id, dt.date.fromisoformat(published))


def test_a_path_is_in_date_order_whatever_order_the_moves_come_in() -> None:
    moves = [
        recorded(move("Noam Shazeer", "OpenAI", from_="Google", date="2026-06"), "c", "2026-06-18"),
        recorded(move("Noam Shazeer", "Character.AI", from_="Google", date="2021"), "a", "2024-09-01"),
        recorded(
            move("Noam Shazeer", "Google DeepMind", from_="Character.AI", date="2024-08"), "a", "2024-09-01"
        ),
    ]
    assert (
        path_text(career(moves))
        == "Google → Character.AI (2021) → Google DeepMind (August 2024) → OpenAI (June 2026)"
    )


def test_undated_moves_go_where_the_path_joins_up_before_the_dated_news() -> None:
    news = recorded(move("Andrew Tulloch", "Meta", from_="Thinking Machines Lab", date="2025-10"))
    history = [
        recorded(move("Andrew Tulloch", "Thinking Machines Lab", from_="OpenAI")),
        recorded(move("Andrew Tulloch", "OpenAI", from_="Meta")),
    ]
    ordered = career([news, *history])
    assert [r.move.to for r in ordered] == ["OpenAI", "Thinking Machines Lab", "Meta"]
    assert path_text(ordered) == "Meta → OpenAI → Thinking Machines Lab → Meta (October 2025)"


def test_a_break_in_the_record_is_shown_and_a_first_move_may_have_no_origin() -> None:
    moves = [
        recorded(move("Trapit Bansal", "OpenAI", date="2022")),
        recorded(move("Trapit Bansal", "Meta", from_="Anthropic", date="2025-06")),
    ]
    assert path_text(career(moves)) == "OpenAI (2022); Anthropic → Meta (June 2025)"


def test_every_report_of_a_move_is_kept_with_its_article() -> None:
    first = article("first", "2025-06-30", [move("Shengjia Zhao", "Meta", from_="OpenAI", role="researcher")])
    later = article("later", "2025-07-25", [move("Shengjia Zhao", "Meta", role="Chief Scientist")])
    reports = reported_moves([later, first])
    assert [(r.article_id, r.move.role) for r in reports] == [
        ("first", "researcher"),
        ("later", "Chief Scientist"),
    ]


def test_units_are_counted_under_their_company() -> None:
    known = [
        "Google",
        "Google DeepMind",
        "Google Research",
        "DeepMind",
        "Meta",
        "Meta Superintelligence Labs",
    ]
    assert org_family("Google DeepMind", known) == "Google"
    assert org_family("Google Research", known) == "Google"
    assert org_family("Meta Superintelligence Labs", known) == "Meta"
    assert org_family("DeepMind", known) == "DeepMind"
    assert org_family("Vercept", known) == "Vercept"  # unknown: its own
