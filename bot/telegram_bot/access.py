"""What the handlers share through PTB's `bot_data` and `chat_data`, typed in one place."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable

from telegram.ext import ContextTypes

from answer.conversation import Conversation
from answer.engine import Engine
from bot.settings import Settings
from bot.store import Store
from bot.store.base import utcnow
from index.topic import TopicFilter, load_topic_filter


def engine_of(context: ContextTypes.DEFAULT_TYPE) -> Engine:
    engine: Engine = context.application.bot_data["engine"]
    return engine


def store_of(context: ContextTypes.DEFAULT_TYPE) -> Store:
    store: Store = context.application.bot_data["store"]
    return store


def settings_of(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    settings: Settings = context.application.bot_data["settings"]
    return settings


def worker_of(context: ContextTypes.DEFAULT_TYPE) -> str:
    worker: str = context.application.bot_data["worker"]
    return worker


def clock_of(context: ContextTypes.DEFAULT_TYPE) -> Callable[[], dt.datetime]:
    """The time the recap schedule and the settings menu go by: `bot_data["clock"]` (tests) or the real one."""
    clock: Callable[[], dt.datetime] = context.application.bot_data.get("clock", utcnow)
    return clock


def recap_lock_of(context: ContextTypes.DEFAULT_TYPE) -> asyncio.Lock:
    """Held while this process runs the recap schedule, so the runs never overlap."""
    lock: asyncio.Lock = context.application.bot_data.setdefault("recap_lock", asyncio.Lock())
    return lock


def conversation_of(context: ContextTypes.DEFAULT_TYPE) -> Conversation | None:
    """This chat's conversation, so follow-ups ("and from OpenAI?") are read against its earlier questions."""
    if context.chat_data is None:
        return None
    conversation: Conversation = context.chat_data.setdefault("conversation", Conversation())
    return conversation


def topic_filter_of(context: ContextTypes.DEFAULT_TYPE) -> TopicFilter:
    """The off-topic filter for feed items, over the engine's own embedder: built once, on first use."""
    data = context.application.bot_data
    if "topic_filter" not in data:
        data["topic_filter"] = load_topic_filter(engine_of(context).embedder)
    topic: TopicFilter = data["topic_filter"]
    return topic
