# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io
from datetime import date, timedelta

from odoo.tests import tagged

from .common import MsomPortalCase


@tagged("post_install", "-at_install")
class TestPortalTickets(MsomPortalCase):
    def _jan_tickets(self):
        return self.env["fsm.order"].search(
            [("reporter_partner_id", "=", self.owner.id)]
        )

    def _form(self, **vals):
        return dict(
            {
                "location_id": str(self.unit_1.id),
                "category_id": str(self.plumbing.id),
                "description": "Cieknie syfon pod zlewem.\nWoda na podłodze.",
            },
            **vals,
        )

    def test_new_ticket_with_photo_window_and_permission(self):
        self._login(self.jan)
        self.assertEqual(self.url_open("/my/tickets/new").status_code, 200)
        day = (date.today() + timedelta(days=3)).isoformat()
        response = self._post(
            "/my/tickets/submit",
            self._form(
                proposed_date=day,
                proposed_time_from="08:00",
                proposed_time_to="12:30",
                entry_permission="1",
            ),
            files=[self._png()],
        )
        self.assertEqual(response.status_code, 200)
        ticket = self._jan_tickets()
        self.assertEqual(len(ticket), 1)
        self.assertIn(f"/my/tickets/{ticket.id}", response.url)
        self.assertIn(ticket.name, response.text)
        self.assertEqual(ticket.channel, "portal")
        self.assertEqual(ticket.location_id, self.unit_1)
        self.assertEqual(ticket.category_id, self.plumbing)
        self.assertEqual(ticket.contractor_id, self.hydro)
        self.assertTrue(ticket.msom_entry_permission)
        self.assertEqual(str(ticket.proposed_date), day)
        self.assertEqual(
            (ticket.proposed_time_from, ticket.proposed_time_to), (8.0, 12.5)
        )
        self.assertIn("Woda na podłodze", str(ticket.description))
        self.assertEqual(len(ticket.attachment_ids), 1)
        self.assertEqual(ticket.attachment_ids.mimetype, "image/png")
        self.assertEqual(ticket.attachment_ids.res_id, ticket.id)
        self.assertIn(self.owner, ticket.message_partner_ids)
        # the list shows it with its expected date
        page = self.url_open("/my/tickets").text
        self.assertIn(ticket.name, page)
        self.assertIn("expected by", page)

    def test_pin_picks_the_nearest_building(self):
        self._login(self.jan)
        self._post(
            "/my/tickets/submit",
            self._form(location_id="", latitude="52.18850", longitude="21.05290"),
        )
        ticket = self._jan_tickets()
        self.assertEqual(ticket.location_id, self.building)
        self.assertAlmostEqual(ticket.latitude, 52.1885, places=4)
        # a pin far from every building is refused, nothing saved
        response = self._post(
            "/my/tickets/submit",
            self._form(location_id="", latitude="50.0", longitude="19.9"),
        )
        self.assertIn("not at any of our buildings", response.text)
        self.assertEqual(len(self._jan_tickets()), 1)

    def test_bad_input_saves_nothing(self):
        self._login(self.jan)
        Attachment = self.env["ir.attachment"]
        before = Attachment.search_count([("res_model", "=", "fsm.order")])
        cases = [
            (self._form(description="  "), None, "Describe the problem"),
            (self._form(location_id=""), None, "Choose where the problem is"),
            (
                self._form(location_id=str(self.unit_12.id)),
                None,
                "Choose one of your units",
            ),
            (
                self._form(),
                [
                    (
                        "photos",
                        (
                            "doc.png",
                            io.BytesIO(b"MZ\x90\x00 not an image"),
                            "image/png",
                        ),
                    )
                ],
                "is not a photo",
            ),  # fmt: skip
            (
                self._form(proposed_time_from="14:00", proposed_time_to="10:00"),
                None,
                "must start before it ends",
            ),
            (
                self._form(proposed_date="2020-01-01"),
                None,
                "in the past",
            ),
        ]
        for form, files, message in cases:
            with self.subTest(message=message):
                response = self._post("/my/tickets/submit", form, files=files)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                # what was typed is kept
                self.assertIn("msom_form_error", response.text)
        self.assertFalse(self._jan_tickets())
        self.assertEqual(
            Attachment.search_count([("res_model", "=", "fsm.order")]), before
        )

    def test_oversized_and_too_many_photos(self):
        self.env["ir.config_parameter"].set_param(
            "msom_tickets.attachment_max_mb", "0.001"
        )
        self._login(self.jan)
        big = ("photos", ("big.png", io.BytesIO(b"\x89PNG" + b"0" * 2000), "image/png"))
        response = self._post("/my/tickets/submit", self._form(), files=[big])
        self.assertIn("is larger than", response.text)
        self.env["ir.config_parameter"].set_param("msom_portal.report_max_photos", "1")
        response = self._post(
            "/my/tickets/submit", self._form(), files=[self._png(), self._png("b.png")]
        )
        self.assertIn("at most 1 photos", response.text)
        self.assertFalse(self._jan_tickets())

    def test_duplicate_suggestion(self):
        other = self._ticket(self.staircase_1, self.neighbour)
        mine = self._ticket(self.staircase_1, self.owner)
        self._login(self.jan)
        found = self.make_jsonrpc_request(
            "/my/tickets/duplicates",
            {"location_id": self.staircase_1.id, "category_id": self.plumbing.id},
        )
        self.assertEqual([d["name"] for d in found["tickets"]], [mine.name])
        self.assertEqual(found["tickets"][0]["summary"], "Cieknie kran")
        self.assertNotIn("reporter", found["tickets"][0])
        # Ewa's report on the staircase: it exists, nothing more
        self.assertTrue(found["others"])
        self.assertNotIn(other.name, str(found))
        # a pin next to the building, no place chosen
        found = self.make_jsonrpc_request(
            "/my/tickets/duplicates",
            {
                "category_id": self.plumbing.id,
                "latitude": "52.18844",
                "longitude": "21.05287",
            },
        )
        self.assertEqual([d["name"] for d in found["tickets"]], [mine.name])
        self.assertTrue(found["others"])
        self.assertNotIn(other.name, str(found))
        self.assertNotIn("Ewa", str(found))
        # another place of the resident's outside the building: nothing
        found = self.make_jsonrpc_request(
            "/my/tickets/duplicates",
            {"location_id": self.unit_12.id, "category_id": self.plumbing.id},
        )
        self.assertEqual(found, {"tickets": [], "others": False})

    def test_duplicates_never_show_other_residents_tickets(self):
        private = self._ticket(
            self.unit_12,
            self.neighbour,
            description="<p>Klucz u sąsiadki, tel. 600 100 200</p>",
        )
        self._login(self.jan)
        found = self.make_jsonrpc_request(
            "/my/tickets/duplicates",
            {"category_id": self.plumbing.id, "latitude": "52.18843",
             "longitude": "21.05286"},
        )  # fmt: skip
        self.assertEqual(found["tickets"], [])
        self.assertTrue(found["others"])
        for secret in (private.name, "600 100 200", "Klucz", self.unit_12.display_name):
            self.assertNotIn(secret, str(found))

    def test_ticket_page_messages_rating_and_reopen(self):
        ticket = self._ticket(self.unit_1, self.owner)
        protocol = self.env["ir.attachment"].create(
            {
                "name": "protokol.pdf",
                "raw": b"%PDF-1.4 protocol",
                "mimetype": "application/pdf",
                "res_model": "fsm.order",
                "res_id": ticket.id,
            }
        )
        ticket.message_post(
            body="Hydraulik będzie jutro.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.env.user.partner_id.id,
        )
        self._login(self.jan)
        page = self.url_open(f"/my/tickets/{ticket.id}").text
        self.assertIn("protokol.pdf", page)
        self.assertIn('id="discussion"', page)
        download = self.url_open(
            f"/my/tickets/{ticket.id}/document/{protocol.id}?download=1"
        )
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, b"%PDF-1.4 protocol")
        # the resident answers through the portal chatter
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "fsm.order",
                "thread_id": ticket.id,
                "post_data": {"body": "Będę w domu od 8.", "message_type": "comment"},
            },
        )
        message = ticket.message_ids[:1]
        self.assertIn("Będę w domu od 8.", str(message.body))
        self.assertEqual(message.author_id, self.owner)
        # rating before it is done: refused
        response = self._post(f"/my/tickets/{ticket.id}/rate", {"rating": "5"})
        self.assertIn("can be rated once it is done", response.text)
        ticket.sudo().write(
            {"stage_id": self.env.ref("msom_tickets.fsm_stage_ticket_done").id}
        )
        response = self._post(
            f"/my/tickets/{ticket.id}/rate", {"rating": "4", "comment": "Szybko."}
        )
        self.assertIn("Thank you for your rating", response.text)
        self.assertEqual(ticket.rating, 4)
        response = self._post(f"/my/tickets/{ticket.id}/reopen", {"reason": " "})
        self.assertIn("Say why", response.text)
        response = self._post(
            f"/my/tickets/{ticket.id}/reopen", {"reason": "Znowu cieknie."}
        )
        self.assertEqual(ticket.ticket_state, "new")
        self.assertEqual(ticket.reopen_count, 1)
        self.assertIn("Znowu cieknie.", response.text)  # in the messages/history
