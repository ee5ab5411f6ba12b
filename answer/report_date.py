"""A date asked for that the answering sentences do not state ("when did sutskever take over as ceo of ssi?":
"Ilya Sutskever has taken over as chief executive...") is the day the story was reported: said so, cited."""

from __future__ import annotations

from dataclasses import replace

from answer.asks import AnswerType, split_asks
from answer.facts import DATE
from answer.model import Answer, Line


def with_report_date(question: str, answer: Answer) -> Answer:
    """The answer, with "X reported it on 3 July 2025." after its lines when the question asks only when and
    no line, nor the intro, gives a date: the date of the article its first line cites."""
    asks = split_asks(question)
    if len(asks) != 1 or asks[0].type is not AnswerType.DATE or not answer.answered or not answer.lines:
        return answer
    if DATE.search(answer.intro) or any(DATE.search(line.text) for line in answer.lines):
        return answer
    cited = answer.lines[0].citations
    source = next((s for s in answer.sources if cited and s.number == cited[0]), None)
    if source is None:
        return answer
    day = source.published
    said = Line(f"{source.publisher} reported it on {day.day} {day:%B %Y}.", (source.number,))
    return replace(answer, lines=(*answer.lines, said))
