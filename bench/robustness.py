"""How answers hold up when the dev questions are typed carelessly: misspelt, or wrapped in chat.

    python bench/robustness.py [--seed 7] [--split dev]

Uses the index in $TALENTBOT_DATA_DIR (`talentbot index build` first). For every answerable standalone question
of the split with key terms (questions about the bot aside), it asks the question as written and a careless
version of it, and prints how many of each get their key facts and how many are refused:

  typos  one or two of its words of five letters or more (not a key term) misspelt the way fingers slip: two
         letters swapped, one dropped or doubled, or a neighbouring key hit (`random.Random(seed)`)
  chat   lower case, no question mark, half of them shortened ("whats", "whos"), and a chat opener in front
         ("ok so", "hey", "btw", "quick q:", "lol", "hmm") for most
  after  asked in a conversation right after the split's previous question, about something else: a new
         topic must not be read as a follow-up

Only the dev split is meant to be tuned on: the test split's figure is a check, not a target.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from answer.conversation import Conversation
from answer.engine import Engine
from answer.eval_set import EvalItem, load_question_files
from answer.metrics import has_terms
from answer.model import Answer
from answer.slips import KEYBOARD_ROWS
from bot.cli.common import load_engine

_OPENERS = ("", "", "ok so ", "hey ", "btw ", "quick q: ", "lol ", "hmm ")
# Words this long are misspelt: shorter ones have too few letters for a typo to leave them readable.
MIN_TYPO_WORD = 5


@dataclass
class Tally:
    asked: int = 0
    clean_facts: int = 0
    careless_facts: int = 0
    clean_refused: int = 0
    careless_refused: int = 0

    def add(self, item: EvalItem, clean: Answer, other: Answer) -> None:
        """One question asked as written (`clean`) and the other way (`other`)."""
        self.asked += 1
        self.clean_facts += has_terms(clean.plain_text(), item.terms)
        self.careless_facts += has_terms(other.plain_text(), item.terms)
        self.clean_refused += not clean.answered
        self.careless_refused += not other.answered

    def line(self, name: str) -> str:
        return (
            f"{name:6} {self.asked:4} questions: key facts {self.clean_facts} as written, "
            f"{self.careless_facts} typed carelessly; refused {self.clean_refused} as written, "
            f"{self.careless_refused} typed carelessly"
        )


def _neighbour(rng: random.Random, c: str) -> str:
    for row in KEYBOARD_ROWS:
        if c in row:
            i = row.index(c)
            return row[i - 1] if i and (i == len(row) - 1 or rng.random() < 0.5) else row[i + 1]
    return c


def misspelt(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    slip = rng.choice(["swap", "drop", "double", "key"])
    if slip == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if slip == "drop":
        return word[:i] + word[i + 1 :]
    if slip == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + _neighbour(rng, word[i]) + word[i + 1 :]


def with_typos(rng: random.Random, item: EvalItem) -> str | None:
    terms = [t.lower() for t in item.terms]
    tokens = [
        t
        for t in re.findall(rf"[A-Za-z]{{{MIN_TYPO_WORD},}}", item.q)
        if not any(t.lower() in x for x in terms)
    ]
    if not tokens:
        return None
    question = item.q
    for token in rng.sample(tokens, min(len(tokens), 1 if rng.random() < 0.6 else 2)):
        question = question.replace(token, misspelt(rng, token), 1)
    return question


def with_chat(rng: random.Random, item: EvalItem) -> str | None:
    question = item.q.lower().rstrip("?").rstrip()
    if rng.random() < 0.5:
        question = question.replace("what is", "whats").replace("who is", "whos").replace("'s ", "s ")
    question = rng.choice(_OPENERS) + question
    return None if question == item.q else question


def measure(engine: Engine, items: list[EvalItem], careless: Callable[[EvalItem], str | None]) -> Tally:
    tally = Tally()
    for item in items:
        question = careless(item)
        if question is None:
            continue
        tally.add(item, engine.answer(item.q), engine.answer(question))
    return tally


def measure_after(engine: Engine, items: list[EvalItem]) -> Tally:
    """Each question asked alone, and in a conversation right after the question before it in the split."""
    tally = Tally()
    for before, item in itertools.pairwise(items):
        chat = Conversation()
        engine.answer(before.q, conversation=chat)
        tally.add(item, engine.answer(item.q), engine.answer(item.q, conversation=chat))
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    args = parser.parse_args()
    items = [
        i
        for i in load_question_files()
        if i.split == args.split and i.after is None and i.answerable and i.terms and i.kind != "about"
    ]
    engine = load_engine(progress=False)
    typos = measure(engine, items, partial(with_typos, random.Random(args.seed)))
    chat = measure(engine, items, partial(with_chat, random.Random(args.seed)))
    print(f"{args.split} split, seed {args.seed}")
    print(typos.line("typos"))
    print(chat.line("chat"))
    print(measure_after(engine, items).line("after").replace("typed carelessly", "after another question"))


if __name__ == "__main__":
    main()
