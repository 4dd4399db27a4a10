# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reading request parameters without trusting them.

Every parameter our controllers take from a URL, a form or a JSON body goes
through one of these readers. Each accepts what a browser or a client really
sends (a string, or an int/float from JSON) and raises :class:`BadParameter`
for anything else: Unicode digits such as ``²`` or ``٣`` (``str.isdigit()``
says yes, ``int()`` fails), NUL bytes (PostgreSQL refuses them), NaN and
infinities, dates outside the years Python and PostgreSQL both handle, lists
where one value is expected, and strings longer than a page may store.

:class:`BadParameter` is a ``UserError`` answered with HTTP 400 and its
(translated) message when a route does not catch it; form routes catch it
like any other ``UserError`` and show the message on the form.
"""

import logging
import math
import re
from datetime import date, datetime, time

import pytz

from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# The largest id PostgreSQL's integer columns hold.
MAX_ID = 2**31 - 1
# Dates a person may mean: PostgreSQL and Python agree on them, and a time
# zone shift cannot push them out of Python's range (year 1 / 9999).
MIN_YEAR, MAX_YEAR = 1900, 2200
# milliseconds since 1970 at the start of MAX_YEAR (push expiry times)
MAX_MS = 7_258_118_400_000
_ASCII_INT = re.compile(r"[+-]?[0-9]+\Z")
_ASCII_FLOAT = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]+)?\Z")
_TOKEN = re.compile(r"[A-Za-z0-9_.~-]+\Z")
_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(:[0-5][0-9])?\Z")


class BadParameter(UserError):
    """A request parameter that cannot be read: HTTP 400, not 500.

    Raised with a lazy translation, translated at once into the language of
    the request (English outside requests: tests, scripts)."""

    http_status = 400
    # A client's mistake, not the server's: no warning in the log for it.
    loglevel = logging.INFO

    def __init__(self, message):
        env = request and request.env
        super().__init__(message._translate((env and env.lang) or "en_US"))


def _scalar(value, label):
    """The one value of a parameter; lists and objects are refused."""
    if isinstance(value, (list, tuple, dict, set)):
        raise BadParameter(_lt("“%(field)s” must be a single value.", field=label))
    if isinstance(value, bytes):
        try:
            value = value.decode()
        except UnicodeDecodeError as error:
            raise BadParameter(
                _lt("“%(field)s” is not valid text.", field=label)
            ) from error
    return value


def _within(value, label, minimum, maximum):
    if (minimum is not None and value < minimum) or (
        maximum is not None and value > maximum
    ):
        raise BadParameter(
            _lt(
                "“%(field)s” must be between %(minimum)s and %(maximum)s.",
                field=label,
                minimum=minimum if minimum is not None else "-∞",
                maximum=maximum if maximum is not None else "∞",
            )
        )
    return value


def _blank(value):
    return (
        value is None
        or value is False
        or (isinstance(value, str) and not value.strip())
    )


def param_int(value, label, minimum=None, maximum=MAX_ID, default=None):
    """An integer written with ASCII digits, between `minimum` and `maximum`;
    `default` when the parameter is absent or empty."""
    value = _scalar(value, label)
    if _blank(value):
        return default
    if isinstance(value, bool):
        raise BadParameter(_lt("“%(field)s” must be a whole number.", field=label))
    if isinstance(value, float):
        if not value.is_integer():
            raise BadParameter(_lt("“%(field)s” must be a whole number.", field=label))
        value = int(value)
    elif not isinstance(value, int):
        text = str(value).strip()
        if not _ASCII_INT.match(text):
            raise BadParameter(_lt("“%(field)s” must be a whole number.", field=label))
        value = int(text)
    return _within(value, label, minimum, maximum)


def param_id(value, label, default=None):
    """A record id (1 … 2³¹−1), or `default` when absent."""
    return param_int(value, label, minimum=1, maximum=MAX_ID, default=default)


def param_ids(values, label):
    """Record ids from a list (a multi-select) or one value; all must be ids."""
    if isinstance(values, (list, tuple)):
        return [param_id(value, label) for value in values if not _blank(value)]
    value = param_id(values, label)
    return [value] if value else []


def param_float(value, label, minimum=None, maximum=None, default=None):
    """A finite decimal number (comma or point), between the bounds."""
    value = _scalar(value, label)
    if _blank(value):
        return default
    if isinstance(value, bool):
        raise BadParameter(_lt("“%(field)s” must be a number.", field=label))
    if not isinstance(value, (int, float)):
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if not _ASCII_FLOAT.match(text):
            raise BadParameter(_lt("“%(field)s” must be a number.", field=label))
        value = float(text.replace(",", "."))
    value = float(value)
    if not math.isfinite(value):
        raise BadParameter(_lt("“%(field)s” must be a number.", field=label))
    return _within(value, label, minimum, maximum)


def param_text(value, label, max_length=255, default="", truncate=False):
    """Text without NUL bytes, stripped, at most `max_length` characters
    (cut there when `truncate`, refused otherwise; no limit when None, for a
    caller that has its own message)."""
    value = _scalar(value, label)
    if _blank(value):
        return default
    text = str(value).strip()
    if "\x00" in text:
        raise BadParameter(
            _lt("“%(field)s” contains a forbidden character.", field=label)
        )
    if max_length is not None and len(text) > max_length:
        if not truncate:
            raise BadParameter(
                _lt(
                    "“%(field)s” may not exceed %(max)s characters.",
                    field=label,
                    max=max_length,
                )
            )
        text = text[:max_length].rstrip()
    return text


def param_token(value, label, max_length=128):
    """An access token or code (URL-safe ASCII): `None` when it cannot be
    one, so that callers answer "not found" as for an unknown token."""
    if not isinstance(value, str) or len(value) > max_length or not _TOKEN.match(value):
        return None
    return value


def _check_year(value, label):
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise BadParameter(
            _lt(
                "“%(field)s” must be a date between the years %(min)s and %(max)s.",
                field=label,
                min=MIN_YEAR,
                max=MAX_YEAR,
            )
        )
    return value


def param_date(value, label, default=None):
    """A date written YYYY-MM-DD, in the supported years."""
    value = _scalar(value, label)
    if _blank(value):
        return default
    if isinstance(value, date) and not isinstance(value, datetime):
        return _check_year(value, label)
    try:
        parsed = date.fromisoformat(str(value).strip()[:10])
    except ValueError as error:
        raise BadParameter(
            _lt("“%(field)s” must be a date (YYYY-MM-DD).", field=label)
        ) from error
    return _check_year(parsed, label)


def param_time(value, label, default=None):
    """A time of day written HH:MM (or HH:MM:SS)."""
    value = _scalar(value, label)
    if _blank(value):
        return default
    match = _TIME.match(str(value).strip())
    if not match:
        raise BadParameter(_lt("“%(field)s” must be a time (HH:MM).", field=label))
    return time(int(match.group(1)), int(match.group(2)))


def param_datetime(value, label, tz="UTC", default=None):
    """A date and time as naive UTC (how Odoo stores it).

    ISO 8601 with an offset or ``Z`` is taken as written; without one it is
    the local time of `tz` (the user's time zone). Offsets beyond ±14:00 and
    years outside the supported range are refused before any arithmetic, so
    that converting never overflows."""
    value = _scalar(value, label)
    if _blank(value):
        return default
    if isinstance(value, datetime):
        parsed = value
    else:
        text = str(value).strip()
        if text[-1:] in "zZ":
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError as error:
            raise BadParameter(
                _lt(
                    "“%(field)s” must be a date and time, e.g. 2026-01-31T12:00.",
                    field=label,
                )
            ) from error
    _check_year(parsed, label)
    if parsed.tzinfo is None:
        try:
            zone = pytz.timezone(tz or "UTC")
        except pytz.UnknownTimeZoneError:
            zone = pytz.utc
        parsed = zone.localize(parsed)
    offset = parsed.utcoffset()
    if abs(offset.total_seconds()) > 14 * 3600:
        raise BadParameter(
            _lt("“%(field)s” has a time zone offset beyond ±14:00.", field=label)
        )
    return parsed.astimezone(pytz.utc).replace(tzinfo=None)


def param_push_subscription(env, values):
    """The arguments of Odoo's ``mail.push.device.register_devices`` from a
    browser's push subscription (``endpoint``, ``keys``, ``expirationTime``
    in milliseconds, ``vapid_public_key``, ``previousEndpoint``)."""
    values = {} if values is None else values
    if not isinstance(values, dict):
        raise BadParameter(
            _lt("“%(field)s” must be a single value.", field="subscription")
        )
    key = param_text(values.get("vapid_public_key"), "vapid_public_key", 200)
    # sudo: Odoo's public key, which every browser is given anyway; Odoo
    # itself raises a bare exception for another key
    if not key or key != env["ir.config_parameter"].sudo().get_param(
        "mail.web_push_vapid_public_key"
    ):
        raise BadParameter(
            _lt("The notification key has changed: reload the page and try again.")
        )
    keys = values.get("keys")
    if not isinstance(keys, dict) or not all(
        param_text(keys.get(name), name, 200) for name in ("p256dh", "auth")
    ):
        raise BadParameter(_lt("“%(field)s” is not valid text.", field="keys"))
    expiry = param_int(
        values.get("expirationTime"), "expirationTime", minimum=0, maximum=MAX_MS
    )
    result = {
        "endpoint": param_text(values.get("endpoint"), "endpoint", 2000),
        "keys": {name: keys[name] for name in ("p256dh", "auth")},
        "expirationTime": expiry
        and datetime.fromtimestamp(expiry / 1000, pytz.utc).replace(tzinfo=None),
        "vapid_public_key": key,
    }
    if values.get("previousEndpoint"):
        result["previousEndpoint"] = param_text(
            values["previousEndpoint"], "previousEndpoint", 2000
        )
    return result
