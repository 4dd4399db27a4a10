# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re
import threading
import time
from datetime import timedelta
from unittest.mock import patch

import requests

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME, get_db_name

from .common import MsomContractorHttpCase

# the board must be listening before the contractor acts
SETTLE_SECONDS = 1.5


@tagged("post_install", "-at_install")
class TestLiveBoardTour(MsomContractorHttpCase):
    """Two sessions: the operator's browser shows the board, then the map; the
    contractor, logged in on their own session, accepts and starts the job and
    pings a position through the mobile pages' routes."""

    def _contractor_session(self):
        session = requests.Session()
        session.cookies[TEST_CURSOR_COOKIE_NAME] = self.http_request_key
        response = session.post(
            f"{self.base_url()}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "db": get_db_name(),
                    "login": "c_plumber",
                    "password": "c_plumber",
                },
            },
            timeout=30,
        )
        self.assertEqual(response.json()["result"]["uid"], self.plumber_user.id)
        return session

    def _contractor_works(self, job, board_shown, map_shown, errors):
        try:
            self.assertTrue(board_shown.wait(120), "the board never loaded")
            time.sleep(SETTLE_SECONDS)
            session = self._contractor_session()
            base = f"{self.base_url()}/wykonawca/zlecenie/{job.id}"
            page = session.get(base, timeout=30)
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
            for action in ("accept", "start"):
                response = session.post(
                    f"{base}/akcja",
                    data={"action": action, "csrf_token": csrf},
                    timeout=30,
                )
                self.assertIn(f"ok={action}", response.url)
            self.assertTrue(map_shown.wait(120), "the map never loaded")
            time.sleep(SETTLE_SECONDS)
            response = session.post(
                f"{self.base_url()}/wykonawca/pozycja",
                json={
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"latitude": 52.2601, "longitude": 21.1502},
                },
                timeout=30,
            )
            self.assertTrue(response.json()["result"]["stored"])
        except Exception as error:  # noqa: BLE001 - reported by the test thread
            errors.append(error)

    def test_board_and_map_follow_the_contractor(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "msom_tickets.live_position_interval", "0"
        )
        # tiles cannot load in the test browser: a closed port
        self.env["ir.config_parameter"].sudo().set_param(
            "msom_tickets.map_tile_url", "http://127.0.0.1:9/{z}/{x}/{y}.png"
        )
        self.plumber.write({"msom_share_location": True})
        self.plumber._set_last_position(
            52.19, 21.05, fields.Datetime.now() - timedelta(hours=1)
        )
        job = self._job(name="ZG-LIVE-1", person_id=self.plumber.id)
        Ticket = type(self.env["fsm.order"])
        board_shown, map_shown = threading.Event(), threading.Event()
        read_group, map_data = Ticket.web_read_group, Ticket.get_map_data

        def board(records, *args, **kwargs):
            result = read_group(records, *args, **kwargs)
            board_shown.set()
            return result

        def map_(records, *args, **kwargs):
            result = map_data(records, *args, **kwargs)
            map_shown.set()
            return result

        errors = []
        worker = threading.Thread(
            target=self._contractor_works, args=(job, board_shown, map_shown, errors)
        )
        with (
            patch.object(Ticket, "web_read_group", board),
            patch.object(Ticket, "get_map_data", map_),
        ):
            worker.start()
            try:
                self.start_tour(
                    "/odoo/msom-tickets",
                    "msom_live_board_tour",
                    login=self.operator.login,
                    timeout=300,
                )
            finally:
                board_shown.set()
                map_shown.set()
                worker.join(60)
        self.assertFalse(errors)
        self.assertEqual(job.ticket_state, "in_progress")
        self.assertAlmostEqual(self.plumber.last_latitude, 52.2601)
