"""The commands that ask a question for you (/compare, /timeline): the question they ask, and the usage reply
when the names they are given are missing or unknown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from answer.query import Question
from bot.render import esc


@dataclass(frozen=True)
class AskCommand:
    name: str
    description: str  # in the command menu (setMyCommands)
    template: str  # the question asked, "{}" standing for the names given
    min_names: int  # how many companies (or people, when `people`) it needs
    people: bool  # whether a person counts as a name
    usage: str  # HTML

    def question(self, args: list[str], parse: Callable[[str], Question]) -> tuple[str, str | None]:
        """The question to ask for these arguments, and the usage reply instead (None: ask it).

        The names are joined with commas, so that each unknown one is reported by itself."""
        given = [a.strip(",") for a in args if a.strip(",")]
        # "Meta, Google and Amazon": each name apart, the last after "and" (a trailing ", Amazon" reads as
        # whom the message is addressed to).
        names = ", ".join(given[:-1]) + f" and {given[-1]}" if len(given) > 1 else "".join(given)
        text = self.template.format(names)
        if not names:
            return text, self.usage
        q = parse(text)
        kinds = {"org", "person"} if self.people else {"org"}
        known = {m.entity.keys for m in q.mentions if m.entity.kind in kinds}
        if len(known) >= self.min_names:
            return text, None
        unknown = f"I have no articles about {esc(', '.join(q.unknown_names))}.\n" if q.unknown_names else ""
        return text, unknown + self.usage


COMPARE = AskCommand(
    name="compare",
    description="Companies side by side, e.g. /compare Meta OpenAI",
    template="compare {}",
    min_names=2,
    people=False,
    usage=(
        "Usage: <code>/compare Meta OpenAI</code> — two or three companies I have articles about, "
        "side by side: moves in and out, leaders hired, pay, latest article."
    ),
)
TIMELINE = AskCommand(
    name="timeline",
    description="A company's or person's timeline, e.g. /timeline DeepSeek",
    template="timeline of {}",
    min_names=1,
    people=True,
    usage=(
        "Usage: <code>/timeline DeepSeek</code> — a company or person I have articles about: their moves "
        "and news, oldest first."
    ),
)
ASK_COMMANDS = (COMPARE, TIMELINE)


def command_named(text: str) -> AskCommand:
    """The command a message starts with ("/compare@TalentBot Meta OpenAI" -> COMPARE)."""
    name = text.split(maxsplit=1)[0].removeprefix("/").split("@")[0].lower()
    return next(c for c in ASK_COMMANDS if c.name == name)
