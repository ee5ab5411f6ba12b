"""How a timeline is asked for ("timeline of DeepSeek", "what happened with the h1b fee, in order", "meta talent
story over time?") and of what: the words of its topic."""

from __future__ import annotations

import re

from answer.query import MONTH_RE
from corpus.text import QUESTION_STOP_WORDS, words

# "Timeline" and "chronology" ask for one even without a name (and are told to give one); "history of" and
# "what happened ... over time" only with a name ("how have salaries changed over time?" is a fact question).
TIMELINE_WORD = re.compile(r"\b(timeline|chronology|chronological(?:ly)?)\b", re.I)
TIMELINE_CUE = re.compile(
    r"\b(timeline|chronology|chronological(?:ly)?|history of|(?:'s|’s|job|career|hiring)\s+history|"
    r"(?<=\w )history (?:from|since|up to|so far)|story so far|sequence of events|key (?:dates|events|moments)|"
    r"what (?:are|were) the dates|who said what(?: and)? when|"
    r"walk me through|blow[- ]by[- ]blow|saga)\b|\bhow did\b.*\b(?:unfold|play(?:ed)? out|pan(?:ned)? out)\b|"
    r"\bstep[- ]by[- ]step\b.*\b(?:happened|unfolded|went down)\b|"
    # ...or the events listed after it: "deepseek in 2026 step by step: losing ppl, raising money, hiring"
    r"(?<!explain )\bstep[- ]by[- ]step\s*[:–—-](?!\s*(?:how|what|why)\b)|\bwhat happened when\W*$|"
    # ...from a start up to now: "jerry tworek from joining openai up to now"
    r"\bfrom\b.+\b(?:up )?(?:to|till|until) (?:now|today|date)\b|"
    r"\bwhat\b.*\bhappened\b.*\b(over (time|the years)|in order|step by step|so far)\b|"
    # "deepseek talent story over time?", "shazeer's back and forth between google and openai over the years"
    r"\b(?:story|stories|saga|journey|events|moves|path|career|back[- ]and[- ]forth)\b(?:\s+\S+){0,8}?"
    r"\s+over (?:time|the years)\b|"
    # "inflection ai's story from its big raise to the cma ruling"
    r"\b(?:story|saga|journey)\s+from\b.+\b(?:to|till|until)\b|"
    r"\bin (?:date |time |what )?order(?! to\b)\b(?!.*\bof (?:size|importance|pay)\b)|"
    # "the dates each xai cofounder walked, oldest first"; "lecun since he quit meta, what's happened"
    r"\b(?:oldest|earliest) first\b|\bsince\b.+\bwhat(?:'s|’s| has) happened\W*$|"
    r"\bwhat(?:'s|’s| has) happened (?:since|after)\b|"
    # events listed, then their dates asked: "lecun from quitting meta to the ami raise, when did each happen",
    # "meta's june 2025 frenzy: scale deal, chen memo, msl launch - dates?"
    r"\bwhen did (?:each|each one|they all|it all|these|those) (?:happen|take place)\b|[,:–—-]\s*(?:the\s+)?dates\W*$|"
    # ...and the order asked in other words: "give me the dates", "day by day", "oldest to newest", "which came
    # first and when"
    r"\bgive me (?:the |all the )?dates\b|\bday[- ]by[- ]day\b|\b(?:oldest|earliest) to (?:newest|latest)\b|"
    r"\bwhich (?:came|happened|was) first\b.*\bwhen\b",
    re.I,
)
# The span a timeline runs over: "from launch to zoph leaving" says where it ends, not which moves it shows.
SPAN = re.compile(
    r"\b(?:from|since)\b.+?\b(?:to|till|until)\b.*$|"
    # ...or only where it starts, an event of the subject: "lecun since he quit meta, what's happened",
    # "suleyman since leaving inflection, key dates"
    r"\bsince\s+(?:he|she|they|it|leaving|quitting|joining|exiting|departing|founding|starting)\b[^,;?]*",
    re.I,
)
_LEADING = re.compile(r"^[\s/]*(?:(?:of|for|on|about|the|a|an)\s+)*", re.I)
# Words around a timeline request that name no topic: "/timeline", "a timeline of events pls".
_FILLER = frozenset(
    {"events", "event", "pls", "please", "full", "complete", "give", "show", "me", "us", "happened"}
)
# The words of a "what happened ... in order" request, around its topic.
_AROUND = re.compile(
    r"^\s*what\b(?:\s+(?:has|have|had))?\s+happened\b(?:\s+(?:with|to|at|in|on))?|"
    r"[\s,]*\b(?:over (?:time|the years)|in order|step by step|so far)\s*$",
    re.I,
)


def topic_words(text: str) -> list[str]:
    """The words of a timeline's topic beyond function words ("of the", "what happened")."""
    return [w for w in words(text) if w not in QUESTION_STOP_WORDS and w not in _FILLER]


_LISTING = ("-", "–", "—", ":")


def topic_of(text: str) -> str:
    """What a timeline is of: the words after the request ("timeline on the h1b fee": "h1b fee"), else those
    before it ("h1b fee timeline"), without the words asking for it ("give me the")."""
    cue = TIMELINE_CUE.search(text)
    if cue is None:
        return text.strip(" ?!./")
    rest = text[cue.end() :].lstrip()
    before = " ".join(w for w in text[: cue.start()].split() if w.lower() not in _FILLER | {"the", "a", "an"})
    # "..., in order, signing to lawsuits to the lottery": what follows a comma says how, not of what; so does
    # what follows a dash or a colon after a topic ("k visa timeline - decree signed, takes effect")
    told = rest.startswith(",") or (rest.startswith(_LISTING) and bool(before.strip(" ?!./")))
    after = "" if told else _LEADING.sub("", rest).strip(" ?!./")
    # "what happened with the h1b fee, in order": the request is around the topic
    around = _AROUND.sub(" ", cue.group(0))
    inside = _LEADING.sub("", around.strip(" ?!.,/")) if around != cue.group(0) else ""
    return after or before.strip(" ?!./") or inside


# The span a topic is asked over, said at its end: "h1b changes over the past year", "deepseek in 2025".
_PERIOD = re.compile(
    r"[\s,]*\b(?:(?:over|in|during|for|from|since|before|until)\s+)?(?:the\s+)?(?:(?:past|last|previous|this)\s+"
    rf"(?:year|month|week|(?:12|twelve)\s+months|(?:7|seven)\s+days)|(?:(?:{MONTH_RE})\.?\s+)?(?:19|20)\d\d)"
    r"[\s,.?!]*$",
    re.I,
)


def shown_topic(topic: str) -> str:
    """A timeline's topic as its answer names it, without the span the question asks it over (which the answer
    says its own way: "in the past 12 months")."""
    return _PERIOD.sub("", topic).strip(" ,") or topic


# Words of a timeline request that name no aspect of its subject: how it is asked ("in order", "so far", "walk
# me through") and its span ("up to now").
_ASKING = frozenset(
    words(
        "timeline timelines chronology chronological chronologically history story stories saga sequence order "
        "dated dates date key moments step steps walk through blow unfold unfolded unfolding play played out "
        "pan panned so far now today time times years year over since up till until then after before when "
        "went going go goes get gets getting got gone start started beginning end big"
    )
)
# Words asking for its moves: a timeline asked for them and for more ("exits, funding, hiring") is the whole
# timeline.
_MOVE_WORDS = frozenset(
    words(
        "moves move career job jobs hopping path talent people staff ppl team org organisation organization "
        "hiring hires hired hire joined joins joining join arrivals recruits recruiting poaching poached "
        "departures departure exits exit exodus left leave leaves leaving leavers lost losing losses lose loses "
        "quit quits quitting defections researchers researcher engineers engineer scientists executives execs "
        "employees leaders members folks founders founder cofounders cofounder co-founders co-founder"
    )
)


def aspect_of(text: str, named: set[str]) -> list[str]:
    """What a timeline of a named subject is narrowed to beyond its subject and span ("timeline of deepseek
    going for outside money": "outside", "money"); [] for a timeline of the whole subject, also when its
    moves are asked for too."""
    cue = TIMELINE_CUE.search(text)
    if cue is not None:
        text = f"{text[: cue.start()]} {text[cue.end() :]}"
    text = SPAN.sub("", text)
    asked = [w for w in topic_words(text) if w not in named and not w.isdigit() and not w.endswith("s'")]
    if _MOVE_WORDS & set(asked):
        return []
    return [w for w in asked if w not in _ASKING]
