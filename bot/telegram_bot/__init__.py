"""The Telegram front end: thin handlers around the engine, the subscriber store and the weekly recap jobs.

One module per job: `access` (what handlers share through `bot_data`), `texts` (help, command menu,
keyboards), `basics` (/start, /help, non-text, errors), `subscriptions` (/subscribe, /unsubscribe, /recap),
`questions` (questions, /compare, /timeline, buttons), `admin` (/stats, /broadcast_status), `jobs` (scheduled
work), `upkeep` (forgetting idle chats), `logs` (redaction, outages), `startup` (the token check), `webhook`
(webhook mode's server) and `app` (the wiring)."""

from bot.telegram_bot.app import build_application, run

__all__ = ["build_application", "run"]
