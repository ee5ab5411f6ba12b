"""Extract talent moves ("Y left Z for X", "X hired Y from Z") from news text.

The extractor is a small set of precision-first regular expressions over capitalised name spans:

* a *person* is 2-4 capitalised name tokens (particles like "de"/"van" allowed, hyphens and apostrophes
  inside tokens: "Jean-Baptiste", "O'Brien", "Karén"), never a known company, product or stop word;
* an *organisation* is 1-5 capitalised tokens that may hold digits, dots and inner capitals
  ("01.AI", "xAI", "Google DeepMind", "Meta Superintelligence Labs").

A lone surname ("Pang") counts as a person only when the same text names exactly one person with that last
name in full ("Ruoming Pang") and no name opens with it (Chinese order: "Yao" of "Yao Shunyu").

Every pattern ties a move verb tightly to its subject (only auxiliaries, a few adverbs, an appositive, a date,
"said that he" or "was reported to have" may sit between), so hedged and negated forms ("may join", "is
expected to join", "tried to hire", "did not hire", "declined to join", "is not leaving") never match; an
announced "will join" does. Sentences about rumours or denials, and questions, are skipped outright.

A departure ("Y left Z", "Y stepped down as chief scientist of Z") is a move with `from` and no `to`, kept
only when the sentence moves that person nowhere else; its source is the organisation named as left, or the
person's current employer as a title or appositive gives it ("Z's head of research Y"), never a former one.
A move told in passing in a relative clause (", who left Z for X,") counts only when the clause dates it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from corpus.model import Move
from corpus.move_patterns import (
    APPOS_FROM,
    BAD_ROLE,
    DEPARTURES,
    FROM_AFTER,
    GAP_FROM,
    GENERIC_ORGS,
    HEARSAY,
    HEDGE_BEFORE,
    HEDGE_LEAD,
    ITEM_PARTS,
    KNOWN_ORGS_LOWER,
    LEAD_FROM,
    LIST_SEPARATOR,
    MONTH_ONLY,
    MONTH_YEAR,
    NOT_A_JOB,
    NOT_ORG_AFTER,
    NOT_PERSON,
    PARENT_BEFORE,
    PARTICLES,
    PAST_EMPLOYER,
    PATTERNS,
    PERSON,
    PLACES,
    PRODUCTS,
    ROLE,
    STOP_SURNAMES,
    TITLE_WORDS,
    YEAR,
)
from corpus.text import MONTH_NUMBERS, NAME_STOP_WORDS, split_sentences

__all__ = ["FoundMove", "extract_moves", "find_moves"]

# ----------------------------------------------------------------------------- entity cleaning

LOCATED_SUFFIXES = ("-based", "-headquartered")  # "Paris-based Mistral AI" is Mistral AI


def _trim(tokens: list[str], drop: frozenset[str]) -> list[str]:
    while tokens and tokens[0].rstrip(".") in drop:
        tokens = tokens[1:]
    while tokens and tokens[-1].rstrip(".") in drop:
        tokens = tokens[:-1]
    return tokens


def _blocks_person(token: str, *, first: bool) -> bool:
    if first and token in STOP_SURNAMES:
        return False
    return token in NOT_PERSON or token.lower() in KNOWN_ORGS_LOWER


def _clean_person(raw: str) -> str | None:
    """A person's name from a capitalised span, or None if it is a company, product or stop word."""
    tokens = raw.split()
    if not (len(tokens) == 2 and tokens[0] in STOP_SURNAMES):
        tokens = _trim(tokens, NAME_STOP_WORDS | TITLE_WORDS)
    names = [t for t in tokens if t not in PARTICLES]
    if not 2 <= len(names) <= 4 or tokens[0] in PARTICLES:
        return None
    if any(_blocks_person(token, first=i == 0) for i, token in enumerate(names)):
        return None
    name = " ".join(tokens)
    return None if name in PLACES else name


def _clean_org(raw: str | None) -> str | None:
    """An organisation's name from a capitalised span, or None if it is a place, product or stop word."""
    if raw is None:
        return None
    tokens = _trim(raw.split(), NAME_STOP_WORDS)
    # "Paris-based Mistral AI", "London-headquartered Wayve": where it sits is not part of the name.
    while tokens and tokens[0].lower().endswith(LOCATED_SUFFIXES):
        tokens = tokens[1:]
    # "Tesla Autopilot", "ByteDance Seed": a well-known company and one of its products is the company.
    if len(tokens) > 1 and tokens[0].lower() in KNOWN_ORGS_LOWER and all(t in PRODUCTS for t in tokens[1:]):
        tokens = tokens[:1]
    name = " ".join(tokens)
    if not name or name in PLACES or name in PRODUCTS or name in TITLE_WORDS or name in GENERIC_ORGS:
        return None
    return name


def _resolve_person(raw: str, surnames: dict[str, str]) -> str | None:
    """A full name from a span; a lone word only if it is a known surname in this text."""
    if len(raw.split()) == 1:
        return surnames.get(raw)
    return _clean_person(raw)


def _people(raw: str | None, surnames: dict[str, str]) -> list[tuple[str, str | None]]:
    """The people in a list, each with the source it names itself ("A from Z", "A (Z)", "Z's A") or None.

    A shared trailing source ("A and B from Z") applies to the names before it that name none."""
    if not raw:
        return []
    items: list[tuple[str | None, str | None, str | None]] = []
    for part in LIST_SEPARATOR.split(raw):
        found = ITEM_PARTS.fullmatch(part.strip())
        if not found:
            continue
        own = _clean_org(found.group("paren") or found.group("pos") or found.group("org"))
        items.append((_resolve_person(found.group("name"), surnames), _clean_org(found.group("src")), own))
    people: list[tuple[str, str | None]] = []
    for i, (name, src, own) in enumerate(items):
        if name is None:
            continue
        shared = next((later for _, later, _ in items[i + 1 :] if later), None)
        people.append((name, src or own or shared))
    return people


def _surnames(text: str) -> dict[str, str]:
    """Last name -> full name for every person named in full in text, when that last name is unambiguous."""
    full: dict[str, set[str]] = {}
    firsts: set[str] = set()
    for found in re.finditer(PERSON, text):
        name = _clean_person(found.group(0))
        if name:
            full.setdefault(name.split()[-1], set()).add(name)
            firsts.add(name.split()[0])
    # A word that also opens a name may be a family name written first ("Yao" of "Yao Shunyu"): ambiguous.
    return {last: next(iter(names)) for last, names in full.items() if len(names) == 1 and last not in firsts}


# ----------------------------------------------------------------------------- move details


def _group(match: re.Match[str], name: str) -> str | None:
    return match.groupdict().get(name)


def _appos_from(appos: str | None) -> str | None:
    if not appos:
        return None
    for pattern in APPOS_FROM:
        found = pattern.search(appos)
        org = _clean_org(found.group("org")) if found else None
        if org:
            return org
    return None


def _from_of(match: re.Match[str], sentence: str) -> str | None:
    """The organisation the person left: "from Z" first, then prefixes, appositives and "after ... at Z"."""
    for name in ("from_", "from2", "pre_pos", "pre_title", "pre_of"):
        org = _clean_org(_group(match, name))
        if org:
            return org
    org = _appos_from(_group(match, "appos")) or _appos_from(_group(match, "appos_who"))
    if org:
        return org
    gap = GAP_FROM.search(_group(match, "gap") or "")
    if gap:
        return _clean_org(gap.group("org") or gap.group("pos"))
    after = FROM_AFTER.search(sentence[match.end() :])
    if after:
        return _clean_org(after.group("a") or after.group("b"))
    # "After a decade at Z, Y joined X": the source is told before the subject.
    lead = LEAD_FROM.match(sentence)
    return _clean_org(lead.group("org")) if lead and match.start() <= lead.end() else None


def _role_of(rest: str) -> str | None:
    """The role from the words after the move: "as chief scientist", "to lead its model team"."""
    found = ROLE.search(rest)
    if not found:
        return None
    role = found.group("role") or f"{found.group('verb')} {found.group('obj')}"
    role = role.strip().rstrip(".")
    if BAD_ROLE.match(role) or len(role) > 80 or len(role.split()) > 10:
        return None
    return role


def _clean_role(role: str | None) -> str | None:
    return " ".join(role.split()) if role else None


def _date_of(sentence: str, published: dt.date | None) -> str | None:
    """A month ("2024-07") or year ("2024") named in the sentence, else the published month, else None."""
    found = MONTH_YEAR.search(sentence)
    if found:
        return f"{found.group(2)}-{MONTH_NUMBERS[found.group(1)[:3].lower()]:02d}"
    year = YEAR.search(sentence)
    if year:
        return year.group(1)
    if published is None:
        return None
    month = MONTH_ONLY.search(sentence)
    if month:
        number = MONTH_NUMBERS[month.group(1)[:3].lower()]
        # "in June" in an article of March 2025 means June 2024: the latest June up to publication.
        return f"{published.year - (number > published.month):04d}-{number:02d}"
    return f"{published.year:04d}-{published.month:02d}"


def _is_hedged(sentence: str, match: re.Match[str]) -> bool:
    """A conditional, modal or negation right before the move ("if", "could", "never") or opening it."""
    return bool(HEDGE_BEFORE.search(sentence[: match.start()]) or HEDGE_LEAD.match(match.group(0)))


def _undated_aside(match: re.Match[str], sentence: str) -> bool:
    """ "Y, who left for Z three years ago, ...": a move told in passing is background unless it is dated."""
    if not _group(match, "rel"):
        return False
    clause = sentence[match.start() :].split(",")[1]
    rest = sentence[match.end() :].split(",")[0]
    return not (MONTH_YEAR.search(clause + rest) or YEAR.search(clause + rest))


def _target(match: re.Match[str], sentence: str) -> str | None:
    to = _clean_org(_group(match, "to"))
    if to is None or NOT_ORG_AFTER.match(sentence[match.end("to") :]):
        return None
    parent = PARENT_BEFORE.search(sentence[: match.start("to")])
    if parent and parent.group("org").split()[-1].lower() in KNOWN_ORGS_LOWER:
        return _clean_org(parent.group("org")) or to
    return to


def _skipped(sentence: str) -> bool:
    """A question, or a sentence about rumours or denials."""
    return sentence.rstrip().endswith("?") or bool(HEARSAY.search(sentence))


def _moves_in(sentence: str, published: dt.date | None, surnames: dict[str, str]) -> Iterator[Move]:
    for pattern in PATTERNS:
        for match in pattern.finditer(sentence):
            to = _target(match, sentence)
            if to is None or _is_hedged(sentence, match) or _undated_aside(match, sentence):
                continue
            rest = sentence[match.end() :]
            if NOT_A_JOB.match(rest):
                continue
            source = _from_of(match, sentence)
            role = _clean_role(_group(match, "role_p")) or _role_of(rest)
            date = _date_of(sentence, published)
            people = _people(match.group("persons"), surnames) + _people(_group(match, "persons2"), surnames)
            for person, own_source in people:
                origin = own_source or source
                if person not in (to, origin) and origin != to:
                    yield Move.model_validate(
                        {"person": person, "from": origin, "to": to, "role": role, "date": date}
                    )


def _departure_source(match: re.Match[str], sentence: str) -> str | None:
    """Where a person left: the organisation named as left, else their current employer as a title or an
    appositive gives it ("OpenAI's head of research Y", "Y, Z's chief scientist,"), never a past one."""
    named = _clean_org(_group(match, "from_"))
    if named:
        return named
    told = sentence[match.start() : match.start("persons")] + " " + (_group(match, "appos") or "")
    if PAST_EMPLOYER.search(told):
        return None
    for name in ("pre_pos", "pre_title", "pre_of"):
        org = _clean_org(_group(match, name))
        if org:
            return org
    return _appos_from(_group(match, "appos"))


def _departures_in(sentence: str, published: dt.date | None, surnames: dict[str, str]) -> Iterator[Move]:
    """People who left an organisation for a destination the sentence does not name."""
    for pattern in DEPARTURES:
        for match in pattern.finditer(sentence):
            if _is_hedged(sentence, match):
                continue
            source = _departure_source(match, sentence)
            date = _date_of(sentence, published)
            named = _group(match, "from_") is not None
            for person, own_source in _people(match.group("persons"), surnames):
                # "Z confirmed the departure of Qwen lead Y": the organisation named as left wins.
                origin = source if named else own_source or source
                if origin and person != origin:
                    yield Move.model_validate({"person": person, "from": origin, "to": None, "date": date})


def _sentence_moves(sentence: str, published: dt.date | None, surnames: dict[str, str]) -> list[Move]:
    """The moves in one sentence; a departure only for someone the sentence moves nowhere else."""
    if _skipped(sentence):
        return []
    moves = list(_moves_in(sentence, published, surnames))
    moved = {move.person for move in moves}
    return moves + [m for m in _departures_in(sentence, published, surnames) if m.person not in moved]


@dataclass(frozen=True)
class FoundMove:
    """A move and the sentence that states it."""

    move: Move
    sentence: str


def find_moves(text: str, published: dt.date | None = None) -> list[FoundMove]:
    """Talent moves stated as facts in text, each with its sentence, deduplicated by (person, to), in order
    of first mention. A departure with no named destination has `to` None.

    The date of a move is the month/year named in its sentence, else the month it was published, else None.
    """
    seen: set[tuple[str, str | None]] = set()
    found: list[FoundMove] = []
    surnames = _surnames(text)
    for sentence in split_sentences(text):
        for move in _sentence_moves(sentence, published, surnames):
            key = (move.person, move.to)
            if key not in seen:
                seen.add(key)
                found.append(FoundMove(move, sentence))
    moves = [f.move for f in found]
    return [f for f in found if not _earlier_stint(f.move, moves)]


def extract_moves(text: str, published: dt.date | None = None) -> list[Move]:
    """The moves of find_moves, without their sentences."""
    return [f.move for f in find_moves(text, published)]


def _earlier_stint(move: Move, moves: list[Move]) -> bool:
    """ "Bianchi left Apple for Perplexity in April ... Bianchi joined Apple in 2017": a dated move to the
    employer the person is later recorded leaving is background, not news. A return ("rejoined OpenAI" after
    leaving it) is dated after the departure and is kept."""
    if not move.date or move.to is None:
        return False
    return any(
        other.person == move.person
        and other.from_ == move.to
        and other.date is not None
        and move.date < other.date[: len(move.date)]
        for other in moves
    )
