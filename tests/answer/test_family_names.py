"""How the articles name a person again: the family name, first in a Chinese name, last in an English one."""

from __future__ import annotations

import datetime as dt

from answer.family_names import family_first_names, family_name
from corpus.model import Article


def article(body: str, people: list[str]) -> Article:
    return Article(
        id="2026-03-guo-daya-joins-bytedance",
        title="Guo Daya joins ByteDance",
        publisher="Example News",
        url="https://example.com/guo",
        published=dt.date(2026, 3, 22),
        people=people,
        body=body,
    )


def test_a_name_said_again_by_its_first_word_is_family_name_first() -> None:
    text = (
        "Guo Daya has left DeepSeek. Guo worked on the R1 model. Noam Shazeer praised him. "
        "Shazeer said Guo was one of the best."
    )
    found = family_first_names([article(text, ["Guo Daya", "Noam Shazeer", "Huiwen Chang"])])
    assert found == {"Guo Daya": "Guo"}
    assert family_name("Guo Daya", found) == "Guo"
    assert family_name("Noam Shazeer", found) == "Shazeer"
    # never named again: the last word, as English names go
    assert family_name("Huiwen Chang", found) == "Chang"
