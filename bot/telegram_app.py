"""The Telegram bot: thin handlers around the engine, the subscriber store and the weekly recap job."""

from __future__ import annotations

import asyncio
import hashlib
import logging

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from answer.conversation import Conversation
from answer.engine import Engine
from answer.model import SUGGESTIONS
from bot.commands import ASK_COMMANDS, command_named
from bot.recap_delivery import DeliveryPolicy, DeliveryReport, worker_id
from bot.recap_schedule import recap_text, run_schedule
from bot.recap_schedule import send_recap_now as send_edition_now
from bot.render import answer_html, esc
from bot.settings import Settings
from bot.store import Store, open_store
from corpus.loader import ArticleError

log = logging.getLogger(__name__)

COMMANDS = [
    BotCommand("start", "What this bot does, with example questions"),
    BotCommand("help", "How to ask, and the commands"),
    BotCommand("subscribe", "Get the weekly recap every week"),
    BotCommand("unsubscribe", "Stop the weekly recap"),
    BotCommand("recap", "Show this week's recap now"),
    *(BotCommand(c.name, c.description) for c in ASK_COMMANDS),
]
EXAMPLES = SUGGESTIONS[:3]
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)

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
    "/compare <i>Meta OpenAI</i> — companies side by side\n"
    "/timeline <i>DeepSeek</i> — a company's or person's moves and news, oldest first\n"
    "/help — this message"
)
# The recap catch-up (a missed slot, chats left pending) runs this long after start, then at this interval.
CATCH_UP_FIRST_S = 5
CATCH_UP_INTERVAL_S = 600
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _engine(context: ContextTypes.DEFAULT_TYPE) -> Engine:
    engine: Engine = context.application.bot_data["engine"]
    return engine


def _store(context: ContextTypes.DEFAULT_TYPE) -> Store:
    store: Store = context.application.bot_data["store"]
    return store


def _conversation(context: ContextTypes.DEFAULT_TYPE) -> Conversation | None:
    """This chat's conversation, so follow-ups ("and from OpenAI?") are read against its earlier questions."""
    if context.chat_data is None:
        return None
    conversation: Conversation = context.chat_data.setdefault("conversation", Conversation())
    return conversation


def _settings(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    settings: Settings = context.application.bot_data["settings"]
    return settings


def example_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(q, callback_data=f"ask:{i}")] for i, q in enumerate(EXAMPLES)]
    )


def help_text(settings: Settings) -> str:
    return HELP.format(
        day=DAY_NAMES[settings.recap_day],
        time=settings.recap_time.strftime("%H:%M"),
        tz=esc(settings.timezone),
    )


# ---------------------------------------------------------------------------------------------- handlers


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is None:
        return
    conversation = _conversation(context)
    if conversation is not None:
        conversation.reset()  # a fresh start: earlier questions no longer shape follow-ups
    name = update.effective_user.first_name if update.effective_user else "there"
    text = (
        f"Hi {esc(name)}! I answer questions about the <b>AI talent war</b> — who hired whom, why there is a "
        "shortage, what researchers are paid, how companies and governments compete — from news articles, "
        "with sources.\n\nTry one of these, or type your own question:"
    )
    await update.effective_message.reply_html(
        text, reply_markup=example_keyboard(), link_preview_options=NO_PREVIEW
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_html(
            help_text(_settings(context)), link_preview_options=NO_PREVIEW
        )


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_chat is None or update.effective_message is None:
        return
    s = _settings(context)
    new = await asyncio.to_thread(_store(context).subscribers.subscribe, update.effective_chat.id)
    when = f"every {DAY_NAMES[s.recap_day]} at {s.recap_time:%H:%M} ({esc(s.timezone)})"
    text = (
        f"Subscribed: you'll get the weekly recap {when}." if new else f"You're already subscribed ({when})."
    )
    await update.effective_message.reply_html(text + " /unsubscribe to stop.")


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_chat is None or update.effective_message is None:
        return
    removed = await asyncio.to_thread(_store(context).subscribers.unsubscribe, update.effective_chat.id)
    text = (
        "Unsubscribed: no more weekly recaps." if removed else "You weren't subscribed. /subscribe to start."
    )
    await update.effective_message.reply_html(text)


async def recap_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is None:
        return
    text = await current_recap_html(_settings(context))
    await update.effective_message.reply_html(text or RECAP_UNAVAILABLE, link_preview_options=NO_PREVIEW)


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None or not message.text:
        return
    await reply_answer(
        message.chat_id,
        message.text,
        context,
        reply_to=message.message_id,
        conversation=_conversation(context),
    )


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/compare, /timeline: ask the command's question for its arguments, or say how to use it."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text, usage = command_named(message.text).question(context.args or [], _engine(context).parse)
    if usage is not None:
        await message.reply_html(usage)
        return
    await reply_answer(message.chat_id, text, context, reply_to=message.message_id)


async def example_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    await query.answer()
    try:
        text = EXAMPLES[int(query.data.split(":", 1)[1])]
    except (ValueError, IndexError):
        return
    await reply_answer(query.message.chat.id, text, context, echo=True, conversation=_conversation(context))


MAX_REMEMBERED = 2000  # questions whose further pages can still be asked for


def remember(context: ContextTypes.DEFAULT_TYPE, question: str) -> str:
    """A short key for a question, so a "Show more" button fits Telegram's 64-byte callback data."""
    key = hashlib.sha1(question.encode("utf-8")).hexdigest()[:10]
    questions: dict[str, str] = context.application.bot_data.setdefault("questions", {})
    questions.pop(key, None)
    questions[key] = question
    while len(questions) > MAX_REMEMBERED:
        questions.pop(next(iter(questions)))
    return key


def more_keyboard(key: str, page: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Show more", callback_data=f"more:{key}:{page}")]])


async def more_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    _, key, page = query.data.split(":")
    text = context.application.bot_data.get("questions", {}).get(key)
    if text is None:
        await query.answer("That list has expired: ask the question again.")
        return
    await query.answer()
    await reply_answer(query.message.chat.id, text, context, page=int(page))


async def reply_answer(
    chat_id: int,
    text: str,
    context: ContextTypes.DEFAULT_TYPE,
    reply_to: int | None = None,
    echo: bool = False,
    page: int = 0,
    conversation: Conversation | None = None,
) -> None:
    """Answer a question (a follow-up within `conversation`); a long list gets a "Show more" button that asks
    for the next page of the question as understood."""
    try:
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
    except TelegramError as exc:  # a nicety: never let it stop the answer
        log.debug("send_chat_action failed: %s", exc)
    try:
        answer = await asyncio.to_thread(_engine(context).answer, text, None, page, conversation)
    except Exception:
        log.exception("answering %r failed", text)
        await context.bot.send_message(chat_id, "Sorry, something went wrong on my side. Please try again.")
        return
    body = answer_html(answer)
    if echo:
        body = f"<i>{esc(text)}</i>\n\n{body}"
    await context.bot.send_message(
        chat_id,
        body,
        parse_mode=ParseMode.HTML,
        link_preview_options=NO_PREVIEW,
        reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None,
        reply_markup=(
            more_keyboard(remember(context, answer.understood_as or text), page + 1) if answer.more else None
        ),
    )


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_html(
            "I read text only: type your question. /help shows examples."
        )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("error while handling an update", exc_info=context.error)


# ------------------------------------------------------------------------------------------------ recap


RECAP_UNAVAILABLE = "Sorry, I can't put the recap together right now. Please try again later."


async def current_recap_html(settings: Settings) -> str | None:
    """This week's recap as Telegram HTML, or None (logged) when an article on disk is broken."""
    try:
        return await asyncio.to_thread(recap_text, settings)
    except ArticleError as exc:
        log.error("the weekly recap cannot be built, the corpus has errors:\n%s", exc)
        return None


def _worker(context: ContextTypes.DEFAULT_TYPE) -> str:
    worker: str = context.application.bot_data["worker"]
    return worker


async def weekly_recap_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """At the recap time: the first replica opens the week's edition; every replica helps send it."""
    await run_schedule(context.bot, _store(context), _settings(context), _worker(context), missed_only=False)


async def recap_catch_up_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """At start and every few minutes: a missed recap slot, and chats an edition has not reached yet."""
    await run_schedule(context.bot, _store(context), _settings(context), _worker(context), missed_only=True)


async def reload_index_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    engine = _engine(context)
    if await asyncio.to_thread(engine.reload_if_changed, _settings(context).index_dir):
        log.info("loaded a new index build: %s", engine.data.directory)


async def send_recap_now(
    settings: Settings, edition: str | None = None, policy: DeliveryPolicy | None = None
) -> DeliveryReport:
    """`talentbot recap send`: the same recap, database and Telegram settings as `serve`, through the ledger.
    Raises ArticleError on a broken article, before anything is sent."""
    return await send_edition_now(settings, edition, policy)


# ---------------------------------------------------------------------------------------------- wiring


def ptb_days(recap_day: int) -> tuple[int, ...]:
    """PTB's run_daily counts days from Sunday = 0; settings count from Monday = 0 (as datetime does)."""
    return ((recap_day + 1) % 7,)


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    try:
        await application.bot.set_my_commands(COMMANDS)
    except TelegramError as exc:  # the bot still works without the command menu
        log.warning("could not register the command list: %s", exc)


async def _post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    store: Store = application.bot_data["store"]
    store.close()  # PostgreSQL: the pool's connections


def build_application(settings: Settings, engine: Engine, store: Store | None = None) -> Application:  # type: ignore[type-arg]
    application = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(settings.telegram_api_base_url)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data.update(
        engine=engine, store=store or open_store(settings), settings=settings, worker=worker_id()
    )
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("subscribe", subscribe))
    application.add_handler(CommandHandler("unsubscribe", unsubscribe))
    application.add_handler(CommandHandler("recap", recap_command))
    application.add_handlers([CommandHandler(c.name, ask_command) for c in ASK_COMMANDS])
    application.add_handler(CallbackQueryHandler(example_pressed, pattern=r"^ask:\d+$"))
    application.add_handler(CallbackQueryHandler(more_pressed, pattern=r"^more:[0-9a-f]{10}:\d{1,4}$"))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, question))
    application.add_handler(MessageHandler(filters.COMMAND, help_command))
    application.add_handler(
        MessageHandler((filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL), not_text)
    )
    application.add_error_handler(on_error)
    assert application.job_queue is not None, "install python-telegram-bot[job-queue]"
    when = settings.recap_time.replace(tzinfo=settings.tzinfo)
    application.job_queue.run_daily(
        weekly_recap_job, time=when, days=ptb_days(settings.recap_day), name="recap"
    )
    application.job_queue.run_repeating(
        recap_catch_up_job, interval=CATCH_UP_INTERVAL_S, first=CATCH_UP_FIRST_S, name="recap-catch-up"
    )
    application.job_queue.run_repeating(reload_index_job, interval=60, first=60, name="reload-index")
    return application


def run(settings: Settings, engine: Engine) -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    build_application(settings, engine).run_polling(allowed_updates=Update.ALL_TYPES)
