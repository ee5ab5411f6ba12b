"""Follow-ups about a thing rather than a person or company: "what is china's k visa?" then "when does it take
effect?" or "do u need a job offer to get one?"; "what is an acquihire?" then "why do companies do them?".
A bare follow-up that asks the same of the company just asked about: "who took over as SSI's CEO?" then
"and who's president now?". And another country: "why is there a shortage in china?" then "what about the
us?". And whether "it" or "they" is the company just asked about ("who did they hire?", "who runs it?")."""

from __future__ import annotations

import re
from collections.abc import Callable

from answer.model import Answer, AnswerKind
from answer.query import Question
from corpus.entities import Mention
from corpus.text import content_words

# Finds the companies and people a text names (the entity index's `find`).
Finder = Callable[[str], list[Mention]]

# "What is X?", "whats an X", "explain X", "define X": X is what "it" means next.
_WHAT_IS = re.compile(
    r"^\W*(?:what(?:'s|’s|s)?(?:\s+(?:is|are|was|were))?|explain|define|tell me about)\s+"
    r"(?:an?\s+)?(?P<topic>[^?.!]+?)\W*$",
    re.I,
)
# A topic is a short phrase: a longer one is a question of its own ("what is the main reason Meta...").
MAX_TOPIC_WORDS = 4
# Question words that make a "what is" phrase no topic: "what is he paid", "what is Meta doing".
_NOT_TOPIC = re.compile(
    r"\b(he|she|they|it|doing|paid|paying|offering|happening|going|the (?:reason|difference|latest))\b", re.I
)
# Pronouns for a thing or a company, and for several: what a follow-up refers back with.
IT = re.compile(r"\b(it|its)\b", re.I)
PLURAL = re.compile(r"\b(they|them|their|theirs)\b", re.I)
_ONE = re.compile(r"\b(?:get|got|apply for|need|have|use)\s+(one)\W*$", re.I)
# "and who's president now?": "and" and a question with no name of its own.
# Only "who" asks: "and how many are gone?" counts something else than the company's moves.
_AND_ASK = re.compile(r"^\W*(?:and|but|so|ok|okay)\s+(?P<ask>who(?:'s|’s|\s)\s*.+)$", re.I)


def topic_of(q: Question) -> str:
    """The thing a "what is X?" question asks about (not a person or company), or ""."""
    match = _WHAT_IS.match(q.text)
    if match is None or q.people or any(m.entity.kind == "org" for m in q.mentions):
        return ""
    topic = match.group("topic").strip()
    if len(topic.split()) > MAX_TOPIC_WORDS or _NOT_TOPIC.search(topic):
        return ""
    return topic


def _plural(topic: str) -> str:
    return topic if topic.endswith("s") else f"{topic}s"


# "That" or "this" as the thing itself: "how much does that cost?", "who is this for?".
_THAT = re.compile(
    r"\b(that|this)\b(?=\s+(?:costs?|means?|works?|does|do|takes?|appl(?:y|ies)|lasts?|pays?|requires?|"
    r"involves?|affects?|covers?|for)\b|\W*$)",
    re.I,
)


def with_topic(text: str, topic: str) -> str | None:
    """The follow-up with "it", "they", "that" or a final "one" put as the topic (None: no such word)."""
    one = _ONE.search(text)
    if one:
        return text[: one.start(1)] + topic + text[one.end(1) :]
    that = _THAT.search(text)
    if that and not IT.search(text):
        return text[: that.start(1)] + topic + text[that.end(1) :]
    if IT.search(text) and not _WORTH_IT.search(text):  # "is a phd still worth it": an idiom
        return IT.sub(lambda m: f"{topic}'s" if m.group(1).lower() == "its" else topic, text)
    if PLURAL.search(text):
        return PLURAL.sub(
            lambda m: f"{_plural(topic)}'" if m.group(1).lower() == "their" else _plural(topic), text
        )
    return None


def at_company(text: str, new: Question, company: str | None) -> str | None:
    """ "and who's president now?" after a question about one company: the same asked of that company
    (None: not such a follow-up)."""
    match = _AND_ASK.match(text)
    if match is None or company is None or new.mentions:
        return None
    ask = match.group("ask").rstrip(" ?.!")
    return f"{ask} at {company}?"


# Countries and regions the talent war is told in; the longer names first ("the us" before "us").
PLACES = (
    "the united states",
    "united states",
    "the us",
    "the usa",
    "usa",
    "us",
    "america",
    "the uk",
    "uk",
    "britain",
    "europe",
    "the eu",
    "eu",
    "china",
    "india",
    "japan",
    "south korea",
    "korea",
    "france",
    "germany",
    "canada",
    "singapore",
    "taiwan",
    "hong kong",
    "israel",
    "the middle east",
    "the uae",
    "uae",
    "silicon valley",
)
_PLACE = "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True))
_PLACE_IN = re.compile(rf"\b(?:{_PLACE})\b", re.I)
_OTHER_PLACE = re.compile(
    rf"^\W*(?:(?:and|but|so|ok|okay)\s+)?(?:(?:what|how)\s+about\s+|and\s+)(?:in\s+)?(?P<place>{_PLACE})\W*$",
    re.I,
)


def new_place(text: str, last: str) -> bool:
    """Does the text name a country or region the last question did not ("whats the capital of france" after
    a question about Meta)? A question about a place of its own is no follow-up (lower-case "us" is the
    pronoun: "tell us more")."""
    said = {m.group(0).lower() for m in _PLACE_IN.finditer(text) if m.group(0) != "us"}
    return bool(said - {m.group(0).lower() for m in _PLACE_IN.finditer(last)})


def in_place(text: str, last: str) -> str | None:
    """ "what about the us?" after "why is there a shortage of AI talent in China?": the same question about
    the place the follow-up names (None: not such a follow-up, or the last question named no place)."""
    follow = _OTHER_PLACE.match(text)
    if follow is None:
        return None
    before = _PLACE_IN.search(last)
    if before is None:
        return None
    return last[: before.start()] + follow.group("place") + last[before.end() :]


# A profile's first line: "Yann LeCun: Meta → AMI (November 2025)."; its last stop is whom "it" means next.
_LAST_STOP = re.compile(r"→\s*([^→(\[.,;]+?)\s*(?:[(\[.,;]|$)")


# A question asking which company: its answer names it, and "it" means that one next.
_WHICH_COMPANY = re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:company|start-?up|firm|lab|business)\b", re.I)


def latest_company(answer: Answer, q: Question | None = None, find: Finder | None = None) -> str:
    """The company an answer leaves "it" meaning ("" if none): where the person a profile is about went last
    ("how much did it raise?" after "what is Yann LeCun's new company called?" is about AMI), or the company
    the answer names first to "which start-up did meta agree to buy..." (Manus, not Meta)."""
    if not answer.lines:
        return ""
    if answer.kind is AnswerKind.PROFILE:
        # its path: the first line, or the one after where they went last ("where is he now?")
        path = next((line.text for line in answer.lines if "→" in line.text), "")
        stops = _LAST_STOP.findall(path)
        return stops[-1].strip() if stops else ""
    if q is None or find is None or not answer.answered:
        return ""
    if not _WHICH_COMPANY.search(q.text) and not _SOMEONES_FIRM.search(q.text):
        return ""
    asked = {m.entity.keys for m in q.mentions}
    said = answer.lines[0].text.rsplit("→", 1)[-1]  # "Yao Shunyu: OpenAI → Tencent": where someone went
    found = sorted(find(said), key=lambda m: m.start)  # the first named: "AMI, the start-up LeCun founded"
    named = [m.entity for m in found if m.entity.kind == "org" and m.entity.keys not in asked]
    return named[0].name if named else ""


# Someone's company asked about by what it is: "how much did lecun's startup raise".
_SOMEONES_FIRM = re.compile(
    r"\w['’]s\s+(?:new\s+|own\s+|latest\s+)?(?:start-?up|company|firm|lab|venture)\b", re.I
)


# "work there", "who runs it there", "how many people are there now": the place just talked about. Not "is
# there", "are there any", "there is": no place at all.
_THERE = re.compile(
    r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )\bthere\b(?!\s+(?:is|are|was|were|a|an|any|been|be)\b)",
    re.I,
)


# A company named by what it is: "who runs the start-up now?" after "who did Google DeepMind hire from Hume AI?"
_THE_FIRM = re.compile(r"\bthe (?P<what>start-?ups?|company|firm)\b", re.I)


def the_firm(text: str, q: Question, firm: str | None) -> str | None:
    """A follow-up naming "the start-up" or "the company" with the company meant: a start-up is the one
    people were hired from (the acqui-hired one), else the company the last question was about."""
    found = _THE_FIRM.search(text)
    if found is None or firm is None:
        return None
    startup = found.group("what").lower().startswith("start")
    name = q.origins[0].entity.name if startup and q.origins else firm
    return _THE_FIRM.sub(name, text, count=1)


def at_there(text: str, company: str | None) -> str | None:
    """The follow-up with "there" put as the company asked about before (None: no such "there")."""
    if company is None or not _THERE.search(text):
        return None
    return _THERE.sub(f"at {company}", text)


# What happened before or after the question's news: "who took over after Zoph", "when Wang went to Meta".
WHEN = re.compile(r"\b(?:after|when|since|once|following|before)\b", re.I)


def firm_of(q: Question | None, losing: bool) -> str | None:
    """The company "they" or "it" means: the one that hired, or the one that lost people ("who did they
    lose?")."""
    if q is None:
        return None
    clause = WHEN.search(q.text)
    cut = clause.start() if clause else len(q.text)
    main = [m for m in q.mentions if m.entity.kind == "org" and m.start < cut]
    # a company named only in an "after X went to Meta" clause is the background, not the subject
    orgs = main or [m for m in q.mentions if m.entity.kind == "org"]
    ranked = [*q.origins, *q.destinations, *q.either] if losing else [*q.destinations, *q.either, *q.origins]
    ranked = [m for m in ranked if m in orgs]
    return (ranked or orgs)[0].entity.name if orgs else None


# What companies do: "they" or "it" before one of these is the company ("did they hire", "it paid").
_COMPANY_VERB = re.compile(
    r"\s+(?:(?!(?:were|are|was|is|be|been)\b)\w+\s+)?(?:hire[sd]?|hiring|pay|pays|paid|paying|offer(?:s|ed)?|poach(?:es|ed)?|recruit(?:s|ed)?|"
    r"do|does|did|doing|keep|kept|say|says|said|spend|spent|lose|lost|los(?:es|ing)|announce[sd]?|build|built|"
    r"want(?:s|ed)?|plan(?:s|ned)?|invest(?:s|ed)?|acquire[sd]?|buy|bought|sign(?:s|ed)?|rais(?:e|es|ed|ing)|"
    r"launch(?:es|ed)?|releas(?:e|es|ed)|get|gets|got|make|makes|made|value[sd]?|fund(?:s|ed)?|cut|cuts|cutting|lay(?:s|ing)?\s+off|laid\s+off|fire[sd]?|shed|"
    # ...or what it is after: "what kind of ai is it going after", "what is it working on"
    r"go(?:es|ing)? after|focus(?:es|ed|ing)? on|work(?:s|ing)? on|target(?:s|ed|ing)?|building|developing|"
    r"pursu(?:e|es|ed|ing)|chas(?:e|es|ed|ing))\b",
    re.I,
)
# "Get" with what is done to someone: "they get paid", "they got poached".
_GOT_DONE = re.compile(r"\s+(?:get|gets|got|getting)\s+(?:paid|\w+ed)\b", re.I)
# What is done to a company, ending a follow-up about it: "who runs it?", "what happened to it?".
_DONE_TO_FIRM = re.compile(
    r"\b(?:runs?|ran|running|leads?|led|leading|heads?|headed|founded|started|owns?|owned|manages?|managed|"
    r"joined|join|joining|left|leave|leaving|quit|bought|acquired|funds?|funded|backs?|backed|"
    r"happened to|about|with|for)\s+$",
    re.I,
)
# ...and what is said of one: "when was it founded?", "where is it based?".
_FIRM_STATE = re.compile(
    r"\s+(?:founded|started|set up|launched|based|headquartered|valued|worth|called|run|led|owned|backed)\b",
    re.I,
)


def acts(text: str, pronoun: re.Match[str]) -> bool:
    """Is the pronoun a company doing something ("did they hire", "they paid"), not people ("were they
    paid", "where did they go")?"""
    if pronoun.group(1).lower() != "they":
        return False  # "which of them got the most money": "them" does nothing
    passive = re.search(r"\b(?:were|are|was|is|be|been|being)\s+$", text[: pronoun.start()], re.I)
    got = _GOT_DONE.match(text[pronoun.end() :])  # "what did they get paid": done to them
    return passive is None and got is None and _COMPANY_VERB.match(text[pronoun.end() :]) is not None


# A question refers back to what was said before with these: "was it hit by the cuts?", "how reliable is
# that?", "who works there?" (not "is there"); and, less surely, with "the": "who led the round?"
_BACK = re.compile(
    # (not "these days", "this year": now, no thing said before)
    r"\b(?:that|this(?!\s+(?:year|month|week|time)\b)|those|these(?!\s+days\b)|it|its|they|them|their|he|him|his|"
    r"she|her)\b|(?<!is )(?<!are )(?<!was )"
    r"(?<!were )\bthere\b",
    re.I,
)
_THE = re.compile(r"\bthe\b", re.I)


# A question word and at most a verb says only what it asks, not what about: "who invested?", "why?"
_ELLIPTIC = re.compile(
    r"^\W*(?:and\s+|so\s+|but\s+)?(?:who|why|when|where|how much|how many|how come|which|what)(?:\s+\w+)?\W*$",
    re.I,
)


def elliptic(text: str) -> bool:
    """Does a question say only what it asks, not what about ("who invested?")?"""
    return _ELLIPTIC.match(text) is not None


# A question this short, with one word of its own at most, asks about what was being talked of: "who can
# apply?" after "what is the k visa", "is it free?".
TERSE_WORDS = 4


def terse(text: str) -> bool:
    """Is a question short, with at most one word of its own ("who can apply?")?"""
    return len(text.split()) <= TERSE_WORDS and len(content_words(text)) <= 1


def refers_back(text: str, *, definite: bool = False) -> bool:
    """Does a question refer back to something ("was it hit by the cuts?") rather than ask something new
    ("what does FYI mean?")? `definite`: "the" refers back too ("who led the round?")."""
    if any(not bound_in_question(m) for m in _BACK.finditer(text)):
        return True
    described = _described_first(text)  # "the pytorch co-creator, which lab is he at": no "the" back
    return definite and _THE.search(text, described.end() if described else 0) is not None


# A message that names this many content words before "they" says itself who they are ("which researchers has
# deepseek lost and who got them", "china's k visa vs the us h1b changes, how do they compare").
ANTECEDENT_WORDS = 3


_WORTH = re.compile(r"\bworth\s+$", re.I)
_WORTH_IT = re.compile(r"\bworth\s+it\b|\btime\s+is\s+it\b", re.I)  # idioms: "it" is no thing
_SOMEONES_TITLE = re.compile(
    r"\w['’]s\s+(?:\w+\s+)?(?:boss|ceo|cto|founder|co-?founder|chief|head|leader|president|owner|creator)\b",
    re.I,
)


def said_before(pronoun: re.Match[str], q: Question) -> bool:
    """Does the question say itself whom a pronoun means, before it: a company before "it"/"its" ("who joined
    Thinking Machines Lab when it launched?", "did xai lose half its cofounders"), a name or a few words of
    its own before "they", or whom it asks about (`bound_in_question`)? Such a pronoun is not the last
    question's subject."""
    if bound_in_question(pronoun):
        return True
    before = [m for m in q.mentions if m.end <= pronoun.start()]
    said = q.text[: pronoun.start()]
    if IT.fullmatch(pronoun.group(0)):
        # "is a phd still worth it": an idiom, no company
        return any(m.entity.kind == "org" for m in before) or _WORTH.search(said) is not None
    return bool(before) or len(content_words(said)) >= ANTECEDENT_WORDS


def named_in_question(pronoun: re.Match[str]) -> bool:
    """Does the question say itself whom "he"/"his" means: whose title it names before it ("tiktok's boss,
    whats his name"), or whom it asks about (`bound_in_question`)? Such a pronoun means that person, not the
    last question's."""
    return _SOMEONES_TITLE.search(pronoun.string[: pronoun.start()]) is not None or bound_in_question(pronoun)


# Whom a pronoun means, said by the question itself: "who quit openai to start his own lab" (whoever quit),
# "who led gemini pre-training before meta hired him" (whoever led it), "the pytorch co-creator, which lab is
# he at" (the co-creator).
_OWN = re.compile(r"\s+own\b", re.I)
_WHO_DOES = re.compile(
    r"^\W*(?:and\s+|so\s+|but\s+)?who\s+(?!(?:did|does|do|will|would|should|can)\b)\w+", re.I
)
# ...a clause with its own subject: "before meta hired him", not "before them"
_LATER_CLAUSE = re.compile(r"\b(?:before|after|when|once|until|since|while)\s+(?:[\w'’-]+\s+){1,4}$", re.I)
_DONE_TO = frozenset({"him", "her", "them"})
# ...a description of this many words of its own says whom it means ("the pytorch co-creator"; "the ceo, where is
# he now" goes on about the last question's company)
DESCRIPTION_WORDS = 2
_DESCRIBED_FIRST = re.compile(r"^\W*the\s+[^,?.!]{3,60},\s", re.I)


def bound_in_question(pronoun: re.Match[str]) -> bool:
    """Does the question itself say whom the pronoun means (its own subject, or a description it opens
    with)? Such a pronoun is not the last question's person."""
    said = pronoun.string[: pronoun.start()]
    if not content_words(said):
        return False
    own = _OWN.match(pronoun.string[pronoun.end() :]) is not None
    # ...done to whoever is asked about in a clause after ("before meta hired him"); "he" there is someone
    # else ("who took over after he left")
    done_to = pronoun.group(0).lower() in _DONE_TO
    asked_who = done_to and _WHO_DOES.match(said) is not None and _LATER_CLAUSE.search(said) is not None
    return own or asked_who or _described_first(said) is not None


def _described_first(text: str) -> re.Match[str] | None:
    """The description a question opens with, of a few words of its own ("the pytorch co-creator, ...")."""
    described = _DESCRIBED_FIRST.match(text)
    return described if described and len(content_words(described.group(0))) >= DESCRIPTION_WORDS else None


def it_as_firm(m: re.Match[str], text: str, firm: str) -> str:
    """ "its" is the company's; "it" only when it does what companies do ("who did it hire?") or has what is
    done to companies done to it ("who runs it?", "when was it founded?")."""
    if m.group(1).lower() == "its":
        return f"{firm}'s"
    after = text[m.end() :]
    done_to = _DONE_TO_FIRM.search(text[: m.start()]) and not re.match(r"\s*\w", after)
    return firm if _COMPANY_VERB.match(after) or _FIRM_STATE.match(after) or done_to else m.group(1)
