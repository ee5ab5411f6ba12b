"""setWebhook as Telegram checks it, and delivering queued updates to a webhook as Telegram would.

Telegram needs an HTTPS URL on port 443, 80, 88 or 8443 and a secret_token of 1-256 characters of A-Za-z0-9_-;
while a webhook is set, getUpdates answers 409. The fake cannot reach a public URL, so a test hands
:meth:`~tests.fake_telegram.FakeTelegram.deliver_updates` the bot's local address instead (as a load balancer
would forward), and each queued update is POSTed there with the secret in ``X-Telegram-Bot-Api-Secret-Token``.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.fake_telegram.params import bad_request, get_int, get_json, get_str
from tests.fake_telegram.records import JSONDict

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_PORTS = (443, 80, 88, 8443)
_MAX_CONNECTIONS = 100
_DEFAULT_MAX_CONNECTIONS = 40
# How long a delivery waits for the bot's answer, in seconds (Telegram gives up and retries later).
_DELIVERY_TIMEOUT = 30


@dataclass
class Webhook:
    url: str
    secret_token: str | None = None
    max_connections: int = _DEFAULT_MAX_CONNECTIONS
    allowed_updates: list[str] = field(default_factory=list)


def parse_set_webhook(params: JSONDict) -> Webhook | None:
    """The webhook setWebhook asks for (None: an empty url removes it); raises 400 as Telegram does."""
    url = get_str(params, "url") or ""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if (parts.port or 443) not in _PORTS:
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
    secret = get_str(params, "secret_token")
    if secret is not None and not _SECRET_RE.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    max_connections = get_int(params, "max_connections")
    if max_connections is not None and not 1 <= max_connections <= _MAX_CONNECTIONS:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    allowed = get_json(params, "allowed_updates", "can't parse allowed_updates JSON object")
    if allowed is not None and (
        not isinstance(allowed, list) or not all(isinstance(a, str) for a in allowed)
    ):
        raise bad_request("can't parse allowed_updates JSON object")
    return Webhook(url, secret or None, max_connections or _DEFAULT_MAX_CONNECTIONS, allowed or [])


def webhook_info(webhook: Webhook | None, pending: int) -> JSONDict:
    info: JSONDict = {
        "url": webhook.url if webhook else "",
        "has_custom_certificate": False,
        "pending_update_count": pending,
    }
    if webhook is not None:
        info["max_connections"] = webhook.max_connections
        if webhook.allowed_updates:
            info["allowed_updates"] = list(webhook.allowed_updates)
    return info


def post_update(address: str, update: JSONDict, secret: str | None) -> int:
    """POST one update to the bot's webhook server at `address` (http://host:port/path); its HTTP status."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    request = urllib.request.Request(address, json.dumps(update).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=_DELIVERY_TIMEOUT) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as err:
        return int(err.code)
