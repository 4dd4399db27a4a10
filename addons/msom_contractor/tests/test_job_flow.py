# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.msom_estate.tests.common import MsomPolishMixin

from .common import MsomContractorCase


@tagged("post_install", "-at_install")
class TestJobFlow(MsomContractorCase):
    def test_accept_start_hold_done(self):
        job = self._job()
        mine = self.as_plumber(job)
        self.assertEqual(mine.job_stage, "new")
        self.assertTrue(mine._msom_job_accept())
        self.assertEqual(job.job_stage, "accepted")
        self.assertEqual(job.person_id, self.plumber)
        self.assertEqual(job.contractor_accept_uid, self.plumber_user)
        self.assertEqual(job.ticket_state, "forwarded")
        # Accepting again (a stale page) changes nothing.
        self.assertFalse(mine._msom_job_accept())
        self.assertTrue(mine._msom_job_start())
        self.assertEqual(job.ticket_state, "in_progress")
        self.assertTrue(job.date_start)
        self.assertFalse(mine._msom_job_start())
        with self.assertRefused(ValidationError, "on hold"):
            mine._msom_job_hold("  ")
        self.assertTrue(mine._msom_job_hold("Czekam na część"))
        self.assertEqual(job.ticket_state, "on_hold")
        self.assertEqual(job.hold_reason, "Czekam na część")
        self.assertTrue(mine._msom_job_start())
        # Plumbing requires a protocol.
        with self.assertRefused(UserError, "completion protocol"):
            mine._msom_job_done()
        self.assertEqual(job.ticket_state, "in_progress")
        self.plumbing.protocol_required = False
        self.assertTrue(mine._msom_job_done())
        self.assertEqual(job.ticket_state, "done")
        self.assertTrue(job.done_date and job.date_end)
        self.assertFalse(mine._msom_job_done())

    def test_status_jumps_refused(self):
        job = self._job()
        mine = self.as_plumber(job)
        with self.assertRefused(UserError, "cannot be changed"):
            mine._msom_job_start()  # not accepted yet
        with self.assertRefused(UserError, "cannot be changed"):
            mine._msom_job_done()
        with self.assertRefused(UserError, "cannot be changed"):
            mine._msom_job_hold("x")
        self.assertEqual(job.job_stage, "new")
        mine._msom_job_accept()
        with self.assertRefused(UserError, "cannot be changed"):
            mine._msom_job_done()
        # The office takes the ticket back: the contractor's stale page fails.
        job.write({"stage_id": self.stage["accepted"].id})
        with self.assertRefused(Exception, "not one of your jobs"):
            mine._msom_job_start()

    def test_decline_goes_back_to_operator(self):
        job = self._job(forwarded_uid=self.operator.id)
        job.forwarded_uid = self.operator
        mine = self.as_plumber(job)
        with self.assertRefused(ValidationError, "decline"):
            mine._msom_job_decline("")
        messages_before = len(job.message_ids)
        self.assertTrue(mine._msom_job_decline("Brak części w hurtowni"))
        self.assertEqual(job.ticket_state, "accepted")
        self.assertFalse(job.contractor_id)
        self.assertFalse(job.person_id)
        self.assertEqual(job.last_decline_reason, "Brak części w hurtowni")
        self.assertGreater(len(job.message_ids), messages_before)
        self.assertTrue(job.activity_ids.filtered(lambda a: a.user_id == self.operator))
        # The contractor no longer sees it; a second submit is refused cleanly.
        self.assertFalse(
            self.env["fsm.order"]
            .with_user(self.plumber_user)
            .search([("id", "=", job.id)])
        )

    def test_direct_writes_limited(self):
        """Contractors change stages only through the job methods."""
        job = self._job()
        mine = self.as_plumber(job)
        mine.write({"resolution": "<p>ok</p>"})  # allowed (msom_tickets' test)
        with self.assertRefused(Exception, "job pages only"):
            mine.write({"stage_id": self.stage["done"].id})
        with self.assertRefused(Exception, "job pages only"):
            mine.with_context(msom_contractor_flow=True).write({"contractor_id": False})
        self.assertEqual(job.ticket_state, "forwarded")

    def test_details_and_bad_input(self):
        job = self._job()
        mine = self.as_plumber(job)
        mine._msom_job_accept()
        mine._msom_job_details(time_spent=1.5, notes="Wymiana uszczelki")
        self.assertEqual(job.time_spent, 1.5)
        self.assertIn("Wymiana uszczelki", job.resolution)
        with self.assertRefused(ValidationError, "between 0 and 1000"):
            mine._msom_job_details(time_spent=-2)
        start = job.create_date
        with self.assertRefused(ValidationError, "end before"):
            mine._msom_job_details(date_start=start, date_end=start.replace(year=2020))
        self.assertEqual(job.time_spent, 1.5)

    def test_new_job_notification(self):
        sent = []

        def fake_push(device, payload, **kwargs):
            # The network call to the push service is the only thing replaced.
            sent.append((device["endpoint"], json.loads(payload)))

        self.env["ir.config_parameter"].sudo().set_param(
            "mail.web_push_vapid_private_key", "priv"
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "mail.web_push_vapid_public_key", "pub"
        )
        self.env["mail.push.device"].sudo().create(
            {
                "partner_id": self.plumber.partner_id.id,
                "endpoint": "https://push.example/abc",
                "keys": '{"p256dh": "x", "auth": "y"}',
            }
        )
        with patch(
            "odoo.addons.mail.models.mail_thread.push_to_end_point",
            side_effect=fake_push,
        ):
            job = self._job()
        self.assertEqual(len(sent), 1)
        self.assertEqual(sent[0][0], "https://push.example/abc")
        self.assertIn(job.name, sent[0][1]["title"])
        self.assertIn(
            f"/wykonawca/zlecenie/{job.id}", sent[0][1]["options"]["data"]["url"]
        )
        # Without a device: e-mail.
        self.env["mail.push.device"].sudo().search([]).unlink()
        self.electrician.partner_id.email = "ewa@elektro.pl"
        ticket = self._ticket(category_id=self.electric.id)
        ticket.write({"stage_id": self.stage["forwarded"].id})
        mail = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.electrician.partner_id.ids)]
        )
        self.assertTrue(mail)
        self.assertIn(ticket.name, mail[0].subject)

    def test_location_ping_only_when_allowed(self):
        person = self.plumber.with_user(self.plumber_user)
        with self.assertRefused(UserError, "sharing is off"):
            person._msom_ping(52.2, 21.0)
        self.assertFalse(self.plumber.last_position_time)
        person._msom_set_location_sharing(True)
        with self.assertRefused(UserError, "not valid"):
            person._msom_ping(123, 21.0)
        self.assertTrue(person._msom_ping("52.2301", "21.0112"))
        self.assertAlmostEqual(self.plumber.last_latitude, 52.2301)
        self.assertTrue(self.plumber.last_position_time)
        # Too soon after the last ping: ignored, not an error.
        self.assertFalse(person._msom_ping(52.3, 21.1))
        # The operator's map shows it.
        workers = (
            self.env["fsm.order"].with_user(self.operator).get_map_data()["workers"]
        )
        self.assertIn(self.plumber.id, [w["id"] for w in workers])
        person._msom_set_location_sharing(False)
        self.assertFalse(self.plumber.last_position_time)


@tagged("post_install", "-at_install")
class TestPolish(MsomPolishMixin, MsomContractorCase):
    polish_modules = ["msom_contractor"]

    def test_errors_in_polish(self):
        job = self._job()
        mine = self.as_plumber(job).with_context(lang="pl_PL")
        with self.assertRefused(
            UserError, "nie można go teraz zmienić na „Zrealizowane”"
        ):
            mine._msom_job_done()
        with self.assertRefused(UserError, "nie jest zdjęciem"):
            mine._msom_add_photos([("faktura.pdf", b"%PDF-1.4")])
