# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import os
import re
import threading
import time
from datetime import timedelta

import requests

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME, get_db_name

from odoo.addons.bus.models.bus import channel_with_db, dispatch, hashable

from .browser import BrowserTimeout, logged_in_browser
from .common import MsomContractorHttpCase

_logger = logging.getLogger(__name__)

# once the server has the listener's channel, its page finishes subscribing
SETTLE_SECONDS = 1.5
# a page refreshes at most once per interval (ticket_live_service.js REFRESH_MS)
REFRESH_SECONDS = 1.0
# what the operator waits at most for a change, on a machine that is not
# overloaded (the requirement)
LIMIT_MS = 2000
# how long a page may take at most before the test says what it misses
PATIENCE_MS = 60_000
JOB = "ZG-LIVE-1"
FORWARDED, IN_PROGRESS, NEW = "Forwarded for Execution", "In Progress", "New"
# what the operator's pages read of themselves: the board's columns (title,
# counter, cards), the cuts' totals of the dashboard and the map's counter
PAGE_READERS = r"""
window.msomColumns = () => {
    const columns = {};
    for (const group of document.querySelectorAll(".o_kanban_group")) {
        const title = group.querySelector(".o_column_title")?.textContent.trim() || "";
        const [, name, count] = title.match(/^([^]*?)\s*(?:\((\d+)\))?$/);
        columns[name] = {
            count: parseInt(count || "0"),
            cards: [...group.querySelectorAll(".o_kanban_record")].map((card) => ({
                text: card.textContent,
                highlighted: card.classList.contains("o_msom_live_new"),
            })),
        };
    }
    return columns;
};
window.msomCard = (column, name) =>
    (msomColumns()[column]?.cards || []).find((card) => card.text.includes(name));
window.msomCutTotals = () =>
    Object.fromEntries(
        [...document.querySelectorAll(".o_msom_ticket_dashboard [data-cut]")].map(
            (cut) => [
                cut.dataset.cut,
                parseInt(cut.querySelector(".o_msom_cut_total").textContent),
            ]
        )
    );
window.msomMapTickets = () =>
    parseInt(document.querySelector(".o_msom_map_ticket_count").textContent);
window.msomSeen = () => ({
    url: location.href,
    columns: Object.entries(msomColumns()).map(([name, column]) => [
        name,
        column.count,
        column.cards.map((c) => c.text.slice(0, 10) + (c.highlighted ? "!" : "")),
    ]),
    cuts: document.querySelector(".o_msom_cut_total") && msomCutTotals(),
    pins: document.querySelector(".o_msom_map_ticket_count") && msomMapTickets(),
    text: document.body.innerText.slice(0, 300),
    content: document.querySelector(".o_content")?.innerHTML.slice(0, 100),
});
"""

HAS_CARD = "([column, name]) => Boolean(msomCard(column, name))"


def _seen(page):
    """What a page shows, for the message of a failed wait."""
    return page.evaluate("msomSeen()")


def limit_ms():
    """LIMIT_MS, stretched by how many runnable processes share each core when
    the test machine is overloaded (several test runs on two cores)."""
    contention = os.getloadavg()[0] / (os.cpu_count() or 1)
    return round(LIMIT_MS * max(1.0, contention))


@tagged("post_install", "-at_install")
class TestLiveBoardAndMap(MsomContractorHttpCase):
    """Two sessions. The operator's browser has the board, the map and the
    dashboard open side by side (three pages of one logged-in browser, as
    three tabs); the contractor, logged in on a session of their own, accepts
    and starts the job and sends a position through the mobile pages, and a
    colleague of the operator reports a new ticket. Every page follows
    within the limit, without a reload."""

    def _session(self, login):
        """A session of its own for ``login`` (logged in like a browser)."""
        session = requests.Session()
        session.cookies[TEST_CURSOR_COOKIE_NAME] = self.http_request_key
        result = self._json(
            session,
            "/web/session/authenticate",
            db=get_db_name(),
            login=login,
            password=login,
        )
        self.assertTrue(result["uid"], f"{login} could not log in")
        return session

    def _json(self, session, path, **params):
        response = session.post(
            f"{self.base_url()}{path}",
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=30,
        )
        return response.json()["result"]

    def _call(self, session, model, method, *args, **kwargs):
        return self._json(
            session,
            f"/web/dataset/call_kw/{model}/{method}",
            model=model,
            method=method,
            args=list(args),
            kwargs=kwargs,
        )

    def _wait_for_listener(self, target):
        """Until a websocket of the test server listens to ``target``."""
        channel = hashable(channel_with_db(get_db_name(), target))
        deadline = time.monotonic() + 120
        while not dispatch._channels_to_ws.get(channel):
            self.assertLess(time.monotonic(), deadline, "nobody listens")
            time.sleep(0.1)
        time.sleep(SETTLE_SECONDS)

    def _open(self, context, url, ready):
        """A page of the operator's browser, loaded."""
        page = context.new_page()
        page.goto(url)
        return self._loaded(page, url, ready)

    def _loaded(self, page, url, ready):
        """``page`` once it shows ``ready``, marked: a reload would lose it."""
        try:
            page.wait_for_selector(ready)
        except BrowserTimeout:
            self.fail(f"{url}: no {ready} within {PATIENCE_MS} ms; {_seen(page)}")
        page.evaluate("window.msomNoReload = true")
        return page

    def _follows(self, page, what, condition, since, arg=None):
        """Wait until the JavaScript ``condition`` holds on ``page``: it must
        within limit_ms() of ``since`` (monotonic), without a reload."""
        try:
            page.wait_for_function(condition, arg=arg, polling=50, timeout=PATIENCE_MS)
        except BrowserTimeout:
            self.fail(f"{what}: not within {PATIENCE_MS} ms; {_seen(page)}")
        delay = round((time.monotonic() - since) * 1000)
        _logger.info("msom live: %s %d ms after the change", what, delay)
        self.assertLessEqual(delay, limit_ms(), f"{what} {delay} ms after the change")
        self.assertTrue(page.evaluate("window.msomNoReload"), f"{what}: reloaded")

    def _contractor_acts(self, session, job, action):
        """The contractor's button on the job page; returns when it is saved."""
        base = f"{self.base_url()}/wykonawca/zlecenie/{job.id}"
        page = session.get(base, timeout=30)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
        response = session.post(
            f"{base}/akcja",
            data={"action": action, "csrf_token": csrf},
            allow_redirects=False,
            timeout=30,
        )
        self.assertIn(f"ok={action}", response.headers.get("Location", ""))

    def _prepare_live(self):
        """Positions sent at once, map tiles from a closed port (they cannot
        load in the test browser), the plumber sharing his position; returns
        the job forwarded to him."""
        parameters = self.env["ir.config_parameter"].sudo()
        parameters.set_param("msom_tickets.live_position_interval", "0")
        parameters.set_param("leaflet.tile_url", "http://127.0.0.1:9/{z}/{x}/{y}.png")
        self.plumber.write({"msom_share_location": True})
        return self._job(name=JOB, person_id=self.plumber.id)

    def _report(self, session):
        """A ticket reported on the board by the operator of ``session``;
        returns its id."""
        return self._call(
            session,
            "fsm.order",
            "create",
            {
                "location_id": self.unit_1.id,
                "category_id": self.plumbing.id,
                "description": "<p>Nie ma ciepłej wody</p>",
            },
            # as the board creates them
            context={"default_is_ticket": True, "default_channel": "operator"},
        )

    def test_board_map_and_dashboard_follow_the_contractor(self):
        job = self._prepare_live()
        self.plumber._set_last_position(
            52.19, 21.05, fields.Datetime.now() - timedelta(hours=1)
        )
        # read now: while the browser is open, the server has the cursor
        worker, operator = self.plumber.name, self.operator.name
        worker_login, operator_login = self.plumber_user.login, self.operator.login
        operators_channel = (self.env.company, "msom.tickets")
        with logged_in_browser(self, operator_login, bus=True) as context:
            context.add_init_script(PAGE_READERS)
            board = self._open(
                context,
                "/odoo/msom-tickets",
                f".o_kanban_group .o_kanban_record:has-text('{JOB}')",
            )
            map_ = self._open(
                context,
                "/odoo/msom-ticket-map",
                ".o_msom_map_canvas .o_msom_worker_pin",
            )
            dashboard = self._open(
                context, "/odoo/msom-ticket-dashboard", ".o_msom_cut_total"
            )
            self._wait_for_listener(operators_channel)
            columns = board.evaluate("msomColumns()")
            self.assertTrue(board.evaluate(HAS_CARD, [FORWARDED, JOB]))
            totals = dashboard.evaluate("msomCutTotals()")
            pins = map_.evaluate("msomMapTickets()")
            map_.evaluate(
                """() => {
                    window.msomPin = document.querySelector(".o_msom_worker_pin");
                    window.msomPinWas = [msomPin.title, msomPin.style.transform];
                }"""
            )
            self.assertIn(worker, map_.evaluate("msomPin.title"))

            # the contractor accepts and starts: the card moves column
            contractor = self._session(worker_login)
            self._contractor_acts(contractor, job, "accept")
            self._contractor_acts(contractor, job, "start")
            started = time.monotonic()
            self._follows(
                board,
                "the card moved column",
                HAS_CARD,
                started,
                arg=[IN_PROGRESS, JOB],
            )
            now = board.evaluate("msomColumns()")
            self.assertFalse(board.evaluate(HAS_CARD, [FORWARDED, JOB]))
            self.assertEqual(
                now[IN_PROGRESS]["count"], columns[IN_PROGRESS]["count"] + 1
            )
            self.assertEqual(now[FORWARDED]["count"], columns[FORWARDED]["count"] - 1)

            # the contractor's phone sends a position: the marker moves
            self.assertTrue(
                self._json(
                    contractor,
                    "/wykonawca/pozycja",
                    latitude=52.2601,
                    longitude=21.1502,
                )["stored"]
            )
            self._follows(
                map_,
                "the marker moved",
                "() => msomPin.isConnected && msomPin.title !== msomPinWas[0]",
                time.monotonic(),
            )
            self.assertNotEqual(
                map_.evaluate("msomPin.style.transform"), map_.evaluate("msomPinWas[1]")
            )

            # a colleague reports a new ticket: it appears everywhere. It
            # comes a refresh interval after the position, so its delay is that
            # of a change alone (accept and start above share one interval)
            colleague = self._session(operator_login)
            time.sleep(REFRESH_SECONDS)
            ticket_id = self._report(colleague)
            reported = time.monotonic()
            (ticket,) = self._call(
                colleague, "fsm.order", "read", [ticket_id], ["name"]
            )
            self._follows(
                board,
                "the new ticket appeared, highlighted",
                "([column, name]) => msomCard(column, name)?.highlighted",
                reported,
                arg=[NEW, ticket["name"]],
            )
            self.assertEqual(
                board.evaluate("msomColumns()")[NEW]["count"], columns[NEW]["count"] + 1
            )
            self._follows(
                dashboard,
                "the dashboard counted the new ticket",
                "([all, today]) => msomCutTotals().all === all"
                " && msomCutTotals().today === today",
                reported,
                arg=[totals["all"] + 1, totals["today"] + 1],
            )
            self._follows(
                map_,
                "the map pinned the new ticket",
                "(count) => msomMapTickets() === count",
                reported,
                arg=pins + 1,
            )

            # the live feed lists what happened
            board.click(".o_msom_live_feed_toggle")
            feed = board.locator(".o_msom_live_event")
            for text in (
                f"{JOB} accepted for execution by {worker}",
                f"{JOB} started by {worker}",
                f"{ticket['name']} reported by {operator}",
            ):
                feed.filter(has_text=text).first.wait_for()
            for page in (board, map_, dashboard):
                self.assertTrue(page.evaluate("window.msomNoReload"))
        self.env.invalidate_all()
        self.assertEqual(job.ticket_state, "in_progress")
        self.assertAlmostEqual(self.plumber.last_latitude, 52.2601)

    def _open_late(self, context, url, rpc, ready, change, channel):
        """A page of the operator's browser whose data ``rpc`` is read
        before ``change()`` and reaches the page only after the change's
        event: the case of a page opened while tickets change."""
        page = context.new_page()
        late = []

        def read_then_change(route):
            response = route.fetch()  # the page's data, read before the change
            if not late:
                late.append(route)
                self._wait_for_listener(channel)
                change()
                # the event reaches the page (and its view asks again, as it
                # will) while it still waits for its first data
                time.sleep(3 * SETTLE_SECONDS)
            route.fulfill(response=response)

        page.route(f"**/{rpc}", read_then_change)
        page.goto(url)
        self._loaded(page, url, ready)
        self.assertTrue(late, f"{url} did not call {rpc}")
        return page

    def test_pages_opened_while_tickets_change(self):
        """A change that comes between the moment the server reads a page's
        data and the moment the page draws them is not lost: the board is
        not left empty and shows it, the map places the worker, the
        dashboard counts the ticket."""
        job = self._prepare_live()
        totals = self.env["fsm.order"].get_board_dashboard()["all"]["total"]
        worker, worker_login = self.plumber.name, self.plumber_user.login
        operator_login = self.operator.login
        channel = (self.env.company, "msom.tickets")
        with logged_in_browser(self, operator_login, bus=True) as context:
            context.add_init_script(PAGE_READERS)
            contractor = self._session(worker_login)

            def accept_and_start():
                self._contractor_acts(contractor, job, "accept")
                self._contractor_acts(contractor, job, "start")

            board = self._open_late(
                context,
                "/odoo/msom-tickets",
                "fsm.order/web_read_group",
                f".o_kanban_group .o_kanban_record:has-text('{JOB}')",
                accept_and_start,
                channel,
            )
            self._follows(
                board,
                "the card moved column",
                HAS_CARD,
                time.monotonic(),
                [IN_PROGRESS, JOB],
            )
            map_ = self._open_late(
                context,
                "/odoo/msom-ticket-map",
                "fsm.order/get_map_data",
                ".o_msom_map_canvas",
                lambda: self._json(
                    contractor, "/wykonawca/pozycja", latitude=52.26, longitude=21.15
                ),
                channel,
            )
            self._follows(
                map_,
                "the worker's marker placed",
                "(name) => [...document.querySelectorAll('.o_msom_worker_pin')]"
                ".some((pin) => pin.title.includes(name))",
                time.monotonic(),
                worker,
            )
            colleague = self._session(operator_login)
            dashboard = self._open_late(
                context,
                "/odoo/msom-ticket-dashboard",
                "fsm.order/get_board_dashboard",
                ".o_msom_cut_total",
                lambda: self._report(colleague),
                channel,
            )
            self._follows(
                dashboard,
                "the dashboard counted the new ticket",
                "(all) => msomCutTotals().all === all",
                time.monotonic(),
                totals + 1,
            )

    def _office_forwards(self, job, errors):
        try:
            self._wait_for_listener((self.hydro, "msom.jobs"))
            session = self._session(self.operator.login)
            self._call(session, "fsm.order", "action_msom_forward", job.ids)
        except Exception as error:  # noqa: BLE001 - reported by the test thread
            errors.append(error)

    def test_contractor_list_follows_the_office(self):
        # only the new job will be new for the company
        self.env["fsm.order"].search(
            [("contractor_id", "=", self.hydro.id), ("ticket_state", "=", "forwarded")]
        ).write({"contractor_accept_date": "2026-01-01 10:00:00"})
        job = self._ticket(name="ZG-LIVE-2", reporter_partner_id=self.owner.id)
        errors = []
        office = threading.Thread(target=self._office_forwards, args=(job, errors))
        office.start()
        try:
            self.start_tour(
                "/wykonawca", "msom_live_jobs_tour", login="c_plumber", timeout=300
            )
        finally:
            office.join(150)
        self.assertFalse(errors)
        self.assertEqual(job.ticket_state, "forwarded")
