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
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from corpus.model import Move

__all__ = ["extract_moves", "split_sentences"]

# ----------------------------------------------------------------------------- vocabulary


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in text.split(","))


_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LO = "a-zß-öø-ÿā-ž"

_PARTICLES = _words("de del della der den van von da di du dos das le la bin al")
_STOP_WORDS = _words(
    # articles, pronouns, conjunctions and sentence openers
    "The A An In On At By For From Last This That These Those Earlier Later Meanwhile Separately Also "
    "However But And Then Now Today Yesterday He She They We It His Her Their Its Our I Sources Source "
    "Analysts Reports According After Before Since While If Whether Unless When As Although Though "
    "Because Once Should Would Could Might Had "
    # days and months
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December "
    # generic descriptions
    "Former Ex Startup Company Firm Rival Chinese American French British European Tech Giant"
)
_TITLE_WORDS = _words(
    "Dr Mr Mrs Ms Prof Professor Sir Dame Researcher Scientist Engineer Executive Veteran Senior Chief Head "
    "President Director Founder Co-Founder Cofounder Vice Principal Lead Star Top Former CEO CTO CFO COO "
    "Researchers Scientists Engineers Executives Founders Co-Founders Cofounders"
)
# Tokens that mark a capitalised span as an organisation, never a person.
_ORG_WORDS = _words(
    "AI Labs Lab Research Technologies Technology Inc Corp Group Capital Ventures Partners Holdings Machines "
    "Intelligence Superintelligence Institute University Academy Systems Robotics Cloud Platforms Studio "
    "Studios Brain Foundation Bank Network Networks Team Project Board Council Ministry"
)
_KNOWN_ORGS = _words(
    "OpenAI Anthropic Google DeepMind Meta Microsoft Apple Amazon Nvidia Tesla xAI ByteDance Alibaba "
    "Tencent Baidu Huawei Xiaomi DeepSeek Moonshot Zhipu MiniMax Mistral Cohere Inflection Scale Perplexity "
    "Samsung Intel IBM Oracle Salesforce Netflix Uber Stripe Instacart SenseTime StepFun Kuaishou Meituan "
    "Qwen Facebook Instagram Twitter AMD Adobe"
)
_KNOWN_ORGS_LOWER = frozenset(org.lower() for org in _KNOWN_ORGS)
_PRODUCTS = _words(
    "ChatGPT Gemini Claude Llama Grok Siri Copilot Kimi Hunyuan Doubao Ernie Seed Sora Alexa Bard Codex "
    "Cursor"
)
_PLACES = _phrases(
    "China, Beijing, Shanghai, Hangzhou, Shenzhen, Hong Kong, Singapore, Taiwan, Japan, Tokyo, Korea, Seoul, "
    "India, London, Paris, Berlin, Zurich, Europe, France, Germany, Britain, UK, US, USA, America, Canada, "
    "Toronto, Montreal, Silicon Valley, San Francisco, Palo Alto, Mountain View, Seattle, New York, Boston, "
    "California, Washington, Israel, Tel Aviv, Dubai"
)
# A Chinese surname that is also an English pronoun ("He Kaiming"): allowed to open a two-token name.
_STOP_SURNAMES = _words("He")
_NOT_PERSON = _ORG_WORDS | _KNOWN_ORGS | _PRODUCTS | _STOP_WORDS | _TITLE_WORDS
_ABBREVIATIONS = _words(
    "dr mr mrs ms prof inc corp ltd co jr sr st vs etc no gen gov sen rep jan feb mar apr jun jul aug sep "
    "sept oct nov dec e.g i.e approx dept est fig mt ft"
)
_MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_ABBREVIATIONS, 1)}
_NOT_ORG_AFTER = re.compile(
    r"^(?:['’]s\s+board|\s+(?:team|teams|project|projects|effort|initiative|program|programme|board|"
    r"committee|panel|discussion|ranks|race|list|group|unit|division)\b)"
)

# ----------------------------------------------------------------------------- building blocks

_NAME = rf"(?:[{_UP}]['’]|Mc|Mac)?[{_UP}][{_LO}]+(?:-[{_UP}{_LO}][{_LO}]+)*\b"
_PARTICLE = "(?:" + "|".join(sorted(_PARTICLES)) + ")"
_PERSON = rf"{_NAME}(?:\s+(?:{_PARTICLE}\s+)?{_NAME}){{1,3}}"
# A lone capitalised word is a person only if it is the surname of someone named in full elsewhere in the
# same text ("Pang", after "Ruoming Pang"); _people() drops it otherwise.
_PERSON_OR_SURNAME = rf"(?:{_PERSON}|{_NAME})"

_ORG_TOKEN = (
    rf"(?=[\w.&+\-]*[{_UP}{_LO}])"  # at least one letter: "2019" or "10,000" is no organisation
    rf"(?:[{_UP}0-9][\w&+\-]*(?:\.[\w&+\-]+)*|[a-z]{{1,2}}[A-Z][\w&+\-]*)"
)
# "of"/"for" inside a name only after these words: "Allen Institute for AI", "University of Toronto".
_LINKING_WORDS = ("Institute", "University", "Academy", "Center", "Centre", "School")
_ORG_LINK = "(?:" + "|".join(f"(?<={word} )" for word in _LINKING_WORDS) + ")(?:of|for)"
_ORG = rf"{_ORG_TOKEN}(?:\s+(?:{_ORG_LINK}\s+)?{_ORG_TOKEN}){{0,4}}"

_JOB_NOUN = (
    r"(?:researchers?|scientists?|engineers?|executives?|designers?|veterans?|staffers?|employees?|alum\w*|"
    r"leaders?|lead|head|directors?|managers?|chief|founders?|co-?founders?|architects?|developers?|"
    r"officers?|president|VP|CTO|CEO|CSO|COO|experts?|specialists?|pioneers?|luminar(?:y|ies)|stars?|"
    r"members?|chiefs?|heads?)"
)
_TITLE = rf"(?:(?:[a-z][a-z-]*|AI|ML|LLM|AGI)\s+){{0,3}}?{_JOB_NOUN}"
_PREFIX = (
    rf"(?:(?P<pre_pos>{_ORG})['’]s\s+(?:{_TITLE}\s+)?"
    rf"|(?:[Ff]ormer\s+|[Ee]x-)?(?P<pre_title>{_ORG})\s+{_TITLE}\s+"
    rf"|[Ff]ormer\s+{_TITLE}\s+)?"
)
# One name in a list, with its own source: "Yuanzhi Li from OpenAI", "Jiahui Yu (OpenAI)".
_ITEM_TAIL = rf"(?:\s+\({_ORG}\)|\s+from\s+{_ORG})?"
# Later names in a list may carry a title of their own: "..., and co-founder Douglas Chen".
_ITEM_PREFIX = (
    rf"(?:(?:his|her|their)\s+)?(?:(?:fellow|former)\s+|ex-)?"
    rf"(?:(?:{_ORG})['’]s\s+(?:{_TITLE}\s+)?|(?:(?:{_ORG})\s+)?{_TITLE}\s+)?"
)
_ITEM = rf"{_ITEM_PREFIX}{_PERSON_OR_SURNAME}{_ITEM_TAIL}"
_PERSON_LIST = (
    rf"{_PERSON_OR_SURNAME}{_ITEM_TAIL}(?:\s*,\s*(?!and\b){_ITEM})*(?:,?\s+(?:and|as\s+well\s+as)\s+{_ITEM})?"
)
_PERSONS = rf"{_PREFIX}(?P<persons>{_PERSON_LIST})(?!['’]s\b)"
_APPOS_START = (
    rf"(?!as\b|to\b)(?:(?:formerly|previously|most\s+recently|until\s+recently|until\s+now|once|who|a|an|the|one\s+of|"
    rf"former|known\s+for|best\s+known\s+for)\b|ex-|{_ORG}['’]s\b|{_TITLE}\s+(?:of|at)\b)"
)
# An appositive after the person: ", formerly of Z," / ", who led research at Z," / ", a former Z engineer,";
# a second clause may follow if it opens like one too (", who led Qwen Code, Alibaba's coding work,").
_APPOS_BODY = rf"{_APPOS_START}[^,;]{{0,160}}?(?:,\s+{_APPOS_START}[^,;]{{0,60}}?)?"
_APPOS_MID = rf"(?:,\s+(?P<appos>{_APPOS_BODY}),)"
_APPOS_ANY = rf"(?:,\s+(?P<appos>{_APPOS_BODY})(?:,|(?=\s*[.!]?\s*$)))"
# ", a researcher who ..." / ", one of three researchers from Z who ...": the move is in the relative clause.
_APPOS_WHO = r"(?:,\s+(?P<appos_who>(?:a|an|the|one\s+of)\s+(?:[\w'’()-]+\s+){0,8}?)(?:who|that)\s+)"
_AUX = r"(?:(?:has|have|had)\s+)?"
_ADV = (
    r"(?:(?:also|all|both|already|recently|reportedly|quietly|officially|formally|finally|just|now|since|"
    r"then|later|briefly|subsequently|eventually|duly)\s+)?"
)
_MONTH_NAMES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# A time adverbial between subject and verb: "Tencent on 17 December 2025 appointed ...".
_WHEN = (
    rf"(?:,?\s+(?:(?:on|in)\s+(?:\d{{1,2}}\s+)?{_MONTH_NAMES}(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|in\s+\d{{4}}|"
    rf"(?:last|this|earlier\s+this|later\s+that)\s+(?:week|month|year))(?![\w-]),?)?"
)
_HIRE = (
    r"(?:hired|hires|poached|poaches|lured|lures|recruited|recruits|brought\s+in|brings\s+in|signed|signs|"
    r"tapped|taps|appointed|appoints|named|names|snapped\s+up|snaps\s+up|rehired|rehires|re-hired|"
    r"brought\s+back|brings\s+back|took\s+on|takes\s+on)"
)
_HIRE_PASSIVE = r"(?:hired|poached|lured|recruited|brought\s+in|signed|tapped|appointed|named|snapped\s+up)"
# The hire verb again, as a participle coordinated with an earlier verb: "..., bringing in Y".
_HIRING = r"(?:hiring|rehiring|poaching|recruiting|bringing\s+in|bringing\s+back|luring|signing|appointing)"
_SUBJECT = rf"{_PERSONS}(?:{_APPOS_MID}|{_APPOS_WHO}|\s*,(?:\s+who)?)?\s+"
# "Y said on 19 June that he is leaving ..." : the subject reports its own move.
_SAID = (
    r"(?:(?:has\s+)?(?:said|says|announced|announces|confirmed|confirms)\b(?:[^,;.]|\.\d){0,40}?\s+"
    r"(?:that\s+)?(?:he|she|they)\s+)?"
)
_TO = rf"(?P<to>{_ORG})"
_FROM = rf"(?P<from_>{_ORG})"
# What a person leaves: "Apple", "Apple's foundation models team", "the company", "the ChatGPT maker".
_LEFT_WHAT = (
    rf"(?:{_FROM}(?:\s+\([^()]{{1,30}}\))?(?:['’]s\s+(?:[\w-]+\s+){{0,4}}?(?:team|group|lab|unit|division|"
    rf"office))?|(?:the|that|this|his|her|their)\s+(?:[\w.'’-]+\s+){{0,3}}?(?:company|maker|start-?up|lab|"
    rf"laboratory|firm|group|business|giant|team|employer|job|post|role|position|unit))"
)
# Whom a person joins: "Anthropic", "its rival Anthropic".
_TO_WHO = rf"(?:(?:its|their|the)\s+(?:[\w-]+\s+){{0,2}}?(?:rival|competitor)\s+)?{_TO}"
_JOIN_VERB = (
    r"(?:joined|joins|joining|join|rejoined|rejoins|rejoining|rejoin|moved\s+(?:on\s+)?to|moves\s+(?:on\s+)?to|"
    r"moving\s+(?:on\s+)?to|came\s+(?:back\s+)?to|comes\s+(?:back\s+)?to|coming\s+(?:back\s+)?to|"
    r"returned\s+to|returns\s+to|returning\s+to|agreed\s+to\s+join|defected\s+to|defects\s+to|"
    r"decamped\s+to|jumped\s+(?:ship\s+)?to)"
)
_LEAVE_VERB = r"(?:left|leaves|leaving|departed|departs|departing|quit|quits|quitting|exited|exits|exiting)"
_BE = r"(?:(?:has|have|had|is|are|was|were|will)\s+)?"
# "... were reported to have moved to X" / "was also reported that same week to have agreed to join X".
_REPORTED = r"(?:(?:is|are|was|were)\s+(?:also\s+)?reported\s+(?:[a-z]+\s+){0,3}?to\s+(?:have\s+)?)?"

_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # X (has) hired/poached/lured/appointed Y(, formerly of Z,) (away) (from Z)
        rf"{_TO}(?:,\s+which|\s+(?:said|says|confirmed|confirms|announced|announces)\s+(?:that\s+)?it)?"
        rf"{_WHEN}\s+{_AUX}{_ADV}{_HIRE}\s+(?:away\s+)?{_PERSONS}{_APPOS_ANY}?"
        rf"(?:\s+(?:away\s+)?from\s+{_FROM})?(?:\s+(?:along|together)\s+with\s+(?P<persons2>{_ITEM}"
        rf"(?:,?\s+and\s+{_ITEM})?))?",
        # X said on 1 December that ... and that it has hired Y
        rf"{_TO}\s+(?:said|says|announced|announces|confirmed|confirms)\b(?:[^;.]|\.\d){{0,200}}?\bthat\s+it\s+"
        rf"{_AUX}{_ADV}{_HIRE}\s+{_PERSONS}{_APPOS_ANY}?(?:\s+(?:away\s+)?from\s+{_FROM})?",
        # X (verb) ... and hired Y / X hired N researchers from Z, (including|bringing in) A, B and C
        rf"{_TO}{_WHEN}\s+(?:{_AUX}{_ADV}{_HIRE}\b(?P<gap>(?:[^,;.]|\.\d){{0,80}}?),\s+(?:including|bringing\s+in|"
        rf"among\s+them)|(?:(?:[^,;.]|\.\d)(?!\bsaid\b|\bsays\b)){{0,80}}?\s(?:and|by)\s+{_HIRING})\s+"
        rf"(?:(?:the|its|their|his|her)\s+[^,;]{{1,60}}?,\s+)?{_PERSONS}",
        # X hired three researchers from Z, A, B and C
        rf"{_TO}{_WHEN}\s+{_AUX}{_ADV}{_HIRE}\s+(?:[\w-]+\s+){{0,3}}?(?:researchers|engineers|scientists|people|"
        rf"staff|staffers|employees|executives|specialists|leaders|founders|co-founders)\s+"
        rf"(?P<gap>from\s+[^,;]{{1,60}}?),\s+{_PERSONS}(?=,|\s+(?:for|to|as|in|on|who)\b|\s*[.]?\s*$)",
        # X's hiring of Y / X's new hire Y / X's new hires include Y
        rf"{_TO}['’]s\s+(?:(?:hiring|recruitment|poaching|appointment|signing)\s+of"
        rf"|(?:new|newest|latest|recent)\s+(?:hire|recruit|signing)s?(?:\s+(?:include|included|are|were))?,?)\s+"
        rf"{_PERSONS}",
        # Z lost Y to X
        rf"{_FROM}\s+{_AUX}{_ADV}(?:lost|loses)\s+{_PERSONS}\s+to\s+{_TO}",
        # (a deal) returned / brought back Y to X
        rf"\b(?:returned|brought\s+back)\s+(?:[\w-]+\s+){{0,3}}?{_PERSONS}{_APPOS_ANY}?\s+to\s+{_TO}",
        # Y was hired/poached (away from Z) by X (from Z)
        rf"{_SUBJECT}(?:was|were|has\s+been|have\s+been|had\s+been)\s+{_ADV}{_HIRE_PASSIVE}\s+"
        rf"(?:away\s+)?(?:from\s+{_FROM}\s+)?by\s+{_TO}(?:\s+from\s+(?P<from2>{_ORG}))?",
        # Y (has) joined X (from Z) / Y is joining X / Y will join X / Y moved to X / Y returned to X
        rf"{_SUBJECT}{_SAID}{_REPORTED}{_BE}{_ADV}{_JOIN_VERB}\s+{_TO}"
        rf"(?:\s+(?:from\s+{_FROM}|(?:together|along)\s+with\s+(?P<persons2>{_ITEM})))?",
        # Y left/departed/quit (Z) for X / to join X / and joined X; Y is leaving (the company) for X
        rf"{_SUBJECT}{_SAID}{_BE}{_ADV}{_LEAVE_VERB}(?:\s+{_LEFT_WHAT})?(?:,\s+[^,;]{{1,60}}?,)?{_WHEN}\s+"
        rf"(?:for|to\s+(?:join|co-?found|found|start|launch)|and\s+(?:later\s+|then\s+|has\s+|reportedly\s+|"
        rf"briefly\s+)?(?:joined|rejoined|moved\s+to))\s+{_TO_WHO}",
        # Y defected/moved/switched/jumped (ship) from Z to X
        rf"{_SUBJECT}{_AUX}{_ADV}(?:defected|defects|moved|moves|switched|switches|jumped(?:\s+ship)?|"
        rf"jumps(?:\s+ship)?|decamped|decamps)\s+from\s+{_FROM}\s+to\s+{_TO}",
        # Y has become part of the ... team at X
        rf"{_SUBJECT}{_AUX}{_ADV}(?:become|became|becomes)\s+(?:part|a\s+member)\s+of\s+(?:the|its)\s+"
        rf"[^,;]{{1,50}}?\b(?:at|of)\s+{_TO}",
    )
)

_HEARSAY = re.compile(
    r"\b(?:rumou?r\w*|den(?:y|ies|ied|ying)|speculat\w*|unconfirmed|hoax|not\s+true|false|untrue|baseless)\b",
    re.IGNORECASE,
)
_HEDGE_BEFORE = re.compile(
    r"\b(?:if|whether|unless|would|could|should|might|may|will|can|cannot|not|never|nor)"
    r"(?:\s+not)?(?:\s+have)?\s*,?\s*$",
    re.IGNORECASE,
)
_HEDGE_LEAD = re.compile(r"^(?:If|Whether|Unless|Should|Would|Could|Might|Had|Once)\b")
_ROLE = re.compile(
    r"^\s*,?\s*(?:(?:in|on)\s+[A-Z][a-z]+(?:\s+\d{4})?,?\s+)?"
    r"(?:as\s+(?:(?:its|their|the|his|her|a|an)\s+)?(?P<role>[^,;]+?)"
    r"|to\s+(?P<verb>lead|co-lead|head|run|oversee|spearhead|manage|direct)\s+(?P<obj>[^,;]+?))"
    r"(?=\s+(?:in|on|last|this|earlier|later|after|before|since|from|at|with|effective|starting|following|"
    r"amid|despite|according|when|while|where|which|who|but|and\s+will)\b|\s*[,;]|\.\s|\.?\s*$)"
)
_BAD_ROLE = re.compile(r"^(?:part\s+of|a\s+result|well|such|an?\s+(?:offer|deal))\b", re.IGNORECASE)
_FROM_AFTER = re.compile(
    rf"^[^.;]{{0,60}}?\b(?:after|following)\s+(?:(?:leaving|departing|quitting|exiting)\s+(?P<a>{_ORG})"
    rf"|(?:[\w-]+\s+){{1,5}}?(?:at|with)\s+(?P<b>{_ORG}))"
)
_APPOS_FROM: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        rf"\b(?:formerly|previously|most\s+recently|until\s+recently|once)\s+(?:of|at|with|from)\s+(?P<org>{_ORG})",
        rf"^(?P<org>{_ORG})['’]s\b",
        rf"(?:\b[Ff]ormer\s+|\bex-)(?P<org>{_ORG})",
        rf"^(?:a|an|the)\s+(?:[a-z-]+\s+){{0,2}}(?P<org>{_ORG})\s+{_TITLE}\b",
        rf"^who\b[^,]*?\b(?:at|for|with)\s+(?P<org>{_ORG})",
        rf"^who\s+(?:\w+\s+){{1,2}}?(?P<org>{_ORG})['’]s\b",
        rf"\b(?:co-?founders?|founders?|head|chief|director|leader|veteran|researcher|scientist|engineer|"
        rf"executive)\s+(?:of|at)\s+(?:(?:[a-z-]+\s+){{0,3}}(?=[A-Z0-9]|[a-z]{{1,2}}[A-Z]))?(?P<org>{_ORG})",
        rf"\b(?:came|recruited|hired|poached|joined)\s+(?:\w+\s+)?from\s+(?P<org>{_ORG})",
        rf"\bfrom\s+(?P<org>{_ORG})['’]s\b",
        rf",\s+(?P<org>{_ORG})['’]s\b",
    )
)
_GAP_FROM = re.compile(rf"\bfrom\s+(?P<org>{_ORG})")
_MONTH_YEAR = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d{2})\b"
)
_MONTH_ONLY = re.compile(
    r"\b(?:in|since|last|this|early|late|mid-?)\s+(Jan(?:uary)?|Feb(?:ruary)?|March|Apr(?:il)?|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b(?!\s*\d)"
)
_YEAR = re.compile(r"\b(?:in|early|late|mid-?)\s+((?:19|20)\d{2})\b(?!\s*[-–]\d)")

# ----------------------------------------------------------------------------- sentence splitting

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Þ])")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


def _is_abbreviation(before: str) -> bool:
    """Whether the word ending just before a full stop is an abbreviation or an initial ("Dr", "U.S")."""
    words = before.split()
    if not words:
        return False
    word = words[-1].lstrip("(\"'“‘")
    return word.lower() in _ABBREVIATIONS or bool(_INITIALS.fullmatch(word))


def _split_block(block: str) -> Iterator[str]:
    start = 0
    for match in _BOUNDARY.finditer(block):
        if block[match.start()] == "." and _is_abbreviation(block[start : match.start()]):
            continue
        sentence = block[start : match.end()].strip()
        if sentence:
            yield sentence
        start = match.end()
    tail = block[start:].strip()
    if tail:
        yield tail


def split_sentences(text: str) -> list[str]:
    """Split text into sentences: paragraphs and list items, then at . ! ? except after "Dr", "U.S" etc."""
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*(?:#|[-*•]\s|\d+[.)]\s))", text):
        block = " ".join(paragraph.split())
        sentences.extend(_split_block(block))
    return sentences


# ----------------------------------------------------------------------------- entity cleaning


def _trim(tokens: list[str], drop: frozenset[str]) -> list[str]:
    while tokens and tokens[0].rstrip(".") in drop:
        tokens = tokens[1:]
    while tokens and tokens[-1].rstrip(".") in drop:
        tokens = tokens[:-1]
    return tokens


def _blocks_person(token: str, *, first: bool) -> bool:
    if first and token in _STOP_SURNAMES:
        return False
    return token in _NOT_PERSON or token.lower() in _KNOWN_ORGS_LOWER


def _clean_person(raw: str) -> str | None:
    """A person's name from a capitalised span, or None if it is a company, product or stop word."""
    tokens = raw.split()
    if not (len(tokens) == 2 and tokens[0] in _STOP_SURNAMES):
        tokens = _trim(tokens, _STOP_WORDS | _TITLE_WORDS)
    names = [t for t in tokens if t not in _PARTICLES]
    if not 2 <= len(names) <= 4 or tokens[0] in _PARTICLES:
        return None
    if any(_blocks_person(token, first=i == 0) for i, token in enumerate(names)):
        return None
    name = " ".join(tokens)
    return None if name in _PLACES else name


def _clean_org(raw: str | None) -> str | None:
    """An organisation's name from a capitalised span, or None if it is a place, product or stop word."""
    if raw is None:
        return None
    tokens = _trim(raw.split(), _STOP_WORDS)
    name = " ".join(tokens)
    if not name or name in _PLACES or name in _PRODUCTS or name in _TITLE_WORDS:
        return None
    return name


_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|,?\s+(?:and|as\s+well\s+as)\s+")
_ITEM_PARTS = re.compile(
    rf"(?:(?:his|her|their)\s+)?(?:(?:fellow|former)\s+|ex-)?"
    rf"(?:(?P<pos>{_ORG})['’]s\s+(?:{_TITLE}\s+)?|(?:(?P<org>{_ORG})\s+)?{_TITLE}\s+)?"
    rf"(?P<name>{_PERSON_OR_SURNAME})(?:\s+\((?P<paren>{_ORG})\)|\s+from\s+(?P<src>{_ORG}))?"
)


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
    for part in _LIST_SEPARATOR.split(raw):
        found = _ITEM_PARTS.fullmatch(part.strip())
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
    for found in re.finditer(_PERSON, text):
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
    for pattern in _APPOS_FROM:
        found = pattern.search(appos)
        if found:
            return _clean_org(found.group("org"))
    return None


def _from_of(match: re.Match[str], rest: str) -> str | None:
    """The organisation the person left: "from Z" first, then prefixes, appositives and "after ... at Z"."""
    for name in ("from_", "from2", "pre_pos", "pre_title"):
        org = _clean_org(_group(match, name))
        if org:
            return org
    org = _appos_from(_group(match, "appos")) or _appos_from(_group(match, "appos_who"))
    if org:
        return org
    gap = _GAP_FROM.search(_group(match, "gap") or "")
    if gap:
        return _clean_org(gap.group("org"))
    after = _FROM_AFTER.search(rest)
    if after:
        return _clean_org(after.group("a") or after.group("b"))
    return None


def _role_of(rest: str) -> str | None:
    """The role from the words after the move: "as chief scientist", "to lead its model team"."""
    found = _ROLE.search(rest)
    if not found:
        return None
    role = found.group("role") or f"{found.group('verb')} {found.group('obj')}"
    role = role.strip().rstrip(".")
    if _BAD_ROLE.match(role) or len(role) > 80 or len(role.split()) > 10:
        return None
    return role


def _date_of(sentence: str, published: dt.date | None) -> str | None:
    """A month ("2024-07") or year ("2024") named in the sentence, else the published month, else None."""
    found = _MONTH_YEAR.search(sentence)
    if found:
        return f"{found.group(2)}-{_MONTHS[found.group(1)[:3].lower()]:02d}"
    year = _YEAR.search(sentence)
    if year:
        return year.group(1)
    if published is None:
        return None
    month = _MONTH_ONLY.search(sentence)
    if month:
        number = _MONTHS[month.group(1)[:3].lower()]
        # "in June" in an article of March 2025 means June 2024: the latest June up to publication.
        return f"{published.year - (number > published.month):04d}-{number:02d}"
    return f"{published.year:04d}-{published.month:02d}"


def _is_hedged(sentence: str, match: re.Match[str]) -> bool:
    """A conditional, modal or negation right before the move ("if", "could", "never") or opening it."""
    return bool(_HEDGE_BEFORE.search(sentence[: match.start()]) or _HEDGE_LEAD.match(match.group(0)))


def _target(match: re.Match[str], sentence: str) -> str | None:
    to = _clean_org(_group(match, "to"))
    if to is None or _NOT_ORG_AFTER.match(sentence[match.end("to") :]):
        return None
    return to


def _moves_in(sentence: str, published: dt.date | None, surnames: dict[str, str]) -> Iterator[Move]:
    if sentence.rstrip().endswith("?") or _HEARSAY.search(sentence):
        return
    for pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            to = _target(match, sentence)
            if to is None or _is_hedged(sentence, match):
                continue
            rest = sentence[match.end() :]
            source = _from_of(match, rest)
            role = _role_of(rest)
            date = _date_of(sentence, published)
            people = _people(match.group("persons"), surnames) + _people(_group(match, "persons2"), surnames)
            for person, own_source in people:
                origin = own_source or source
                if person not in (to, origin) and origin != to:
                    yield Move.model_validate(
                        {"person": person, "from": origin, "to": to, "role": role, "date": date}
                    )


def extract_moves(text: str, published: dt.date | None = None) -> list[Move]:
    """Talent moves stated as facts in text, deduplicated by (person, to), in order of first mention.

    The date of a move is the month/year named in its sentence, else the month it was published, else None.
    """
    seen: set[tuple[str, str]] = set()
    moves: list[Move] = []
    surnames = _surnames(text)
    for sentence in split_sentences(text):
        for move in _moves_in(sentence, published, surnames):
            key = (move.person, move.to)
            if key not in seen:
                seen.add(key)
                moves.append(move)
    return [move for move in moves if not _earlier_stint(move, moves)]


def _earlier_stint(move: Move, moves: list[Move]) -> bool:
    """ "Bianchi left Apple for Perplexity in April ... Bianchi joined Apple in 2017": a dated move to the
    employer the person is later recorded leaving is background, not news. A return ("rejoined OpenAI" after
    leaving it) is dated after the departure and is kept."""
    if not move.date:
        return False
    return any(
        other.person == move.person
        and other.from_ == move.to
        and other.date is not None
        and move.date < other.date[: len(move.date)]
        for other in moves
    )
