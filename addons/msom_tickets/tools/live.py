# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Live updates on Odoo's bus: changes collected per transaction.

The bus stores a notification per channel and per call; a burst of changes in
one transaction (a batch write, an import, a wizard on 100 tickets) would send
one notification per record. Changes are therefore collected until the
transaction's precommit, then sent as one notification per channel, with the
records' final values.
"""

import threading
import time
from datetime import UTC, datetime

# Operators' channel: (res.company record, OPERATOR_SUBCHANNEL);
# contractors' channel: (their company's res.partner record, JOBS_SUBCHANNEL).
OPERATOR_SUBCHANNEL = "msom.tickets"
JOBS_SUBCHANNEL = "msom.jobs"
# What a web client sends to `addChannel`; the server turns it into the
# channels above that the user may hear (ir.websocket).
CLIENT_CHANNEL = "msom.tickets.live"


def now_ms():
    """UTC now as Odoo serialises datetimes, with milliseconds: clients
    measure how long an event took to reach them."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def active_companies(env):
    """Where a record shared by all companies (no company) is heard."""
    return env["res.company"].sudo().search([("active", "=", True)])


def collect_until_precommit(env, key, items, send):
    """Add ``items`` to the list ``key`` of this transaction; at precommit,
    call ``send(items)`` once with everything collected."""
    data = env.cr.precommit.data
    if key not in data:
        data[key] = []

        @env.cr.precommit.add
        def flush():
            pending = data.pop(key, None)
            if pending:
                send(pending)

    data[key].extend(items)


class Throttle:
    """At most one send per ``interval`` seconds per key, within a process.

    Keys whose items arrive inside the window stay pending and go with the next
    send for that key: a batch per interval, never one notification per item.
    """

    def __init__(self, interval, clock=time.monotonic):
        self.interval = interval
        self.clock = clock
        self._lock = threading.Lock()
        self._last = {}
        self._pending = {}

    def take(self, key, items, interval=None):
        """Add ``items`` under ``key``; return all pending items of the key if
        the window is open (and close it), else an empty set."""
        interval = self.interval if interval is None else interval
        now = self.clock()
        with self._lock:
            pending = self._pending.setdefault(key, set())
            pending.update(items)
            if now - self._last.get(key, float("-inf")) < interval:
                return set()
            self._last[key] = now
            return self._pending.pop(key)
