"""The wiring: the PTB application, its handlers and jobs, and `serve`'s run (long polling, or a webhook)."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from answer.engine import Engine
from bot.commands import ASK_COMMANDS
from bot.recap_delivery import worker_id
from bot.settings import Settings
from bot.store import Store, StoreError, open_store
from bot.telegram_bot import admin, basics, jobs, membership, questions, settings_menu, subscriptions, upkeep
from bot.telegram_bot.addressing import drop_what_is_not_for_me
from bot.telegram_bot.flood import ChatFloodLimiter
from bot.telegram_bot.logs import ApiHealth, MonitoredRequest, setup_logging
from bot.telegram_bot.ordering import PerChatProcessor
from bot.telegram_bot.startup import explain
from bot.telegram_bot.texts import COMMANDS
from bot.telegram_bot.webhook import Webhook, serve_webhook, stop_on_signals, webhook_secret

log = logging.getLogger(__name__)

# Updates (of different chats) handled at once: answers wait on Telegram far longer than on the engine, so
# many can be in flight; one chat's updates still run one at a time, in order.
CONCURRENT_UPDATES = 64
REQUEST_POOL = 256  # connections for Bot API calls (PTB's default), getUpdates has its own
BOOTSTRAP_RETRIES = 3  # deleteWebhook at start: a brief blip is retried, then serve exits with one line


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    try:
        await application.bot.set_my_commands(COMMANDS)
    except TelegramError as exc:  # the bot still works without the command menu
        log.warning("could not register the command list: %s", exc)


async def _post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
    store: Store = application.bot_data["store"]
    try:
        admin.counter_of(application).flush(store)  # this process's questions not yet counted
    except StoreError as exc:
        log.warning("could not save the question count: %s", exc)
    store.close()  # PostgreSQL: the pool's connections


def _add_handlers(application: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    """Handlers, in the order PTB tries them. Group -1 first drops what is not for the bot (channel posts, a
    group's other talk, other bots' commands). Commands act on new messages only, except /compare and
    /timeline, which, like questions, answer an edit by editing their reply."""
    new = filters.UpdateType.MESSAGE
    application.add_handler(TypeHandler(Update, drop_what_is_not_for_me), group=-1)
    upkeep.add_handlers(application)
    admin.add_handlers(application, settings.admins)
    application.add_handler(CommandHandler("start", basics.start, filters=new))
    application.add_handler(CommandHandler("help", basics.help_command, filters=new))
    application.add_handler(CommandHandler("subscribe", subscriptions.subscribe, filters=new))
    application.add_handler(CommandHandler("unsubscribe", subscriptions.unsubscribe, filters=new))
    application.add_handler(CommandHandler("recap", subscriptions.recap_command, filters=new))
    application.add_handler(CommandHandler("settings", settings_menu.settings_command, filters=new))
    application.add_handler(CallbackQueryHandler(settings_menu.settings_pressed, pattern=r"^set(:|$)"))
    application.add_handlers([CommandHandler(c.name, questions.ask_command) for c in ASK_COMMANDS])
    application.add_handler(CallbackQueryHandler(questions.example_pressed, pattern=r"^ask:\d+$"))
    application.add_handler(
        CallbackQueryHandler(questions.more_pressed, pattern=r"^more:[0-9a-f]{10}:\d{1,4}$")
    )
    application.add_handler(CallbackQueryHandler(questions.unknown_button))  # stale or unknown: acknowledged
    application.add_handler(
        ChatMemberHandler(membership.my_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGES & filters.TEXT & ~filters.COMMAND, questions.question)
    )
    application.add_handler(MessageHandler(new & filters.COMMAND, basics.unknown_command))
    application.add_handler(
        MessageHandler(
            (new & filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL), basics.not_text
        )
    )
    application.add_error_handler(basics.on_error)


def _add_jobs(application: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    assert application.job_queue is not None, "install python-telegram-bot[job-queue]"
    queue = application.job_queue
    when = settings.recap_time.replace(tzinfo=settings.tzinfo)
    queue.run_daily(jobs.weekly_recap_job, time=when, days=jobs.ptb_days(settings.recap_day), name="recap")
    queue.run_repeating(
        jobs.recap_catch_up_job,
        interval=jobs.CATCH_UP_INTERVAL_S,
        first=jobs.CATCH_UP_FIRST_S,
        name="recap-catch-up",
        job_kwargs={"max_instances": 2},  # a run that finds the last one still sending returns at once
    )
    upkeep.add_jobs(queue)
    admin.add_jobs(queue)
    queue.run_repeating(
        jobs.reload_index_job,
        interval=jobs.RELOAD_INDEX_EVERY_S,
        first=jobs.RELOAD_INDEX_EVERY_S,
        name="reload-index",
    )
    if settings.feeds_every:
        queue.run_repeating(
            jobs.poll_feeds_job,
            interval=settings.feeds_every * 60,
            first=jobs.FEEDS_FIRST_S,
            name="poll-feeds",
        )


def build_application(
    settings: Settings, engine: Engine, store: Store | None = None, health: ApiHealth | None = None
) -> Application:  # type: ignore[type-arg]
    """The bot; every Bot API call reports to `health` (one log line per outage)."""
    health = health or ApiHealth()
    application = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(settings.telegram_api_base_url)
        .request(MonitoredRequest(health, connection_pool_size=REQUEST_POOL))
        .get_updates_request(MonitoredRequest(health, connection_pool_size=1))
        .rate_limiter(ChatFloodLimiter())
        .concurrent_updates(PerChatProcessor(CONCURRENT_UPDATES))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    application.bot_data.update(
        engine=engine,
        store=store or open_store(settings),
        settings=settings,
        worker=worker_id(),
        health=health,
    )
    _add_handlers(application, settings)
    _add_jobs(application, settings)
    return application


def run(settings: Settings, engine: Engine, webhook: Webhook | None = None) -> None:
    """`serve`: long polling, or behind `webhook`. Raises StartupError when Telegram cannot be used at start;
    once running, an outage is logged once and retried with back-off."""
    redactor = setup_logging(settings)
    health = ApiHealth()
    application = build_application(settings, engine, health=health)
    try:
        if webhook is None:
            application.run_polling(
                allowed_updates=Update.ALL_TYPES,
                bootstrap_retries=BOOTSTRAP_RETRIES,
            )
            return
        secret = webhook_secret(settings, application.bot_data["store"])
        redactor.add(secret)
        asyncio.run(_serve_webhook(application, webhook, secret))
    except TelegramError as exc:  # at start: getMe, deleteWebhook or setWebhook failed
        raise explain(exc, settings) from None


async def _serve_webhook(application: Application, webhook: Webhook, secret: str) -> None:  # type: ignore[type-arg]
    stop = asyncio.Event()
    stop_on_signals(stop)
    await serve_webhook(application, webhook, secret, stop)
