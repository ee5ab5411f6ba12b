"""Telling a question about the bot itself ("what can you do?", "how do i subscribe", "r u a real person")
from a question about the news, and which topic it asks: exact wordings first, then any message addressed to
the bot (or asking how to use it) made only of words about the bot."""

from __future__ import annotations

import re
from enum import Enum

from answer.cues import CHAT_OPENER
from corpus.text import STOP_WORDS, word_set, words

_BOT = r"(?:you|u|this(?: bot| thing| app| chat| service)?|talentbot|the bot)"
_DATA = r"(?:news|articles?|information|info|data|stories|knowledge|database|corpus|index|sources?)"
# "hi, ", "ok so ", "and ": what may come before a question to the bot.
_OPENER = rf"^{CHAT_OPENER}"
_CLOSER = r"[\s?!.]*$"


class Topic(Enum):
    """What a question about the bot asks."""

    HELP = "help"
    MAKER = "maker"
    SOURCES = "sources"
    RECENCY = "recency"
    SIZE = "size"
    RECAP = "recap"  # the weekly recap: how to subscribe, stop it, change its day
    LANGUAGE = "language"  # which languages it reads and answers in
    TRUST = "trust"  # how it works and how far to trust it: does it make things up, is it online
    PRIVACY = "privacy"  # what it keeps about the people who use it


_TOPICS: tuple[tuple[Topic, str], ...] = (
    (
        Topic.PRIVACY,
        rf"(?:do|does|will|can) {_BOT} (?:store|save|keep|log|record|track|remember|sell|share|read)"
        r"(?: (?:my|our|any|the|all))? (?:data|messages?|questions?|chats?|info|information|history|"
        r"conversations?|stuff|details)|"
        r"(?:is|are) my (?:data|messages?|questions?|chats?|info|information) (?:private|safe|stored|saved|kept|"
        rf"logged)|what (?:do|does) {_BOT} (?:store|save|keep|know|remember) about (?:me|us)|"
        r"(?:what(?:'s| is) (?:your|the) )?privacy(?: policy)?|gdpr|(?:how (?:do|can) i )?delete my (?:data|info|chats?)",
    ),
    (
        Topic.RECAP,
        r"(?:how (?:do|can) i |can i |i want to |pls |please )?(?:subscribe|unsubscribe|sign (?:me )?up)"
        r"(?: to (?:the |your )?(?:weekly )?(?:recap|digest|updates|newsletter|news))?",
    ),
    (
        Topic.LANGUAGE,
        rf"(?:what|which) languages? (?:do|can|does) {_BOT} (?:speak|understand|read|answer in|know)|"
        rf"(?:do|can) {_BOT} (?:speak|understand|read|answer in) \w+(?: too| as well)?",
    ),
    (
        Topic.MAKER,
        rf"who (?:made|built|created|wrote|developed|designed|programmed|coded|owns|runs|maintains|is behind) "
        rf"{_BOT}|who(?:'s| is) your (?:creator|maker|developer|author|owner)|"
        r"are (?:you|u) (?:an? )?(?:ai|bot|robot|human|person|real|chatgpt|gpt|llm|language model)|"
        r"is (?:this|this bot|this thing|talentbot) (?:an? )?(?:ai|bot|robot|chatgpt|gpt|llm)",
    ),
    (
        Topic.SOURCES,
        rf"where (?:do|does) (?:you|your {_DATA}|the {_DATA}) (?:come|get \w+(?: \w+)?) from|"
        rf"where (?:do|does) (?:you|it) get (?:your|its|the) {_DATA}(?: from)?|"
        r"what(?: are|'re| r) your (?:news )?sources|what sources do you (?:use|have|read)|"
        r"(?:which|what) (?:publishers|sources|news ?papers|sites|websites|outlets|media)"
        r"(?: do you (?:use|read|cover|have|follow)| are you (?:using|reading|based on))?|"
        rf"what (?:news|articles) do you (?:read|use|have)|what(?:'s| is) your (?:source|data|corpus|database)",
    ),
    (
        Topic.RECENCY,
        rf"how (?:recent|new|fresh|old|current|up[- ]to[- ]date) (?:is|are) (?:you|your|the)(?: {_DATA})?|"
        rf"(?:how )?up[- ]to[- ]date are (?:you|your {_DATA})|are you up[- ]to[- ]date|"
        rf"when (?:were|was) (?:you|your {_DATA}) (?:last )?(?:updated|refreshed)|"
        r"when did you last (?:update|get news|read)|"
        r"what(?:'s|s| is) your (?:newest|latest|most recent|last|oldest|earliest|first) (?:article|story)|"
        r"what(?:'s|s| is) your (?:knowledge |data |training |news )?cut-?off(?: date)?|"
        rf"what (?:dates|period|time span|years) do (?:you|your {_DATA}) cover|how far back do (?:you|your {_DATA}) go|"
        # "u got anything older than 2023 in there", "do you have anything newer than june"
        r"(?:(?:do|have) )?(?:you|u) (?:got|have|know) (?:any(?:thing)?|news|articles|stories) (?:older|earlier|"
        r"newer|later|more recent|from before|from after) (?:than )?.*|"
        # "how often is the news updated", "how often do you update"
        rf"how often (?:is|are|do|does) (?:the |your |ur )?{_DATA} (?:get )?(?:updated|refreshed|added)|"
        rf"how often (?:do|does) {_BOT} (?:update|refresh|get (?:new )?{_DATA}|add (?:new )?{_DATA})(?: {_DATA})?|"
        rf"(?:when|how) (?:is|are) (?:the |your |ur )?{_DATA} updated",
    ),
    (
        Topic.SIZE,
        r"how (?:many|much) (?:news )?(?:articles|stories|sources|publishers|documents|data|news)"
        rf"(?: articles)? (?:do you (?:have|know|cover|use)|have you (?:got|read|indexed)|"
        rf"are there|are in your {_DATA}|is in your {_DATA}|are you using)|"
        rf"how (?:big|large) is your {_DATA}|stats|statistics",
    ),
    (
        Topic.HELP,
        r"/?help(?: me)?|about|commands|menu|start|"
        r"what (?:can|could|should|do) (?:you|u|i) (?:do|ask(?: you)?|help (?:me )?with|tell me|answer)|"
        r"what (?:do|can) you know(?: about)?|what (?:are|r) (?:you|u)(?: good)?(?: for| at)?|who (?:are|r) (?:you|u)|"
        rf"what(?:'s| is) {_BOT}|what (?:is|does) {_BOT} (?:do|for)|"
        rf"how (?:do|does|can) (?:i use {_BOT}|{_BOT} work)|how to use {_BOT}|"
        r"what (?:questions|kinds? of questions|things) (?:can|should) i ask(?: you)?|"
        # "can i ask u anything or only ai jobs stuff", "can i ask you about anything"
        r"(?:can|could|may) i ask (?:you|u) (?:anything|everything|about anything|any question)\b.*|"
        r"(?:tell me )?about (?:you|yourself|this bot)|"
        r"(?:what does|what's|whats|how does|how do i use|explain)(?: the)? /\w+(?: command)?(?: do| for| work)?|"
        # "if i wanna see two labs side by side is there a command for that"
        r"(?:.*\b)?(?:is there|are there|do you have|do u have|have you got|you got|u got) (?:a |an |any )?"
        r"(?:commands?|shortcuts?|slash commands?)\b.*",
    ),
)
_MATCHERS = tuple((topic, re.compile(_OPENER + f"(?:{body})" + _CLOSER, re.I)) for topic, body in _TOPICS)

# A message addressed to the bot: "you", "ur", "this bot"...
_ADDRESSED = re.compile(
    r"\b(you|u|ur|your|yours|yourself|talentbot|(?:this|the) (?:bot|app|chat|service))\b", re.I
)
# ...or asking how to use it ("how do i subscribe", "give me some example questions"), or naming what only the
# bot has (its publishers, commands, the weekly recap).
_USING = re.compile(
    r"\b(how (?:do|can|should) i|can i|could i|i want to|give me|show me)\b.*\b(use|ask|subscribe|unsubscribe|"
    r"sign up|recaps?|digest|summar(?:y|ies)|newsletter|weekly|updates|commands?|settings|examples?|questions?)\b|"
    r"\b(subscribe|unsubscribe|subscription|publishers|commands|example questions|sample questions)\b|"
    r"\b(stop|pause|cancel|change|choose|pick|turn off)\b.*\b(recaps?|digest|newsletter|weekly|messages)\b|"
    r"\b(recaps?|digest|newsletter|weekly \w+)\b.*\b(stop|pause|cancel|arrives?|day|time|sent|sends|delivered|"
    r"comes?|out|free|cost|costs|price)\b|\bwhen\b.*\b(recaps?|digest|newsletter)\b|"
    # what the bot sends: "stop sending me stuff", "how often do u message me", "turn it off"
    r"\b(stop|quit|pause|cancel)\s+(sending|messaging|texting|pinging)\b|\bturn (?:it|this|them|you|u) off\b|"
    r"\bhow often\b.*\b(message|send|text|ping)\w*|\bnotifications?\b|"
    # the recap by its name, or asked for: "weekly recap", "can you summarize the week"
    r"^\W*(?:the\s+)?(?:weekly\s+)?(?:ai\s+)?(?:recap|digest|newsletter)s?\W*$|\bsummari[sz]e\b.*\bweek\b",
    re.I,
)
# The words a question about the bot is made of, besides function words: what it reads, how recent, who made
# it, what to ask it. A message addressed to the bot with any other word is about the news ("can you tell me
# why China is short of AI talent?").
ABOUT_WORDS = STOP_WORDS | word_set(
    "news article articles story stories info information data database corpus index source sources publisher "
    "publishers site sites website websites outlet outlets paper papers newspaper newspapers media feed feeds "
    "read use using used cover covers have got know come comes from get pull pulls where which what kind kinds sort "
    "stuff things thing questions question ask answer help can could do does work works made make built "
    "created developed designed run runs owns real person human robot bot ai chatgpt gpt llm model "
    "recent date dates updated update refreshed new newest latest last old oldest earliest far back current cutoff "
    "cut off "
    "period time span many much big large number r u ur talentbot go goes back topic topics subject subjects "
    "area areas week weeks month months today yesterday days "
    "hi hello hey ok okay please pls plz um hmm btw tell app chat service "
    # the weekly recap and the commands
    "subscribe subscribed unsubscribe subscription sign up weekly recap recaps digest updates newsletter send "
    "sent receive every stop pause cancel change turn day free cost costs commands command settings i me my "
    "want example examples sample some give show "
    # languages, and how far to trust it
    "language languages speak understand english chinese spanish french german russian japanese korean arabic "
    "other internet online web browse search google access live accurate accuracy trust trusted reliable "
    "correct right wrong true hallucinate hallucinating things up pick picks choose chose select under hood "
    "inside behind scenes fact check checked verify verified often frequently connected connect answers "
    "answered replies messages message cite cites citing citation citations possible arrive arrives arriving "
    "only one loads lots can't cannot won't anything everything sending messaging notifications notification "
    "turn off "
    # a summary sent, and what is kept about the asker
    "summary summaries store stores stored storing save saves saved keep keeps kept private privacy delete "
    "remember track tracking log logs gdpr safe "
    # its name, its price, how it decides: "what's your name", "do you cost money", "list your commands"
    "whats what's name called list open source money price paid decide decides say says asked"
)
# Which topic a loosely worded question about the bot asks, by its words, in this order.
_LOOSE_TOPICS: tuple[tuple[Topic, re.Pattern[str]], ...] = (
    (
        Topic.PRIVACY,
        re.compile(
            r"\b(privacy|private|stor(?:e|es|ed|ing)|sav(?:e|es|ed|ing)|delete|gdpr|track\w*)\b", re.I
        ),
    ),
    (
        Topic.RECAP,
        re.compile(
            r"\b(subscri\w*|unsubscribe|sign up|recaps?|digest|summar(?:y|ies|i[sz]e)|newsletter|weekly|every week|updates|"
            r"how often|"
            r"sending|send me|message me|messaging me|turn (?:it|this|them) off|notifications?)\b",
            re.I,
        ),
    ),
    (
        Topic.LANGUAGE,
        re.compile(
            r"\b(languages?|speak|english|chinese|spanish|french|german|russian|japanese|korean|arabic)\b",
            re.I,
        ),
    ),
    (
        Topic.TRUST,
        re.compile(
            r"\b(accura\w*|trust\w*|reliable|correct|right|wrong|true|hallucinat\w*|things up|internet|online|web|"
            r"connected|browse|search|google|under the hood|behind the scenes|work|works|fact[- ]?check\w*|verif\w*)\b",
            re.I,
        ),
    ),
    (
        Topic.MAKER,
        re.compile(r"\b(real|person|human|robot|made|built|created|developed|designed|owns)\b", re.I),
    ),
    (Topic.SIZE, re.compile(r"\b(how (many|much|big|large)|number)\b", re.I)),
    (
        Topic.RECENCY,
        re.compile(
            r"\b(recent|dates?|updated?|refreshed|newest|latest|old|oldest|earliest|far back|current|cut ?off|when|"
            r"today|yesterday|week|month)\b",
            re.I,
        ),
    ),
    (
        Topic.SOURCES,
        re.compile(
            r"\b(sources?|publishers?|sites?|websites?|outlets?|(news)?papers?|media|feeds?|where)\b", re.I
        ),
    ),
)


def addressed(text: str) -> bool:
    """Is the message addressed to the bot ("you", "this bot") or asking how to use it ("how do i...")?"""
    return bool(_ADDRESSED.search(text) or _USING.search(text))


def _loose_topic(text: str) -> Topic | None:
    """A question addressed to the bot, or asking how to use it, made only of words about the bot ("which news
    sites do you read", "r u a real person", "how do i subscribe"): its topic by its words, else help."""
    if not addressed(text) or not set(words(text)) <= ABOUT_WORDS:
        return None
    return next((topic for topic, cue in _LOOSE_TOPICS if cue.search(text)), Topic.HELP)


def topic_of(text: str) -> Topic | None:
    """Which question about the bot this is, if it is one."""
    normal = " ".join(text.replace("’", "'").split())
    exact = next((topic for topic, pattern in _MATCHERS if pattern.match(normal)), None)
    return exact or _loose_topic(normal)
