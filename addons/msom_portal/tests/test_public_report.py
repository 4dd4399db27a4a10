# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io

from odoo.tests import tagged

from .common import MsomPortalCase


@tagged("post_install", "-at_install")
class TestPublicReport(MsomPortalCase):
    def _anonymous(self):
        return self.env["fsm.order"].search([("channel", "=", "anonymous")])

    def _form(self, **vals):
        return dict(
            {
                "description": "Nie działa oświetlenie na klatce.",
                "reporter_name": "Przechodzień",
                "reporter_phone": "600 100 200",
            },
            **vals,
        )

    def _submit(self, form, files=None):
        # anonymous: the CSRF token of the public session
        if not getattr(self, "session", None):
            self.authenticate(None, None)
        return self._post("/zgloszenie/wyslij", form, files=files)

    def test_form_from_the_qr_code(self):
        token = self.staircase_1.sudo().public_report_token
        url = self.staircase_1._get_public_report_url()
        self.assertEqual(url, f"{self.staircase_1.get_base_url()}/zgloszenie/{token}")
        self.assertTrue(self.staircase_1._get_public_report_qr())
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.staircase_1.display_name, page.text)
        self.assertIn('name="website_url"', page.text)  # the honeypot
        response = self._submit(self._form(token=token), files=[self._png()])
        self.assertEqual(response.status_code, 200)
        ticket = self._anonymous()
        self.assertEqual(len(ticket), 1)
        self.assertIn(ticket.name, response.text)
        self.assertEqual(ticket.location_id, self.staircase_1)
        self.assertEqual(ticket.reporter_phone, "600 100 200")
        self.assertFalse(ticket.reporter_partner_id)
        self.assertEqual(len(ticket.attachment_ids), 1)
        # an unknown token is a 404, not a form for nowhere
        self.assertEqual(
            self.url_open("/zgloszenie/nieistniejacy-token").status_code, 404
        )

    def test_public_report_tour(self):
        """A passer-by scans a staircase's QR code, reports with a photo, then
        reports again from the plain form with a pin on the map."""
        self._build_tour_bundles()
        token = self.staircase_1.sudo().public_report_token
        self.start_tour(f"/zgloszenie/{token}", "msom_portal_public_report_tour")
        from_qr, from_pin = self._anonymous().sorted("id")
        self.assertEqual(from_qr.location_id, self.staircase_1)
        self.assertEqual(from_qr.attachment_ids.name, "kran.png")
        self.assertEqual(from_qr.reporter_phone, "600 100 200")
        self.assertIn("lampa", str(from_qr.description))
        self.assertTrue(from_pin.latitude)
        self.assertEqual(from_pin.reporter_email, "przechodzien@example.com")
        self.assertIn("chodniku", str(from_pin.description))

    def test_building_list_and_pin(self):
        page = self.url_open("/zgloszenie").text
        self.assertIn(self.building.complete_name, page)
        self._submit(self._form(building_id=str(self.building.id)))
        self._submit(self._form(latitude="52.18845", longitude="21.05280"))
        tickets = self._anonymous()
        self.assertEqual(len(tickets), 2)
        self.assertEqual(tickets.location_id, self.building)

    def test_bad_input_and_honeypot(self):
        cases = [
            (self._form(), "Choose the building"),
            (self._form(building_id=str(self.building.id), description=""),
             "Describe the problem"),
            (self._form(building_id=str(self.building.id), reporter_phone=""),
             "phone number or an e-mail"),
            (self._form(building_id=str(self.building.id), reporter_email="x@"),
             "not a valid e-mail"),
        ]  # fmt: skip
        for form, message in cases:
            with self.subTest(message=message):
                response = self._submit(form)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
        response = self._submit(
            self._form(building_id=str(self.building.id)),
            files=[("photos", ("x.png", io.BytesIO(b"<script>"), "image/png"))],
        )
        self.assertIn("is not a photo", response.text)
        # the honeypot: looks accepted, nothing is stored
        response = self._submit(
            self._form(building_id=str(self.building.id), website_url="http://spam")
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("msom_thanks", response.text)
        self.assertFalse(self._anonymous())

    def test_rate_limit_per_address(self):
        self.env["ir.config_parameter"].set_param(
            "msom_portal.public_report_rate_limit", "3"
        )
        form = self._form(building_id=str(self.building.id))
        statuses = [self._submit(form).status_code for _i in range(5)]
        self.assertEqual(statuses, [200, 200, 200, 429, 429])
        self.assertEqual(len(self._anonymous()), 3)
        response = self._submit(form)
        self.assertIn("Too many reports", response.text)

    def test_refused_reports_do_not_count_and_honeypot_respects_the_limit(self):
        self.env["ir.config_parameter"].set_param(
            "msom_portal.public_report_rate_limit", "2"
        )
        building = str(self.building.id)
        # a neighbour's typos use up nobody's reports
        for _i in range(4):
            self.assertEqual(
                self._submit(
                    self._form(building_id=building, reporter_email="x@")
                ).status_code,
                400,
            )
        statuses = [
            self._submit(self._form(building_id=building)).status_code
            for _i in range(2)
        ]
        self.assertEqual(statuses, [200, 200])
        self.assertEqual(len(self._anonymous()), 2)
        # over the limit, a bot filling the honeypot is not told it succeeded
        response = self._submit(self._form(building_id=building, website_url="x"))
        self.assertEqual(response.status_code, 429)
        self.assertNotIn("msom_thanks", response.text)
        self.assertIn("Too many reports", response.text)
