# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from odoo.tests import tagged

from .common import MsomPortalCase
from .test_billing_pages import MsomPortalBillingMixin

TOKEN = re.compile(r'name="msom_submission" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestSubmissionOnce(MsomPortalBillingMixin, MsomPortalCase):
    """A form sent twice (a double click, a retry after a timeout) does the
    work once; the second request gets the first one's page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_billing_pages()

    def _token(self, url):
        return TOKEN.search(self.url_open(url).text).group(1)

    def _jan_tickets(self):
        return self.env["fsm.order"].search(
            [("reporter_partner_id", "=", self.owner.id)]
        )

    def test_ticket_form_sent_twice(self):
        self._login(self.jan)
        form = {
            "location_id": str(self.unit_1.id),
            "description": "Nie działa domofon w klatce.",
            "msom_submission": self._token("/my/tickets/new"),
        }
        first = self._post("/my/tickets/submit", form)
        second = self._post("/my/tickets/submit", form)
        ticket = self._jan_tickets()
        self.assertEqual(len(ticket), 1)
        self.assertEqual(second.status_code, 200)
        self.assertEqual(second.url, first.url)
        self.assertIn(f"/my/tickets/{ticket.id}", second.url)
        # the same report from a fresh form a moment later folds into it
        third = self._post(
            "/my/tickets/submit",
            dict(form, msom_submission=self._token("/my/tickets/new")),
        )
        self.assertEqual(self._jan_tickets(), ticket)
        self.assertIn(f"/my/tickets/{ticket.id}", third.url)
        # another text is another ticket
        fresh = self._token("/my/tickets/new")
        self._post(
            "/my/tickets/submit",
            dict(form, description="Cieknie kran.", msom_submission=fresh),
        )
        self.assertEqual(len(self._jan_tickets()), 2)

    def test_someone_elses_token_gives_nothing_of_theirs(self):
        self._login(self.jan)
        token = self._token("/my/tickets/new")
        form = {"location_id": str(self.unit_1.id), "description": "Zimne kaloryfery."}
        first = self._post("/my/tickets/submit", dict(form, msom_submission=token))
        self._login(self.ewa)
        response = self._post(
            "/my/tickets/submit",
            {"description": "Brak ciepłej wody.", "msom_submission": token,
             "location_id": str(self.unit_12.id)},
        )  # fmt: skip
        self.assertNotEqual(response.url, first.url)
        ewa_ticket = self.env["fsm.order"].search(
            [("reporter_partner_id", "=", self.neighbour.id)]
        )
        self.assertEqual(len(ewa_ticket), 1, "her own report is saved")
        self.assertIn(f"/my/tickets/{ewa_ticket.id}", response.url)

    def test_reading_sent_twice(self):
        self.owner.msom_grant_consent("ereading")
        self._login(self.jan)
        url = f"/my/meters/{self.meter_jan.id}"
        form = {"value": "110,5", "date": str(self.today),
                "msom_submission": self._token(url)}  # fmt: skip
        count = len(self.meter_jan.reading_ids)
        first = self._post(f"{url}/reading", form)
        second = self._post(f"{url}/reading", form)
        self.assertEqual(second.url, first.url)
        self.assertIn("o_msom_reading_saved", second.text)
        # from a fresh form as well: the same reading is stored once
        again = dict(form, msom_submission=self._token(url))
        self.assertIn("o_msom_reading_saved", self._post(f"{url}/reading", again).text)
        self.meter_jan.invalidate_recordset()
        self.assertEqual(len(self.meter_jan.reading_ids), count + 1)

    def test_refused_form_can_be_sent_again(self):
        self._login(self.jan)
        token = self._token("/my/tickets/new")
        form = {"location_id": str(self.unit_1.id), "msom_submission": token}
        response = self._post("/my/tickets/submit", dict(form, description=" "))
        self.assertIn("Describe the problem", response.text)
        self._post("/my/tickets/submit", dict(form, description="Cieknie kran."))
        self.assertEqual(len(self._jan_tickets()), 1)

    def test_chat_message_sent_twice(self):
        self._login(self.jan)
        params = {"body": "Proszę o kontakt.", "token": "a1b2c3d4e5f6"}
        first = self.make_jsonrpc_request("/my/chat/post", params)
        second = self.make_jsonrpc_request("/my/chat/post", params)
        self.assertEqual(second, first)
        conversation = self.env["msom.resident.conversation"]._get_for_partner(
            self.owner
        )
        bodies = conversation.message_ids.mapped("body")
        self.assertEqual(sum("Proszę o kontakt." in str(b) for b in bodies), 1)

    def test_personal_and_instalment_requests_sent_twice(self):
        self._login(self.jan)
        form = {"phone": "+48 600 100 200", "note": "Nowy numer",
                "msom_submission": self._token("/my/personal")}  # fmt: skip
        first = self._post("/my/personal", form)
        second = self._post("/my/personal", form)
        self.assertEqual(second.url, first.url)
        self.assertNotIn("o_msom_personal_error", second.text)
        requests = self.env["msom.partner.change.request"].search(
            [("partner_id", "=", self.owner.id)]
        )
        self.assertEqual(len(requests), 1)
        url = "/my/consents/instalments/request"
        form = {"note": "Utrata pracy", "count": "6",
                "msom_submission": self._token("/my/consents")}  # fmt: skip
        first = self._post(url, form)
        second = self._post(url, form)
        self.assertIn("o_msom_instalment_pending", second.text)
        self.assertNotIn("o_msom_consent_error", second.text, "not refused")
        self.assertEqual(second.url, first.url)
        self.assertEqual(len(self.owner.sudo()._msom_open_instalment_request()), 1)
