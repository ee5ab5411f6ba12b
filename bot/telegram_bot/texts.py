"""The bot's fixed texts: the command menu, the help message and the inline keyboards."""

from __future__ import annotations

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions

from answer.model import SUGGESTIONS
from bot.commands import ASK_COMMANDS
from bot.render import esc
from bot.settings import Settings

COMMANDS = [
    BotCommand("start", "What this bot does, with example questions"),
    BotCommand("help", "How to ask, and the commands"),
    BotCommand("subscribe", "Get the weekly recap every week"),
    BotCommand("unsubscribe", "Stop the weekly recap"),
    BotCommand("recap", "Show this week's recap now"),
    BotCommand("settings", "Recap day, time, time zone, on/off, date style"),
    *(BotCommand(c.name, c.description) for c in ASK_COMMANDS),
]
EXAMPLES = SUGGESTIONS[:3]
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

HELP = (
    "<b>Ask me anything about the AI talent war</b> — just type a question:\n"
    "• who hired whom: <i>Who did ByteDance hire from Alibaba?</i>, <i>Where did Ruoming Pang go?</i>\n"
    "• why and how: <i>Why is there a shortage of AI talent in China?</i>\n"
    "• pay and deals: <i>How much did Meta pay for its Scale AI stake?</i>\n"
    "• dates: <i>latest moves</i>, <i>what happened in 2024?</i>\n"
    "• follow-ups: <i>and from OpenAI?</i>, <i>when did he join?</i>; about me: <i>how recent is your news?</i>\n\n"
    "Every answer cites its sources; when my articles don't cover something I say so.\n\n"
    "/subscribe — the weekly recap, every {day} at {time} ({tz})\n"
    "/unsubscribe — stop it\n"
    "/recap — this week's recap now\n"
    "/settings — this chat's recap day, time, time zone and date style; pause or resume it\n"
    "/compare <i>Meta OpenAI</i> — companies side by side\n"
    "/timeline <i>DeepSeek</i> — a company's or person's moves and news, oldest first\n"
    "/help — this message\n\n"
    "In a group, mention me (<i>@{username} who did Meta hire?</i>) or reply to one of my messages."
)
MENTION_ONLY = "Yes? Ask me a question after my name, e.g. <i>who did Meta hire from OpenAI?</i>"
STALE_BUTTON = "This button no longer works: ask your question again, or see /help."
GROUP_HELLO = (
    "Hi! I answer questions about the <b>AI talent war</b> — who hired whom, pay, shortages — from news "
    "articles, with sources.\n\nIn this group I answer only when you mention me "
    "(<i>@{username} who did Meta hire from OpenAI?</i>), reply to one of my messages, or use my commands "
    "(/help@{username}); I stay quiet otherwise."
)


def help_text(settings: Settings, username: str = "TalentBot") -> str:
    return HELP.format(
        day=DAY_NAMES[settings.recap_day],
        time=settings.recap_time.strftime("%H:%M"),
        tz=esc(settings.timezone),
        username=esc(username),
    )


def group_hello(username: str) -> str:
    return GROUP_HELLO.format(username=esc(username))


def example_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(q, callback_data=f"ask:{i}")] for i, q in enumerate(EXAMPLES)]
    )


def more_keyboard(key: str, page: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Show more", callback_data=f"more:{key}:{page}")]])
