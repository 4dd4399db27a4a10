# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import json
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.msom_billing.tests.common import MsomBillingCase

from .services_common import MsomPortalMixin


@tagged("post_install", "-at_install")
class TestAnnouncement(MsomPortalMixin, MsomBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # MsomBillingCase built the registry; add the residents on it
        cls.unit_2.unit_type = "commercial"
        cls.tenant = cls.env["res.partner"].create({"name": "Adam Lis"})
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_12, cls.neighbour)
        cls._occupy(cls.unit_2, cls.tenant, role="tenant")
        cls.user_owner = cls._resident_user(cls.owner, "portal2_jan")
        cls.user_neighbour = cls._resident_user(cls.neighbour, "portal2_ewa")

    def _publish(self, **vals):
        announcement = self._announcement(**vals)
        announcement.action_publish()
        return announcement

    def test_groups_resolved_from_current_occupancy(self):
        everyone = self._publish()
        self.assertEqual(
            everyone.recipient_ids.partner_id, self.owner | self.neighbour | self.tenant
        )
        staircase = self._publish(location_ids=[(6, 0, self.staircase_1.ids)])
        self.assertEqual(staircase.recipient_ids.partner_id, self.owner | self.tenant)
        building = self._publish(location_ids=[(6, 0, self.building.ids)])
        self.assertEqual(len(building.recipient_ids), 3)
        commercial = self._publish(unit_type="commercial")
        self.assertEqual(commercial.recipient_ids.partner_id, self.tenant)
        # a past occupant no longer receives anything
        self.Occupancy.search([("partner_id", "=", self.tenant.id)]).date_to = (
            fields.Date.today() - timedelta(days=1)
        )
        with self.assertRefused(UserError, "No current resident"):
            self._publish(unit_type="commercial")

    def test_debtors_from_turnover(self):
        self.env["msom.charge.run"].create(
            {"period": "2025-01-01", "estate_ids": [(6, 0, self.estate.ids)]}
        ).action_post()
        # Ewa pays her January charges in full; Jan and Adam do not
        charge = self._charges(self.unit_12)
        self.assertTrue(charge)
        account = self.env["msom.virtual.account"]._get_or_create(
            self.neighbour, self.unit_12
        )
        line = self.env["account.bank.statement.line"].create(
            {
                "journal_id": self.bank_journal.id,
                "date": "2025-01-08",
                "amount": sum(charge.mapped("amount_total")),
                "account_number": account.number,
                "payment_ref": "opłaty",
                "msom_match_state": "todo",
            }
        )
        line.action_msom_match()
        debtors = self._publish(debtors_only=True)
        self.assertEqual(debtors.recipient_ids.partner_id, self.owner | self.tenant)

    def test_publish_notifies_by_email_and_web_push(self):
        self.env["mail.push.device"].sudo().get_web_push_vapid_public_key()
        device = (
            self.env["mail.push.device"]
            .sudo()
            .create(
                {
                    "partner_id": self.owner.id,
                    "endpoint": "https://push.example.com/jan",
                    "keys": '{"p256dh": "x", "auth": "y"}',
                }
            )
        )
        pushed = []

        def fake_push(**kwargs):
            pushed.append(kwargs)

        with patch(
            "odoo.addons.mail.models.mail_thread.push_to_end_point",
            side_effect=fake_push,
        ):
            announcement = self._publish(location_ids=[(6, 0, self.staircase_2.ids)])
        message = announcement.message_ids.filtered(
            lambda m: m.message_type == "comment"
        )
        self.assertEqual(message.partner_ids, self.neighbour)
        self.assertIn("/my/announcements/%d" % announcement.id, str(message.body))
        self.assertEqual(message.notification_ids.res_partner_id, self.neighbour)
        self.assertFalse(pushed, "Jan is not addressed: no push to his device")
        with patch(
            "odoo.addons.mail.models.mail_thread.push_to_end_point",
            side_effect=fake_push,
        ):
            self._publish(location_ids=[(6, 0, self.staircase_1.ids)])
        self.assertEqual(len(pushed), 1)
        self.assertEqual(pushed[0]["device"]["endpoint"], device.endpoint)
        self.assertIn("Wyłączenie wody", json.loads(pushed[0]["payload"])["title"])

    def test_body_is_sanitised_and_attachments_checked(self):
        announcement = self._announcement(
            body='<p onclick="steal()">Uwaga</p><script>alert(1)</script>'
        )
        self.assertNotIn("<script", str(announcement.body))
        self.assertNotIn("onclick", str(announcement.body))
        exe = self.env["ir.attachment"].create(
            {"name": "wirus.exe", "datas": base64.b64encode(b"MZ\x90\x00binary")}
        )
        with self.assertRefused(ValidationError, "wirus.exe"):
            announcement.attachment_ids = [(4, exe.id)]
        pdf = self.env["ir.attachment"].create(
            {"name": "harmonogram.pdf", "datas": base64.b64encode(b"%PDF-1.4 x")}
        )
        announcement.attachment_ids = [(4, pdf.id)]
        self.assertEqual(announcement.attachment_ids, pdf)

    def test_expiry_before_publication_refused(self):
        announcement = self._publish()
        with self.assertRefused(ValidationError, "expire before"):
            announcement.date_expiry = fields.Date.today() - timedelta(days=1)

    def test_unread_marker_and_expiry(self):
        Announcement = self.env["msom.announcement"]
        announcement = self._publish()
        self.assertEqual(Announcement._unread_count(self.owner), 1)
        self.assertTrue(announcement.with_user(self.user_owner).is_unread)
        announcement._mark_read(self.owner)
        self.assertEqual(Announcement._unread_count(self.owner), 0)
        self.assertEqual(Announcement._unread_count(self.neighbour), 1)
        self.assertEqual(announcement.read_count, 1)
        announcement.date_expiry = fields.Date.today()
        self.assertEqual(Announcement._unread_count(self.neighbour), 1)
        announcement.write({"date_publish": "2025-01-01 08:00:00"})
        announcement.date_expiry = "2025-01-31"
        self.assertEqual(Announcement._unread_count(self.neighbour), 0)
        self.assertFalse(
            Announcement.with_user(self.user_neighbour).search(
                [("id", "=", announcement.id)]
            )
        )

    def test_resident_reads_only_what_is_addressed_to_them(self):
        for_jan = self._publish(location_ids=[(6, 0, self.staircase_1.ids)])
        for_ewa = self._publish(location_ids=[(6, 0, self.staircase_2.ids)])
        draft = self._announcement()
        as_ewa = self.env["msom.announcement"].with_user(self.user_neighbour)
        self.assertEqual(as_ewa.search([]), for_ewa)
        with self.assertRaises(AccessError):
            as_ewa.browse(for_jan.id).read(["body"])
        with self.assertRaises(AccessError):
            as_ewa.browse(draft.id).read(["name"])
        recipients = self.env["msom.announcement.recipient"].with_user(
            self.user_neighbour
        )
        self.assertEqual(recipients.search([]).partner_id, self.neighbour)
        with self.assertRaises(AccessError):
            as_ewa.create({"name": "Fałszywe", "body": "<p>x</p>"})
        with self.assertRaises(AccessError):
            as_ewa.browse(for_ewa.id).write({"name": "Zmienione"})
