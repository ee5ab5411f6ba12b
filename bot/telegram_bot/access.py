"""What the handlers share through PTB's `bot_data` and `chat_data`, typed in one place."""

from __future__ import annotations

from telegram.ext import ContextTypes

from answer.conversation import Conversation
from answer.engine import Engine
from bot.settings import Settings
from bot.store import Store
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
