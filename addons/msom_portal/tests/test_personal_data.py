# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.msom_billing.tools.nrb import make_virtual_nrb

from .services_common import MsomPortalMixin


@tagged("post_install", "-at_install")
class TestPersonalData(MsomPortalMixin, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_portal()
        cls.Request = cls.env["msom.partner.change.request"]
        cls.owner.write({"phone": "+48 600 100 200", "city": "Warszawa"})
        cls.iban = make_virtual_nrb("10901014", "12345678", 4242)

    def test_submit_approve_applies_to_partner(self):
        request = self.Request._portal_submit(
            self.owner,
            {
                "phone": "+48 601 222 333",
                "email": "Jan.Nowak@Example.com",
                "city": "Warszawa",  # unchanged: no line
                "msom_correspondence_street": "ul. Polna 3",
                "msom_correspondence_zip": "02-100",
                "msom_correspondence_city": "Warszawa",
                "refund_account": self.iban,
            },
            note="Przeprowadzka",
        )
        self.assertEqual(request.state, "submitted")
        diff = {
            line.field_key: (line.old_value, line.new_value)
            for line in request.line_ids
        }
        self.assertEqual(diff["phone"], ("+48 600 100 200", "+48 601 222 333"))
        self.assertEqual(diff["email"][1], "jan.nowak@example.com")
        self.assertNotIn("city", diff)
        self.assertEqual(len(diff), 6)
        # nothing changes before the office decides
        self.assertEqual(self.owner.phone, "+48 600 100 200")
        with self.assertRefused(UserError, "already have a change request"):
            self.Request._portal_submit(self.owner, {"phone": "600 000 000"})
        request.with_user(self.user_operator).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decided_by_id, self.user_operator)
        self.assertEqual(self.owner.phone, "+48 601 222 333")
        self.assertEqual(self.owner.email, "jan.nowak@example.com")
        self.assertEqual(self.owner.msom_correspondence_zip, "02-100")
        self.assertEqual(
            self.owner.msom_refund_bank_id.sanitized_acc_number.removeprefix("PL"),
            self.iban,
        )
        self.assertEqual(self.owner.msom_refund_bank_id.partner_id, self.owner)

    def test_bad_input_saves_nothing(self):
        wrong_digit = str((int(self.iban[-1]) + 1) % 10)
        cases = [
            ({"phone": "12ab"}, "not a valid phone"),
            ({"email": "jan@"}, "not a valid e-mail"),
            ({"email": ""}, "cannot be removed"),
            ({"zip": "2100"}, "postal code"),
            ({"refund_account": "PL12 3456 7890"}, "bank account"),
            ({"refund_account": self.iban[:-1] + wrong_digit}, "bank account"),
        ]
        for values, message in cases:
            with self.subTest(values=values):
                with self.assertRefused(UserError, message):
                    # a valid change beside the bad one is not saved either
                    self.Request._portal_submit(
                        self.owner, dict({"city": "Kraków"}, **values)
                    )
        with self.assertRefused(UserError, "does not change"):
            self.Request._portal_submit(self.owner, {"city": "Warszawa"})
        self.assertFalse(self.Request.search([("partner_id", "=", self.owner.id)]))
        self.assertEqual(self.owner.city, "Warszawa")

    def test_reject_needs_reason_and_keeps_data(self):
        request = self.Request._portal_submit(self.owner, {"phone": "+48 700 800 900"})
        with self.assertRefused(UserError, "reason"):
            request.action_reject()
        request.reject_reason = "Numer należy do innej osoby."
        request.action_reject()
        self.assertEqual(request.state, "rejected")
        self.assertEqual(self.owner.phone, "+48 600 100 200")
        with self.assertRefused(UserError, "Only a submitted"):
            request.action_approve()

    def test_resident_reads_only_own_requests(self):
        mine = self.Request._portal_submit(self.owner, {"phone": "+48 700 800 900"})
        theirs = self.Request._portal_submit(
            self.neighbour, {"phone": "+48 500 600 700"}
        )
        as_jan = self.Request.with_user(self.user_owner)
        self.assertEqual(as_jan.search([]), mine)
        with self.assertRaises(AccessError):
            as_jan.browse(theirs.id).read(["line_ids"])
        with self.assertRaises(AccessError):
            theirs.line_ids.with_user(self.user_owner).read(["new_value"])
        with self.assertRaises(AccessError):
            as_jan.browse(mine.id).action_approve()
        with self.assertRaises(AccessError):
            as_jan.create({"partner_id": self.owner.id})
