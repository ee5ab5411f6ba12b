"""A question in another language ("¿Quién contrató Meta?", "谁离开了OpenAI？"): the bot reads English news
and answers in English, so it says so (in that language too, when it knows it) with an English example.

Detection is cheap and offline: letters of non-Latin scripts (CJK, Cyrillic, Arabic...) against the English
words around them, and for Latin-script languages their function words and accented words. Names are left
out of the count, so an English question about "Jürgen Schmidhuber" or "梁文锋" stays English."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Collection, Sequence

from answer.context import Context
from answer.english import is_english
from answer.kinds.base import CERTAIN
from answer.lexicon import CHAT_WORDS
from answer.model import SUGGESTIONS, Answer, AnswerKind, Line
from answer.query import Question
from answer.slips import english_frequencies
from answer.spell_index import COMMON_ENGLISH
from corpus.entities import Mention
from corpus.text import REQUEST_WORDS, STOP_WORDS, word_set

# Scripts by their code-point ranges, with the language a question in them is taken to be in. Kana before
# Han (Japanese mixes both), Hangul apart; "" when the script is shared by many languages.
SCRIPTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("Japanese", ((0x3040, 0x30FF), (0x31F0, 0x31FF))),
    ("Korean", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))),
    ("Chinese", ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))),
    ("Russian", ((0x0400, 0x052F),)),
    ("Arabic", ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    ("", ((0x0370, 0x03FF), (0x0590, 0x05FF), (0x0900, 0x0DFF), (0x0E00, 0x0EFF), (0x10A0, 0x10FF))),
)
# Ideographs and syllables are denser than words (a Chinese word is about two characters); in the other
# scripts a word is a run of letters.
CHARACTERS_PER_WORD = {"Chinese": 2.0, "Japanese": 2.0, "Korean": 2.0}
# Letters that mark another language's word in the script: Ukrainian і/ї/є/ґ, Persian/Urdu پ/چ/ژ/گ/ک.
OTHER_LANGUAGE_LETTERS = {"Russian": set("іїєґ"), "Arabic": set("پچژگکی")}

# Function words and greetings of Latin-script languages; a word that is English as well counts for neither.
FUNCTION_WORDS = {
    "Spanish": word_set(
        "de qué que quién quien quiénes cuál cuáles cuándo cuánto cuántos cuánta dónde donde cómo por porqué "
        "para el los las del al un una unos unas es son está están fue fueron han y con sin sobre hola gracias "
        "contrató dejó ha a se lo le les"
    ),
    "French": word_set(
        "de qui que quoi quel quelle quels quelles où pourquoi comment combien quand est sont était ont le la "
        "les un une des du et pour avec dans sur chez ce cette ces il elle ils elles nous vous je bonjour salut "
        "merci qu'est-ce c'est a au aux"
    ),
    "German": word_set(
        "wer was wen wem wessen wie warum wieso weshalb wo wohin woher wann welche welcher welches hat haben "
        "hatte ist sind war waren der die das den dem des ein eine einen einem und oder für mit von zu bei "
        "nach aus über hallo danke nicht auch wird wurde gibt wieviel wieviele viel viele"
    ),
    "Portuguese": word_set(
        "de quem qual quais quando quanto quantos onde como porque por que os um uma do da dos das na em é são "
        "foi com sem para olá obrigado contratou saiu a ao aos às pelo pela pelos pelas"
    ),
    "Italian": word_set(
        "di chi che cosa quale quali quando quanto quanti dove come perché il lo gli le un una del della dei delle "
        "nel nella è sono ha hanno con per ciao grazie a al ai alla"
    ),
}
# Words of English questions beyond the function words: an English question has several of them.
ENGLISH_WORDS = (
    STOP_WORDS
    | REQUEST_WORDS
    | word_set(
        "hire hired hires hiring join joined joins left leave leaving quit pay paid paying go went gone say said "
        "move moved moves work works working poach poached happen happened much many news latest new "
        "ai ml llm timeline talent"  # "ai" is Italian too, but in a question here it is artificial intelligence
    )
)
_LISTED = frozenset().union(*FUNCTION_WORDS.values())
_AMBIGUOUS = _LISTED & ENGLISH_WORDS
# Signs of another language a Latin-script message needs unless it is one word ("hola").
MIN_EVIDENCE = 2
# ...or a message of at least this many words, this share of them unknown to English: misspelt English keeps
# more of its words ("hwo mcuh dose meta pya": three of four, "meta" being a name).
MIN_FOREIGN_WORDS = 4
FOREIGN_SHARE = 0.8
# Latin letters (with their accented forms) end here; the scripts above start later.
LATIN_END = 0x250
# Lower-case words inside names ("Lisa de la Cruz", "Ursula von der Leyen"): not the question's language.
NAME_PARTICLES = word_set("de la le da di du del della dos das van von der den ten ter bin al el")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

# "I read English news and answer in English. Ask in English, for example:" in the languages told apart.
IN_THEIR_LANGUAGE = {
    "Spanish": "Leo noticias en inglés y respondo en inglés. Pregunta en inglés, por ejemplo:",
    "French": "Je lis l'actualité en anglais et je réponds en anglais. Posez votre question en anglais, "
    "par exemple :",
    "German": "Ich lese englischsprachige Nachrichten und antworte auf Englisch. Fragen Sie bitte auf "
    "Englisch, zum Beispiel:",
    "Portuguese": "Leio notícias em inglês e respondo em inglês. Pergunte em inglês, por exemplo:",
    "Italian": "Leggo notizie in inglese e rispondo in inglese. Fai la domanda in inglese, ad esempio:",
    "Chinese": "我阅读英文新闻，并用英文回答。请用英文提问，例如：",
    "Japanese": "英語のニュースを読み、英語で答えます。英語で質問してください。例：",
    "Korean": "저는 영어 뉴스를 읽고 영어로 답합니다. 영어로 질문해 주세요. 예:",
    "Russian": "Я читаю новости на английском и отвечаю по-английски. Задайте вопрос по-английски, например:",
    "Arabic": "أقرأ الأخبار باللغة الإنجليزية وأجيب بالإنجليزية. اطرح سؤالك بالإنجليزية، مثلًا:",
}
# The language of a message that is not English; "" when it is not English but the language is unknown.
UNKNOWN = ""


def _script(char: str) -> str | None:
    """The language of a non-Latin letter's script (None for Latin letters and everything else)."""
    code = ord(char)
    if code < LATIN_END:
        return None  # the common case, answered without looking through the scripts
    return next((name for name, ranges in SCRIPTS if any(lo <= code <= hi for lo, hi in ranges)), None)


def latin_only(text: str) -> str:
    """The text with the letters of other scripts blanked (same offsets): "了OpenAI" -> " OpenAI"."""
    if text.isascii():
        return text
    return "".join(" " if _script(c) else c for c in text)


def _accented(word: str) -> bool:
    """A Latin letter with a diacritic ("quitté", "dejó"): no English word has one."""
    return any(ord(c) < LATIN_END and unicodedata.normalize("NFD", c) != c for c in word)


def _script_words(text: str) -> dict[str, float]:
    """How many words of each non-Latin script the text has."""
    found: dict[str, float] = {}
    if text.isascii():
        return found
    for run in re.finditer(r"[^\W\d_]+", text):
        for script, chars in itertools.groupby(run.group(0), key=_script):
            if script is not None:
                size = len(list(chars))
                words = size / CHARACTERS_PER_WORD[script] if script in CHARACTERS_PER_WORD else 1.0
                found[script] = found.get(script, 0.0) + words
    return found


def _latin_words(text: str, names: Sequence[tuple[int, int]]) -> list[str]:
    """The Latin-script words that could be the question's language: not a name the corpus knows, not a
    capitalised word inside the sentence, not a particle between two names ("Lisa de la Cruz")."""
    latin = latin_only(text)
    tokens = [m for m in _TOKEN.finditer(latin) if not any(start <= m.start() < end for start, end in names)]
    kept = []
    for i, m in enumerate(tokens):
        word = m.group(0)
        first = i == 0 or bool(re.search(r"[.!?¿¡:]\s*$", latin[: m.start()]))
        if (word[0].isupper() and not first) or (len(word) > 1 and word.isupper()):  # names, "UN", "AI"
            continue
        if word in NAME_PARTICLES and _inside_name(tokens, i):
            continue
        kept.append(word.lower().replace("’", "'"))
    return kept


def _inside_name(tokens: list[re.Match[str]], i: int) -> bool:
    """Is token i among particles between two capitalised words (the first not a function word: "Qui a")?"""
    before = i - 1
    while before >= 0 and tokens[before].group(0) in NAME_PARTICLES:
        before -= 1
    after = i + 1
    while after < len(tokens) and tokens[after].group(0) in NAME_PARTICLES:
        after += 1
    if before < 0 or after == len(tokens) or tokens[before].group(0).lower() in _LISTED:
        return False
    return all(tokens[j].group(0)[0].isupper() for j in (before, after))


def detect(
    text: str, names: Sequence[tuple[int, int]] = (), vocabulary: Collection[str] = frozenset()
) -> str | None:
    """None for English; otherwise the language's name, or UNKNOWN. `names` are spans to leave out; a word of
    the (English) articles' `vocabulary` that is no other language's function word counts as English."""
    words = _latin_words(text, names)
    # ...with its contraction: "who's", "what's" are English words
    english = sum(
        1
        for w in words
        if (re.sub(r"['’].*$", "", w) in ENGLISH_WORDS or w in vocabulary) and w not in _LISTED
    )
    scripts = _script_words(text)
    if sum(scripts.values()) > english:
        script = "Japanese" if "Japanese" in scripts else max(scripts, key=lambda s: scripts[s])
        return UNKNOWN if OTHER_LANGUAGE_LETTERS.get(script, set()) & set(text) else script
    scores = {
        language: sum(1 for w in words if w in listed and w not in _AMBIGUOUS)
        for language, listed in FUNCTION_WORDS.items()
    }
    if "¿" in text or "¡" in text:
        scores["Spanish"] += 1
    for language, listed in FUNCTION_WORDS.items():
        # A question opened by one of its words ("Qui", "Wer"; "Was" in "Was hat...") is in that language.
        if words and words[0] in listed and (words[0] not in _AMBIGUOUS or scores[language]):
            scores[language] += 1
    accented = sum(1 for w in words if _accented(w) and w not in _LISTED)
    language = max(scores, key=lambda name: scores[name])
    evidence = scores[language] + accented
    # One foreign-looking word among others is not enough ("meta scale ai deal": "ai" is Italian too)...
    # ...unless English knows almost none of its words: "quanto guadagna un ricercatore da meta"
    weak = evidence <= english or (evidence < MIN_EVIDENCE and len(words) > 1)
    if weak and not _foreign(words, vocabulary):
        return None
    return language if scores[language] else UNKNOWN


def _foreign(words: Sequence[str], vocabulary: Collection[str]) -> bool:
    """Are most of the words (of a message long enough to tell) words no English list has?"""
    if len(words) < MIN_FOREIGN_WORDS:
        return False
    frequencies = english_frequencies()
    unknown = [
        w
        for w in words
        if w not in ENGLISH_WORDS
        and w not in vocabulary
        and w not in CHAT_WORDS
        and not is_english(w)
        and frequencies.get(w, 0) < COMMON_ENGLISH
    ]
    return len(unknown) >= FOREIGN_SHARE * len(words)


def example(names: Sequence[Mention]) -> str:
    """An English question like the one asked, about the same company or person when it names one."""
    for m in names:
        if m.entity.kind == "org":
            return f"“Who did {m.entity.name} hire?” or “Who left {m.entity.name}?”"
        return f"“Where did {m.entity.name} go?”"
    return f"“{SUGGESTIONS[1]}”"


class OtherLanguage:
    kind = AnswerKind.OTHER_LANGUAGE

    def match(self, q: Question, ctx: Context) -> float | None:
        return CERTAIN if detect(ctx.raw, _spans(_names(ctx)), ctx.state.vocabulary) is not None else None

    def answer(self, q: Question, ctx: Context) -> Answer:
        names = _names(ctx)
        theirs = IN_THEIR_LANGUAGE.get(detect(ctx.raw, _spans(names), ctx.state.vocabulary) or UNKNOWN)
        ask = example(names)
        return Answer(
            question=ctx.raw,
            answered=False,
            kind=self.kind,
            intro=f"I read English news and answer in English: please ask in English, for example {ask}",
            lines=(Line(f"{theirs} {ask}", ()),) if theirs else (),
            sources=(),
        )


def _names(ctx: Context) -> list[Mention]:
    """The companies and people the corpus knows that the question names as typed (the speller would make
    English of other languages' words: "viel" is "view"), also when written without a space after another
    script ("谁离开了OpenAI")."""
    return ctx.state.entities.find(latin_only(ctx.raw))


def _spans(names: Sequence[Mention]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in names]
