from __future__ import annotations

import datetime as dt
from pathlib import Path

from answer.move_days import reported_day
from answer.moves import RecordedMove
from corpus.model import Move
from tests.conftest import FakeEmbedder, engine_of, moves_front_matter

MARCH = dt.date(2026, 3, 25)


def _guo(date: str | None) -> RecordedMove:
    return RecordedMove(Move(person="Guo Daya", from_="DeepSeek", to="ByteDance", date=date), "a", MARCH)


def test_a_move_recorded_by_month_takes_the_day_a_sentence_naming_the_person_gives() -> None:
    sentences = [
        "DeepSeek said on 2 March 2026 that it was hiring.",
        "Guo confirmed the move on 22 March 2026.",
    ]
    assert reported_day(_guo("2026-03"), sentences, "Guo") == "2026-03-22"
    # a day of another month, a move already dated by its day or only by its year: left as recorded
    assert reported_day(_guo("2026-02"), sentences, "Guo") is None
    assert reported_day(_guo("2026-03-01"), sentences, "Guo") is None
    assert reported_day(_guo("2026"), sentences, "Guo") is None


def test_a_list_of_moves_dates_a_move_by_the_day_its_article_gives(
    tmp_path: Path, fake_embedder: FakeEmbedder
) -> None:
    pang = {
        "article_id": "2025-07-pang-joins-meta",
        "title": "Apple's Ruoming Pang leaves for Meta",
        "published": "2025-07-08",
        "body": "Meta confirmed on 7 July 2025 that Ruoming Pang is joining its superintelligence team.",
        "companies": "Apple, Meta",
        "people": "Ruoming Pang",
        "moves": moves_front_matter("Ruoming Pang | Apple | Meta | researcher | 2025-07"),
    }
    engine = engine_of(tmp_path, fake_embedder, pang)
    answer = engine.answer("who did meta hire from apple")
    assert [line.text for line in answer.lines] == ["Ruoming Pang: Apple → Meta, researcher (7 July 2025)"]
    # ...and so does where someone went, which reads every report of the move
    where = engine.answer("where did ruoming pang go")
    assert "(7 July 2025)" in where.lines[0].text
