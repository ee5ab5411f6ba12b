"""The vocabulary and regular expressions of move extraction (see corpus.moves).

Names are capitalised spans: a *person* is 2-4 name tokens (particles like "de"/"van" allowed), an
*organisation* 1-5 tokens that may hold digits, dots and inner capitals ("01.AI", "xAI"). Each pattern in
PATTERNS ties a move verb tightly to its subject; the other expressions find a move's source, role and date.
"""

from __future__ import annotations

import re

from corpus.text import MONTH_NAMES, NAME_STOP_WORDS, word_set

# ----------------------------------------------------------------------------- vocabulary


def _phrases(text: str) -> frozenset[str]:
    return frozenset(" ".join(p.split()) for p in text.split(","))


_UP = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LO = "a-zß-öø-ÿā-ž"

PARTICLES = word_set("de del della der den van von da di du dos das le la bin al")
TITLE_WORDS = word_set(
    "Dr Mr Mrs Ms Prof Professor Sir Dame Researcher Scientist Engineer Executive Veteran Senior Chief Head "
    "President Director Founder Co-Founder Cofounder Vice Principal Lead Star Top Former CEO CTO CFO COO "
    "Researchers Scientists Engineers Executives Founders Co-Founders Cofounders"
)
# Tokens that mark a capitalised span as an organisation, never a person.
_ORG_WORDS = word_set(
    "AI Labs Lab Research Technologies Technology Inc Corp Group Capital Ventures Partners Holdings Machines "
    "Intelligence Superintelligence Institute University Academy Systems Robotics Cloud Platforms Studio "
    "Studios Brain Foundation Bank Network Networks Team Project Board Council Ministry"
)
_KNOWN_ORGS = word_set(
    "OpenAI Anthropic Google DeepMind Meta Microsoft Apple Amazon Nvidia Tesla xAI ByteDance Alibaba "
    "Tencent Baidu Huawei Xiaomi DeepSeek Moonshot Zhipu MiniMax Mistral Cohere Inflection Scale Perplexity "
    "Samsung Intel IBM Oracle Salesforce Netflix Uber Stripe Instacart SenseTime StepFun Kuaishou Meituan "
    "Qwen Facebook Instagram Twitter AMD Adobe Sachs Stanley JPMorgan Aramco SoftBank Sequoia McKinsey "
    "Deloitte KPMG Accenture Temasek Mubadala"
)
KNOWN_ORGS_LOWER = frozenset(org.lower() for org in _KNOWN_ORGS)
PRODUCTS = word_set(
    "ChatGPT Gemini Claude Llama Grok Siri Copilot Kimi Hunyuan Doubao Ernie Seed Sora Alexa Bard Codex "
    "Cursor Autopilot Pangu MiMo Kling Qwen"
)
# Not an organisation on its own: "head of applied AI at Uber" names Uber.
GENERIC_ORGS = word_set("AI ML AGI LLM LLMs")
PLACES = _phrases(
    "China, Beijing, Shanghai, Hangzhou, Shenzhen, Hong Kong, Singapore, Taiwan, Japan, Tokyo, Korea, Seoul, "
    "India, London, Paris, Berlin, Zurich, Europe, France, Germany, Britain, UK, US, USA, America, Canada, "
    "Toronto, Montreal, Silicon Valley, San Francisco, Palo Alto, Mountain View, Seattle, New York, Boston, "
    "California, Washington, Israel, Tel Aviv, Dubai"
)
# Nationality and region words: "Saudi Aramco", "Chinese officials" are never a person's name.
_NATIONALITIES = word_set("Saudi Emirati Japanese Korean Indian German Canadian Israeli Swiss Dutch Nordic")
# A Chinese surname that is also an English pronoun ("He Kaiming"): allowed to open a two-token name.
STOP_SURNAMES = word_set("He")
NOT_PERSON = _ORG_WORDS | _KNOWN_ORGS | PRODUCTS | NAME_STOP_WORDS | TITLE_WORDS | _NATIONALITIES
NOT_ORG_AFTER = re.compile(
    r"^(?:['’]s\s+board|\s+(?:team|teams|project|projects|effort|initiative|program|programme|board|"
    r"committee|panel|discussion|ranks|race|list|group|unit|division)\b)"
)

# ----------------------------------------------------------------------------- building blocks

_NAME = rf"(?:[{_UP}]['’]|Mc|Mac)?[{_UP}][{_LO}]+(?:-[{_UP}{_LO}][{_LO}]+)*\b"
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES)) + ")"
PERSON = rf"{_NAME}(?:\s+(?:{_PARTICLE}\s+)?{_NAME}){{1,3}}"
# A lone capitalised word is a person only if it is the surname of someone named in full elsewhere in the
# same text ("Pang", after "Ruoming Pang"); corpus.moves drops it otherwise.
_NOT_KNOWN_ORG = "(?!(?:" + "|".join(sorted(_KNOWN_ORGS)) + r")\b)"
_PERSON_OR_SURNAME = rf"(?:{PERSON}|{_NOT_KNOWN_ORG}{_NAME})"

_ORG_TOKEN = (
    rf"(?=[\w.&+\-]*[{_UP}{_LO}])"  # at least one letter: "2019" or "10,000" is no organisation
    rf"(?:[{_UP}0-9][\w&+\-]*(?:\.[\w&+\-]+)*|[a-z]{{1,2}}[A-Z][\w&+\-]*)"
    r"(?![\w&+\-])"  # the whole token: "Meta's" never backtracks to "Met"
)
# "of"/"for" inside a name only after these words: "Allen Institute for AI", "University of Toronto".
_LINKING_WORDS = ("Institute", "University", "Academy", "Center", "Centre", "School")
_ORG_LINK = "(?:" + "|".join(f"(?<={word} )" for word in _LINKING_WORDS) + ")(?:of|for)"
_ORG = rf"{_ORG_TOKEN}(?:\s+(?:{_ORG_LINK}\s+)?{_ORG_TOKEN}){{0,4}}"

_JOB_NOUN = (
    r"(?:researchers?|scientists?|engineers?|executives?|designers?|veterans?|staffers?|employees?|alum\w*|"
    r"leaders?|lead|head|directors?|managers?|chief|founders?|co-?founders?|architects?|developers?|"
    r"officers?|president|VP|CTO|CEO|CSO|COO|experts?|specialists?|pioneers?|luminar(?:y|ies)|stars?|"
    r"members?|chiefs?|heads?|deans?|professors?|vice-?presidents?|SVP|EVP|chair(?:man|woman)?)"
)
_TITLE_WORD = r"(?:(?!(?:and|or|the|of|at|for|with|from|who|which|that)\b)[a-z][a-z-]*|AI|ML|LLM|AGI)"
# "research director", "head of research", "vice-president of engineering": lower-case words around a job.
_SHORT_TITLE = rf"(?:{_TITLE_WORD}\s+){{0,3}}?{_JOB_NOUN}"
_TITLE = (
    rf"{_SHORT_TITLE}(?:\s+(?:of|for)\s+(?:{_TITLE_WORD}\s+){{0,2}}?(?!of\b|at\b|for\b){_TITLE_WORD}"
    rf"(?=\s+[{_UP}]|\s+at\b|,))?"
)
_PREFIX = (
    rf"(?:(?P<pre_pos>{_ORG})['’]s\s+(?:{_TITLE}(?:\s+|,\s+(?=[{_UP}][^,;]{{2,40}},)))?"
    rf"|(?:[Ff]ormer\s+|[Ee]x-)?(?P<pre_title>{_ORG})\s+{_TITLE}\s+"
    rf"|[Ff]ormer\s+{_TITLE}\s+"
    rf"|{_SHORT_TITLE}\s+(?:of|at|from)\s+(?P<pre_of>{_ORG}),\s+(?=[{_UP}][^,;]{{2,60}},))?"
)
# One name in a list, with its own source: "Yuanzhi Li from OpenAI", "Jiahui Yu (OpenAI)".
_ITEM_TAIL = rf"(?:\s+\({_ORG}\)|\s+from\s+{_ORG})?"
# Later names in a list may carry a title of their own: "..., and co-founder Douglas Chen".
_ITEM_PREFIX = (
    rf"(?:(?:his|her|their)\s+)?(?:(?:fellow|former)\s+|ex-)?"
    rf"(?:(?:{_ORG})['’]s\s+(?:{_SHORT_TITLE}\s+)?|(?:(?:{_ORG})\s+)?{_SHORT_TITLE}\s+)?"
)
_ITEM = rf"{_ITEM_PREFIX}{_PERSON_OR_SURNAME}{_ITEM_TAIL}"
_PERSON_LIST = (
    rf"{_PERSON_OR_SURNAME}{_ITEM_TAIL}(?:\s*,\s*(?!and\b){_ITEM})*(?:,?\s+(?:and|as\s+well\s+as)\s+{_ITEM})?"
)
_PERSONS = rf"{_PREFIX}(?P<persons>{_PERSON_LIST})(?!['’]s\b)"
_APPOS_START = (
    rf"(?!as\b|to\b)(?:(?:formerly|previously|most\s+recently|until\s+recently|until\s+now|once|who|a|an|the|one\s+of|"
    rf"both|two|three|four|all|"
    rf"former|known\s+for|best\s+known\s+for)\b|ex-|{_ORG}['’]s\b|{_SHORT_TITLE}\s+(?:of|at)\b)"
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
# A time adverbial between subject and verb: "Tencent on 17 December 2025 appointed ...".
_WHEN = (
    rf"(?:,?\s+(?:on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:on|in)\s+(?:\d{{1,2}}\s+)?{MONTH_NAMES}(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|in\s+\d{{4}}|"
    rf"(?:in\s+)?(?:early|late|mid-?)\s*\d{{4}}|"
    rf"(?:last|this|earlier\s+this|later\s+that)\s+(?:week|month|year))(?![\w-]),?)?"
)
_HIRE = (
    r"(?:hired|hires|poached|poaches|lured|lures|recruited|recruits|brought\s+in|brings\s+in|signed|signs|"
    r"tapped|taps|appointed|appoints|named|names|snapped\s+up|snaps\s+up|rehired|rehires|re-hired|"
    r"brought\s+back|brings\s+back|took\s+on|takes\s+on|taken\s+on|brought\s+on|brings\s+on|"
    r"welcomed\s+back|welcomes\s+back|landed|lands|added|adds)"
)
_HIRE_PASSIVE = (
    r"(?:hired|poached|lured|recruited|brought\s+in|brought\s+on|taken\s+on|signed|tapped|appointed|named|"
    r"snapped\s+up|welcomed\s+back|rehired)"
)
# The hire verb again, as a participle coordinated with an earlier verb: "..., bringing in Y".
_HIRING = r"(?:hiring|rehiring|poaching|recruiting|bringing\s+in|bringing\s+back|luring|signing|appointing)"
# ", who left Z for X" is a relative clause: corpus.moves keeps its move only if the clause dates it.
_SUBJECT = rf"{_PERSONS}(?:{_APPOS_MID}|{_APPOS_WHO}|\s*,(?!\s+who\b)|(?P<rel>\s*,\s+who))?\s+"
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
    r"decamped\s+to|jumped\s+(?:ship\s+)?to|come\s+back\s+to|(?:went|gone|going|goes)\s+back\s+to|"
    r"(?:re-?)?surfaced\s+at|(?:re-?)?surfaces\s+at|landed\s+at|lands\s+at|"
    r"sign(?:ed|s)\s+(?:on\s+)?with|(?:made|makes|making)\s+the\s+(?:jump|switch|move|leap)\s+to|"
    r"(?<=has\s)gone\s+to|started\s+at|starts\s+at|(?:(?<=is\s)|(?<=are\s))now\s+(?:at|with)|"
    r"(?:moved|moves|moving)\s+(?:on\s+)?to\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:role|job|position|post)\s+(?:at|with)|"
    r"(?:took|takes|taken|taking|accepted|accepts)\s+(?:up\s+)?(?:a|an)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:role|job|position|post)\s+(?:at|with))"
)
_LEAVE_VERB = (
    r"(?:left|leaves|leaving|departed|departs|departing|quit|quits|quitting|exited|exits|exiting|"
    r"(?:resigned|resigns|resigning|retired|retires|retiring)\s+from|"
    r"(?:stepped|steps|stepping)\s+down\s+from|(?:parted|parts|parting)\s+ways\s+with)"
)
# What a person does next, after "left Z": "for X", "to join X", "to take a job at X", "and has joined X".
_NEXT = (
    r"(?:for|to\s+(?:join|rejoin|return\s+to|go\s+back\s+to|co-?found|found|start|launch)|to\s+take\s+(?:up\s+)?(?:a|an|the)\s+(?:[\w-]+\s+)?"
    r"(?:post|job|role|position)\s+(?:at|with)|and\s+(?:(?:later|then|has|have|had|since|now|reportedly|"
    r"briefly|subsequently)\s+){0,2}(?:joined|rejoined|moved\s+to|signed\s+with))"
)
_BE = r"(?:(?:has|have|had|is|are|was|were|will)\s+)?"
# "... were reported to have moved to X" / "was also reported that same week to have agreed to join X".
_REPORTED = r"(?:(?:is|are|was|were)\s+(?:also\s+)?reported\s+(?:[a-z]+\s+){0,3}?to\s+(?:have\s+)?)?"

PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # X (has) hired/poached/lured/appointed Y(, formerly of Z,) (away) (from Z)
        rf"{_TO}(?:,\s+which|\s+(?:said|says|confirmed|confirms|announced|announces){_WHEN}\s+(?:that\s+)?it)?"
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
        rf"{_TO}{_WHEN}\s+{_AUX}{_ADV}{_HIRE}\s+(?P<gap>(?:[\w-]+\s+){{0,3}}?(?:of\s+{_ORG}['’]s\s+"
        rf"(?:[\w-]+\s+){{0,3}}?)?(?:researchers|engineers|scientists|people|"
        rf"staff|staffers|employees|executives|specialists|leaders|founders|co-founders)(?:\s+from\s+[^,;]{{1,60}}?)?)"
        rf",\s+{_PERSONS}(?=,|\s+(?:for|to|as|in|on|who)\b|\s*[.]?\s*$)",
        # X's hiring of Y / X's new hire Y / X's new hires include Y
        rf"{_TO}['’]s\s+(?:(?:hiring|recruitment|poaching|appointment|signing)\s+of"
        rf"|(?:new|newest|latest|recent)\s+(?:hire|recruit|signing)s?(?:\s+(?:include|included|includes|are|were|is|was))?,?)\s+"
        rf"{_PERSONS}",
        # Z lost Y to X
        rf"{_FROM}\s+{_AUX}{_ADV}(?:lost|loses)\s+{_PERSONS}\s+to\s+{_TO}",
        # (a deal) returned / brought back Y to X
        rf"\b(?:returned|brought\s+back)\s+(?:[\w-]+\s+){{0,3}}?{_PERSONS}{_APPOS_ANY}?\s+to\s+{_TO}",
        # Y was hired/poached (away from Z) by X (from Z)
        rf"{_SUBJECT}(?:was|were|has\s+been|have\s+been|had\s+been)\s+{_ADV}{_HIRE_PASSIVE}\s+"
        rf"(?:away\s+)?(?:from\s+{_FROM}\s+)?by\s+{_TO}(?:\s+from\s+(?P<from2>{_ORG}))?",
        # Y (has) joined X (from Z) / Y is joining X / Y will join X / Y moved to X / Y returned to X
        rf"{_SUBJECT}{_SAID}{_REPORTED}{_BE}{_ADV}{_JOIN_VERB}\s+{_TO}{_WHEN}"
        rf"(?:\s+(?:from\s+{_FROM}|(?:together|along)\s+with\s+(?P<persons2>{_ITEM})))?",
        # Y left/departed/quit (Z) for X / to join X / and joined X; Y is leaving (the company) for X
        rf"{_SUBJECT}{_SAID}{_BE}{_ADV}{_LEAVE_VERB}(?:\s+{_LEFT_WHAT})?(?:,\s+[^,;]{{1,60}}?,)?{_WHEN}"
        rf"(?:\s+(?:after|following)\s+[^,;.]{{1,40}}?)?\s+{_NEXT}\s+{_TO_WHO}",
        # Y defected/moved/switched/jumped (ship) from Z to X
        rf"{_SUBJECT}{_AUX}{_ADV}(?:defected|defects|moved|moves|switched|switches|jumped(?:\s+ship)?|"
        rf"jumps(?:\s+ship)?|decamped|decamps)\s+from\s+{_FROM}\s+to\s+{_TO}",
        # Y was named chief executive of X / Y has been appointed head of research at X
        rf"{_SUBJECT}(?:was|were|has\s+been|have\s+been|had\s+been|is|will\s+be)\s+{_ADV}"
        rf"(?:named|appointed|made)\s+(?:as\s+)?(?:(?:the|its|a|an)\s+)?(?P<role_p>(?:(?:new|interim|acting)\s+)?"
        rf"{_TITLE})\s+(?:of|at)\s+{_TO}",
        # Y has become part of the ... team at X
        rf"{_SUBJECT}{_AUX}{_ADV}(?:become|became|becomes)\s+(?:part|a\s+member)\s+of\s+(?:the|its)\s+"
        rf"[^,;]{{1,50}}?\b(?:at|of)\s+{_TO}",
    )
)

# Departures with no named destination (corpus.moves keeps one only if no move of that person to somewhere
# is found in the same sentence). The subject may not be a relative clause (", who left Z in 2021,").
_DEP_SUBJECT = rf"{_PERSONS}(?:{_APPOS_MID}|\s*,(?!\s+who\b))?\s+"
_STEP_DOWN = r"(?:(?:stepped|steps|stepping|step)\s+down|resigned|resigns|resigning|retired|retires|retiring|quit|quits)"
_GONE = (
    r"(?:resigned|retired|departed|quit|left|exited|(?:stepped|stepping)\s+down|leaving|departing|retiring|"
    r"resigning)"
)
DEPARTURES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # Y left / has departed / is leaving / resigned from / stepped down from / parted ways with Z
        rf"{_DEP_SUBJECT}{_SAID}{_BE}{_ADV}{_LEAVE_VERB}\s+(?:(?:his|her|their)\s+(?:[\w-]+\s+)?"
        rf"(?:role|post|position|job|seat)s?\s+(?:at|with)\s+)?(?P<what>{_LEFT_WHAT})(?!['’]s\b|\s*-)",
        # Y stepped down as chief scientist of Z
        rf"{_DEP_SUBJECT}{_BE}{_ADV}{_STEP_DOWN}\s+as\s+(?:(?:the|its|his|her)\s+)?{_TITLE}\s+(?:of|at)\s+{_FROM}",
        # Z's chief technology officer Y resigned / Y, Z's head of X, has departed (the source is the prefix)
        rf"{_DEP_SUBJECT}{_BE}{_ADV}(?P<bare>{_GONE})(?=\s*[,.;]|\s*$|\s+(?:in|on|last|this|earlier|after|"
        rf"effective|amid|following|citing|over)\b)",
        # Z confirmed the departure of Y / Y's departure from Z
        rf"{_FROM}\s+{_AUX}{_ADV}(?:confirmed|announced|confirms|announces)\s+the\s+(?:departure|exit|"
        rf"resignation|retirement)\s+of\s+{_PERSONS}",
        rf"(?P<persons>{PERSON})['’]s\s+(?:departure|exit|resignation)\s+from\s+{_FROM}",
    )
)
# A departure's source read from a title or an appositive must be the person's employer, not a past one.
PAST_EMPLOYER = re.compile(r"\b(?:former|formerly|ex-|previously|once|until|earlier)\b", re.IGNORECASE)

HEARSAY = re.compile(
    r"\b(?:rumou?r\w*|den(?:y|ies|ied|ying)|speculat\w*|unconfirmed|hoax|not\s+true|false|untrue|baseless|"
    r"dismiss\w*|refut\w*|rebut\w*|contradict\w*|inaccurate|incorrect|misleading|erroneous|reject\w*\s+(?:\w+\s+){0,2}?(?:claims?|reports?))\b",
    re.IGNORECASE,
)
HEDGE_BEFORE = re.compile(
    r"\b(?:if|whether|unless|would|could|should|might|may|will|can|cannot|not|never|nor)"
    r"(?:\s+not)?(?:\s+have)?\s*,?\s*$",
    re.IGNORECASE,
)
HEDGE_LEAD = re.compile(r"^(?:If|Whether|Unless|Should|Would|Could|Might|Had|Once)\b")
ROLE = re.compile(
    r"^\s*,?\s*(?:(?:in|on)\s+[A-Z][a-z]+(?:\s+\d{4})?,?\s+)?"
    r"(?:as\s+(?:(?:its|their|the|his|her|a|an)\s+)?(?P<role>[^,;]+?)"
    r"|to\s+(?P<verb>lead|co-lead|head|run|oversee|spearhead|manage|direct)\s+(?P<obj>[^,;]+?))"
    r"(?=\s+(?:in|on|last|this|earlier|later|after|before|since|from|at|with|effective|starting|following|"
    r"amid|despite|according|when|while|where|which|who|but|and\s+will)\b|\s*[,;]|\.\s|\.?\s*$)"
)
# After the person hired: a board seat, an adviser or a business partner is no job move.
NOT_A_JOB = re.compile(
    r"^\s*,?\s*(?:to\s+(?:its|the|their)\s+(?:[\w-]+\s+){0,3}?(?:board|list|ranking|index)\b|to\s+advise|as\s+(?:an?\s+|its\s+|the\s+)?(?:[\w-]+\s+)?"
    r"(?:investor|adviser|advisor|partner|customer|supplier|underwriter|consultant|board\s+member|"
    r"independent\s+director|non-executive\s+director|shareholder|backer|sponsor)s?\b)",
    re.IGNORECASE,
)
BAD_ROLE = re.compile(r"^(?:part\s+of|a\s+result|well|such|an?\s+(?:offer|deal))\b", re.IGNORECASE)
FROM_AFTER = re.compile(
    rf"^[^.;]{{0,60}}?\b(?:after|following)\s+(?:(?:\w+\s+)?(?:leaving|departing|quitting|exiting|left|quit)\s+"
    rf"(?P<a>{_ORG})"
    rf"|(?:[\w-]+\s+){{1,5}}?(?:at|with)\s+(?P<b>{_ORG}))"
)
APPOS_FROM: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        rf"\b(?:formerly|previously|most\s+recently|until\s+recently|once)\s+(?:(?:an?|the)\s+(?:[\w-]+\s+){{0,4}}?)?"
        rf"(?:of|at|with|from)\s+(?P<org>{_ORG})",
        rf"^(?P<org>{_ORG})['’]s\b",
        rf"(?:\b[Ff]ormer\s+|\bex-)(?P<org>{_ORG})",
        rf"^(?:a|an|the)\s+(?:[a-z-]+\s+){{0,2}}(?P<org>{_ORG})\s+{_TITLE}\b",
        rf"^who\b[^,]*?\b(?:at|for|with)\s+(?P<org>{_ORG})",
        rf"^who\s+(?:\w+\s+){{1,2}}?(?P<org>{_ORG})['’]s\b",
        rf"^who\s+(?:had\s+|has\s+)?(?:quit|left|departed|exited)\s+(?P<org>{_ORG})",
        rf"\b{_JOB_NOUN}\s+(?:of|for)\s+[^,]{{1,40}}?\s+at\s+(?P<org>{_ORG})",
        rf"\b{_JOB_NOUN}\s+(?:of|at|with)\s+(?:(?:[a-z-]+\s+){{0,3}}(?=[A-Z0-9]|[a-z]{{1,2}}[A-Z]))?(?P<org>{_ORG})",
        rf"\b(?:came|recruited|hired|poached|joined)\s+(?:\w+\s+)?from\s+(?P<org>{_ORG})",
        rf"\bfrom\s+(?P<org>{_ORG})['’]s\b",
        rf",\s+(?P<org>{_ORG})['’]s\b",
    )
)
LEAD_FROM = re.compile(rf"^\s*(?:After|Following)\s+(?:[\w-]+\s+){{1,5}}?(?:at|with)\s+(?P<org>{_ORG}),\s+")
# "SoftBank's Vision Fund hired Y": the hiring unit's parent, when it is a well-known company.
PARENT_BEFORE = re.compile(rf"(?P<org>{_ORG})['’]s\s+$")
GAP_FROM = re.compile(rf"\bfrom\s+(?P<org>{_ORG})|\bof\s+(?P<pos>{_ORG})['’]s\s")
MONTH_YEAR = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d{2})\b"
)
MONTH_ONLY = re.compile(
    r"\b(?:in|since|last|this|early|late|mid-?)\s+(Jan(?:uary)?|Feb(?:ruary)?|March|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b(?!\s*\d)"
)
YEAR = re.compile(r"\b(?:in|early|late|mid-?)\s+((?:19|20)\d{2})\b(?!\s*[-–]\d)")

LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|,?\s+(?:and|as\s+well\s+as)\s+")
ITEM_PARTS = re.compile(
    rf"(?:(?:his|her|their)\s+)?(?:(?:fellow|former)\s+|ex-)?"
    rf"(?:(?P<pos>{_ORG})['’]s\s+(?:{_SHORT_TITLE}\s+)?|(?:(?P<org>{_ORG})\s+)?{_SHORT_TITLE}\s+)?"
    rf"(?P<name>{_PERSON_OR_SURNAME})(?:\s+\((?P<paren>{_ORG})\)|\s+from\s+(?P<src>{_ORG}))?"
)
