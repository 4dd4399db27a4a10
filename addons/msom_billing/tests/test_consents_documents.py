# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MsomBillingCase


@tagged("post_install", "-at_install")
class TestConsentsDocuments(MsomBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)
        cls.user = cls._resident_user(cls.owner, "jan.consent")

    def test_consent_history(self):
        self.owner.email = False
        partner = self.owner.with_user(self.user)
        with self.assertRefused(UserError, "e-mail address is needed"):
            partner.msom_grant_consent("einvoice")
        self.owner.email = "jan.nowak@example.com"
        consent = partner.msom_grant_consent("einvoice", "portal")
        self.assertTrue(consent.granted)
        self.assertEqual(consent.user_id, self.user)
        # granting twice records nothing new
        partner.msom_grant_consent("einvoice", "portal")
        # the office records what came on paper and by e-mail
        self.owner.msom_withdraw_consent("einvoice", "office")
        self.owner.msom_grant_consent("einvoice", "email")
        logs = consent.log_ids.sorted("id")
        self.assertEqual(logs.mapped("action"), ["grant", "withdraw", "grant"])
        self.assertEqual(logs.mapped("channel"), ["portal", "office", "email"])
        self.assertTrue(all(log.date and log.user_id for log in logs))
        self.assertTrue(self.owner._msom_has_consent("einvoice"))
        with self.assertRefused(UserError, "cannot be changed"):
            logs[0].write({"action": "withdraw"})
        with self.assertRefused(UserError, "cannot be deleted"):
            logs[0].unlink()
        with self.assertRefused(UserError, "Unknown consent type"):
            partner.msom_grant_consent("marketing")
        # the resident reads only their own consents and history
        self.neighbour.email = "ewa@example.com"
        self.neighbour.msom_grant_consent("einvoice", "office")
        Consent = self.env["msom.consent"].with_user(self.user)
        self.assertEqual(Consent.search([]).partner_id, self.owner)
        Log = self.env["msom.consent.log"].with_user(self.user)
        self.assertEqual(len(Log.search([])), 3)

    def test_resident_changes_only_own_consents_through_portal(self):
        Partner = self.env["res.partner"].with_user(self.user)
        for method in ("msom_grant_consent", "msom_withdraw_consent"):
            with self.assertRefused(AccessError, "only your own consents"):
                getattr(Partner.browse(self.neighbour.id), method)(
                    "ereading", channel="office"
                )
            with self.assertRefused(AccessError, "only your own consents"):
                getattr(Partner.browse(self.neighbour.id), method)("ereading")
            # a resident cannot pass their own change off as the office's
            with self.assertRefused(AccessError, "through the portal"):
                getattr(Partner.browse(self.owner.id), method)(
                    "ereading", channel="office"
                )
        self.assertFalse(
            self.env["msom.consent"].search(
                [("partner_id", "in", (self.owner | self.neighbour).ids)]
            )
        )

    def test_documents_and_portal_visibility(self):
        attachment = self.env["ir.attachment"].create(
            {"name": "umowa.pdf", "datas": base64.b64encode(b"%PDF-1.4 test")}
        )
        Document = self.env["msom.document"]
        contract = Document.create(
            {"name": "Umowa ustanowienia odrębnej własności", "unit_id": self.unit_1.id,
             "document_type": "contract", "portal_visible": True,
             "attachment_ids": [(6, 0, attachment.ids)]}
        )  # fmt: skip
        self.assertEqual(attachment.res_model, "msom.document")
        self.assertEqual(attachment.res_id, contract.id)
        internal = Document.create(
            {"name": "Notatka służbowa", "unit_id": self.unit_1.id,
             "document_type": "other"}
        )  # fmt: skip
        other = Document.create(
            {"name": "Wniosek o zmianę liczby osób", "unit_id": self.unit_2.id,
             "document_type": "application", "portal_visible": True}
        )  # fmt: skip
        with self.assertRefused(ValidationError, "belongs to a unit, a partner"):
            Document.create({"name": "bez właściciela"})
        with self.assertRefused(ValidationError, "not on buildings"):
            Document.create({"name": "budynek", "unit_id": self.building.id})
        self.assertEqual(Document._portal_documents(self.owner), contract)
        visible = Document.with_user(self.user).search([])
        self.assertEqual(visible, contract)
        for document in (internal, other):
            with self.assertRefused(AccessError, "not allowed|access"):
                document.with_user(self.user).read(["name"])
        files = contract.with_user(self.user).msom_portal_attachments()
        self.assertEqual(base64.b64decode(files.datas), b"%PDF-1.4 test")
        with self.assertRefused(AccessError, "not allowed|access"):
            internal.with_user(self.user).msom_portal_attachments()
