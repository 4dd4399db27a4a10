# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A real Chromium, driven by Playwright, logged in on the test server."""

import logging
import resource
import shutil
from contextlib import ExitStack, contextmanager
from unittest.mock import patch
from urllib.parse import urlsplit

from odoo.tests.common import TEST_CURSOR_COOKIE_NAME

from odoo.addons.bus.models.bus import BusBus
from odoo.addons.bus.websocket import CloseCode, WebsocketConnectionHandler, _kick_all

try:
    from playwright.sync_api import TimeoutError as BrowserTimeout
    from playwright.sync_api import sync_playwright
except ImportError:  # requirements-dev.txt
    BrowserTimeout, sync_playwright = TimeoutError, None

_logger = logging.getLogger(__name__)

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@contextmanager
def _address_space_for_chromium():
    """Chromium reserves more virtual memory than Odoo's memory limit allows
    (as Odoo's own browser tests know): the Playwright driver started here,
    and the Chromium it starts, get the hard limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextmanager
def _live_bus():
    """Websockets and bus notifications in the test, as Odoo's
    ``HttpCase.browser_js`` allows them for tours."""
    sendone = BusBus._sendone

    def sendone_at_once(bus, target, notification_type, message):
        # the test cursor never commits: the notification goes right away
        sendone(bus, target, notification_type, message)
        bus.env.cr.precommit.run()  # writes the bus.bus records
        bus.env.cr.postcommit.run()  # tells the websockets

    with ExitStack() as stack:
        stack.callback(_kick_all, CloseCode.KILL_NOW)
        stack.enter_context(patch.object(BusBus, "_sendone", sendone_at_once))
        stack.enter_context(
            patch.object(
                WebsocketConnectionHandler, "websocket_allowed", return_value=True
            )
        )
        yield


@contextmanager
def logged_in_browser(case, login, bus=False, **options):
    """A browser context logged in as ``login`` (password = login) on the
    server of the HttpCase ``case``, with the bus's websocket if ``bus``;
    ``options`` go to Playwright's ``new_context``. A JavaScript error on any
    of its pages fails the test."""
    if not sync_playwright:
        case.skipTest("Playwright is not installed (requirements-dev.txt)")
    executable = next(filter(None, map(shutil.which, BROWSERS)), None)
    if not executable:
        case.skipTest("Chromium is not installed")
    case.authenticate(login, login)
    host = urlsplit(case.base_url()).hostname
    with case.allow_requests(), ExitStack() as stack:
        if bus:
            stack.enter_context(_live_bus())
        with _address_space_for_chromium():
            playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox"]
        )
        try:
            context = browser.new_context(base_url=case.base_url(), **options)
            context.add_cookies(
                [
                    {"name": name, "value": value, "domain": host, "path": "/"}
                    for name, value in (
                        ("session_id", case.session.sid),
                        (TEST_CURSOR_COOKIE_NAME, case.http_request_key),
                    )
                ]
            )
            context.set_default_timeout(60_000)
            errors = []

            def error(page, error):
                # said at once: a wait that fails first would hide it
                _logger.warning("JavaScript error on %s: %s", page.url, error)
                errors.append(str(error))

            def watch(page):
                page.on("pageerror", lambda exc: error(page, exc))

            context.on("page", watch)
            yield context
            case.assertEqual(errors, [], "JavaScript errors on the page")
        finally:
            browser.close()
