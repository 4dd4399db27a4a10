# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MsomBillingCase


@tagged("post_install", "-at_install")
class TestBillingSecurity(MsomBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)
        # a former owner of unit 12 who moved out
        cls._occupy(
            cls.unit_12, cls.owner, date_from="2019-01-01", date_to="2019-12-31"
        )
        cls.payer_12 = cls.env["res.partner"].create({"name": "Adam Król"})
        cls._occupy(cls.unit_12, cls.payer_12, date_from="2020-01-01")
        run = cls.env["msom.charge.run"].create(
            {"period": "2025-01-01", "estate_ids": [(6, 0, cls.estate.ids)]}
        )
        run.action_post()
        cls.charge_run = run
        Move = cls.env["account.move"]
        cls.move_1 = Move.search([("unit_id", "=", cls.unit_1.id)])
        cls.move_2 = Move.search([("unit_id", "=", cls.unit_2.id)])
        cls.move_12 = Move.search([("unit_id", "=", cls.unit_12.id)])
        cls.owner_user = cls._resident_user(cls.owner, "jan.nowak")
        cls.neighbour_user = cls._resident_user(cls.neighbour, "ewa.wojcik")
        cls.operator = new_test_user(
            cls.env, login="op", groups="msom_estate.group_msom_operator"
        )
        cls.accountant = new_test_user(
            cls.env, login="ksiegowa_t", groups="msom_estate.group_msom_accountant"
        )

    def test_resident_sees_only_entries_of_current_units(self):
        Move = self.env["account.move"].with_user(self.owner_user)
        self.assertEqual(Move.search([("unit_id", "!=", False)]), self.move_1)
        self.assertEqual(self.move_1.with_user(self.owner_user).unit_id, self.unit_1)
        Line = self.env["account.move.line"].with_user(self.owner_user)
        self.assertEqual(Line.search([("unit_id", "!=", False)]).move_id, self.move_1)
        virtual = self.env["msom.virtual.account"].with_user(self.owner_user)
        self.assertEqual(virtual.search([]).partner_id, self.owner)

    def test_on_current_unit_follows_the_users_occupancy(self):
        # sudo keeps the user: the field answers for the owner, whose
        # occupancy of unit 12 ended in 2019
        moves = (self.move_1 | self.move_2 | self.move_12).with_user(self.owner_user)
        moves = moves.sudo()
        self.assertEqual(
            [move.msom_on_current_unit for move in moves], [True, False, False]
        )
        Move = moves.browse()
        scope = [("id", "in", moves.ids)]
        self.assertEqual(
            Move.search(scope + [("msom_on_current_unit", "=", True)]), self.move_1
        )
        self.assertEqual(
            Move.search(scope + [("msom_on_current_unit", "=", False)]),
            self.move_2 | self.move_12,
        )
        Line = self.env["account.move.line"].with_user(self.neighbour_user).sudo()
        self.assertEqual(
            Line.search([("msom_on_current_unit", "=", True)]).move_id, self.move_2
        )

    def test_resident_cannot_read_other_entries_by_id(self):
        for move in (self.move_2, self.move_12):
            with self.assertRefused(AccessError, "not allowed|access"):
                move.with_user(self.owner_user).read(["name", "amount_total"])
            with self.assertRefused(AccessError, "not allowed|access"):
                move.line_ids[:1].with_user(self.owner_user).read(["balance"])
        with self.assertRefused(AccessError, "not allowed|access"):
            self.move_1.with_user(self.neighbour_user).read(["name"])

    def test_resident_cannot_change_entries(self):
        with self.assertRefused(AccessError, "not allowed|access"):
            self.move_1.with_user(self.owner_user).write({"ref": "x"})
        with self.assertRefused(AccessError, "not allowed|access"):
            self.env["msom.charge.run"].with_user(self.owner_user).search([])

    def test_operator_reads_billing_but_cannot_change_it(self):
        self.assertTrue(self.move_2.with_user(self.operator).read(["name"]))
        self.assertTrue(self.charge_run.with_user(self.operator).read(["name"]))
        with self.assertRefused(AccessError, "not allowed|access"):
            self.move_2.with_user(self.operator).write({"ref": "x"})
        with self.assertRefused(AccessError, "not allowed|access"):
            self.env["msom.charge.run"].with_user(self.operator).create(
                {"period": "2025-02-01"}
            )
        with self.assertRefused(AccessError, "not allowed|access"):
            self.c_repair.with_user(self.operator).write({"name": "x"})

    def test_accountant_runs_charges_and_sets_units(self):
        run = (
            self.env["msom.charge.run"]
            .with_user(self.accountant)
            .create({"period": "2025-02-01", "estate_ids": [(6, 0, self.estate.ids)]})
        )
        run.action_post()
        self.assertEqual(run.posted_count, 3)
        entry = (
            self.env["account.move"]
            .with_user(self.accountant)
            .create({"move_type": "entry", "ref": "korekta", "unit_id": self.unit_2.id})
        )
        self.assertEqual(entry.unit_id, self.unit_2)
