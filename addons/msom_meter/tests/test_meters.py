# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.msom_billing.tests.common import MsomBillingCase


@tagged("post_install", "-at_install")
class TestMeters(MsomBillingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_payers()
        Meter = cls.env["msom.meter"]
        cls.meter_1 = Meter.create(
            {"serial_number": "ZW-0001", "meter_type": "cold_water",
             "unit_id": cls.unit_1.id, "install_date": "2025-01-01",
             "initial_reading": 100.0, "location": "łazienka",
             "legalisation_date": "2030-01-01"}
        )  # fmt: skip
        cls.meter_2 = Meter.create(
            {"serial_number": "ZW-0002", "meter_type": "cold_water",
             "unit_id": cls.unit_2.id, "install_date": "2025-01-01",
             "initial_reading": 10.0}
        )  # fmt: skip
        cls.Reading = cls.env["msom.meter.reading"]

    def _read(self, meter, day, value, **vals):
        return self.Reading.create(
            dict({"meter_id": meter.id, "date": day, "value": value}, **vals)
        )

    def _water_settlement(self):
        """Cold water, first quarter of 2025, 12.50 zł per m³."""
        return self.env["msom.meter.settlement"].create(
            {"name": "Woda I kw. 2025", "component_id": self.c_water.id,
             "meter_type": "cold_water", "date_from": "2025-01-01",
             "date_to": "2025-03-31", "date": "2025-04-15", "price": 12.5}
        )  # fmt: skip

    def test_validation(self):
        first = self._read(self.meter_1, "2025-03-31", 115.0)
        self.assertAlmostEqual(first.consumption, 15.0)
        with self.assertRefused(ValidationError, "lower than the previous"):
            self._read(self.meter_1, "2025-06-30", 110.0)
        with self.assertRefused(ValidationError, "in the future"):
            self._read(
                self.meter_1,
                fields.Date.today() + timedelta(days=1),
                200.0,
            )
        with self.assertRefused(ValidationError, "higher than a later"):
            self._read(self.meter_1, "2025-02-28", 120.0)
        with self.assertRefused(ValidationError, "installed on"):
            self._read(self.meter_1, "2024-12-01", 100.0)
        with self.assertRefused(ValidationError, "cannot be changed"):
            first.value = 116.0
        # a batch is checked as a whole, in date order
        with self.assertRefused(ValidationError, "lower than the previous"):
            self.Reading.create(
                [
                    {"meter_id": self.meter_1.id, "date": "2025-09-30", "value": 140.0},
                    {"meter_id": self.meter_1.id, "date": "2025-06-30", "value": 150.0},
                ]
            )
        self.assertEqual(
            self.Reading.search_count([("meter_id", "=", self.meter_1.id)]), 2
        )

    def test_anomaly_warning(self):
        self._read(self.meter_1, "2025-03-31", 115.0)
        normal = self._read(self.meter_1, "2025-06-30", 130.0)
        self.assertFalse(normal.anomaly)
        spike = self._read(self.meter_1, "2025-09-30", 200.0)
        self.assertTrue(spike.anomaly)

    def test_replacement_and_consumption(self):
        self._read(self.meter_1, "2025-03-31", 115.0)
        new = self.meter_1.action_replace("2025-05-15", 122.0, "ZW-0009", 0.0)
        self.assertFalse(self.meter_1.active)
        self.assertEqual(self.meter_1.replacement_id, new)
        self.assertEqual(new.replaced_meter_id, self.meter_1)
        self.assertAlmostEqual(self.meter_1.final_reading, 122.0)
        # a lower reading is fine on the new meter
        self._read(new, "2025-06-30", 9.0)
        with self.assertRefused(ValidationError, "was replaced on"):
            self._read(self.meter_1, "2025-06-30", 130.0)
        used = self.unit_1._msom_consumption("cold_water", "2025-01-01", "2025-06-30")
        self.assertAlmostEqual(used[self.unit_1.id], 22.0 + 9.0)
        used = self.unit_1._msom_consumption("cold_water", "2025-04-01", "2025-06-30")
        self.assertAlmostEqual(used[self.unit_1.id], 7.0 + 9.0)
        with self.assertRefused(UserError, "already replaced"):
            self.meter_1.action_replace("2025-07-01", 130.0, "X")

    def test_settlement_split_between_payers(self):
        """The owner sells on 14 February: each payer settles the cost of
        their days against their own advances, as the charge run split
        them."""
        buyer = self.env["res.partner"].create({"name": "Anna Kupiec"})
        self.unit_1.current_occupancy_ids.date_to = "2025-02-14"
        self._occupy(self.unit_1, buyer, date_from="2025-02-15")
        for month in ("2025-01-01", "2025-02-01", "2025-03-01"):
            self._run(month).action_post()
        self._read(self.meter_1, "2025-03-31", 130.0)  # 30 m³
        settlement = self._water_settlement()
        settlement.action_compute()
        lines = settlement.line_ids.filtered(lambda line: line.unit_id == self.unit_1)
        by_partner = {line.partner_id: line for line in lines}
        self.assertEqual(set(by_partner), {self.owner, buyer})
        seller, new = by_partner[self.owner], by_partner[buyer]
        # 45 days each of 90: half the 375 zł cost each
        self.assertEqual((seller.days, new.days), (45, 45))
        self.assertAlmostEqual(seller.cost, 187.5)
        self.assertAlmostEqual(new.cost, 187.5)
        # advances 90 zł a month: January and 14/28 of February for the
        # seller, the rest of February and March for the buyer
        water = self.env["account.move.line"].search(
            [("unit_id", "=", self.unit_1.id),
             ("msom_component_id", "=", self.c_water.id)]
        )  # fmt: skip
        for partner, line in by_partner.items():
            own = -sum(
                water.filtered(lambda ml, p=partner: ml.partner_id == p).mapped(
                    "balance"
                )
            )
            self.assertAlmostEqual(line.advances, own)
        self.assertAlmostEqual(seller.advances, 135.0)
        self.assertAlmostEqual(new.advances, 135.0)
        self.assertAlmostEqual(seller.difference, 52.5)
        self.assertAlmostEqual(new.difference, 52.5)
        settlement.action_post()
        self.assertEqual(seller.move_id.partner_id, self.owner)
        self.assertEqual(new.move_id.partner_id, buyer)
        self.assertEqual((seller.move_id | new.move_id).unit_id, self.unit_1)

    def test_implausible_readings_are_refused(self):
        # a typo of a few extra digits would block every later reading
        with self.assertRefused(ValidationError, "more than meter ZW-0001 can show"):
            self._read(self.meter_1, "2025-03-31", 10.0**12)
        for value in (float("nan"), float("inf")):
            with self.assertRefused(ValidationError, "must be a number"):
                self._read(self.meter_1, "2025-03-31", value)
        # 100 m³ → 9,000 m³ in 89 days: over 100 m³ a day from a flat's meter
        with self.assertRefused(ValidationError, "8900.0 m³ used in 89 days"):
            self._read(self.meter_1, "2025-03-31", 9000.0)
        # the same reading entered twice
        self._read(self.meter_1, "2025-03-31", 130.0)
        with self.assertRefused(ValidationError, "already recorded"):
            self._read(self.meter_1, "2025-03-31", 130.0)
        with self.assertRefused(ValidationError, "already recorded"):
            self.Reading.create(
                [{"meter_id": self.meter_2.id, "date": "2025-03-31", "value": 12.0}] * 2
            )
        # an unchanged meter a month later (an empty flat) is fine
        self.assertEqual(self._read(self.meter_1, "2025-04-30", 130.0).consumption, 0)
        self.assertEqual(len(self.meter_1.reading_ids), 3)

    def test_resident_reading_sent_twice_is_stored_once(self):
        user = self._resident_user(self.owner, "jan.twice")
        self.owner.with_user(user).msom_grant_consent("ereading", "portal")
        today = fields.Date.today()
        self.env["msom.meter.campaign"].create(
            {"name": "Woda", "date_from": today - timedelta(days=3),
             "deadline": today + timedelta(days=3)}
        ).action_open()  # fmt: skip
        meter = self.meter_1.with_user(user)
        first = meter.msom_submit_reading(self.owner, "120,5")
        second = meter.msom_submit_reading(self.owner, "120.5")
        self.assertEqual(second["reading"], first["reading"])
        self.assertAlmostEqual(second["consumption"], 20.5)
        self.assertEqual(len(self.meter_1.reading_ids), 2, "initial + one")
        with self.assertRefused(ValidationError, "can show"):
            meter.msom_submit_reading(self.owner, "1e12")

    def test_portal_api(self):
        user = self._resident_user(self.owner, "jan.meter")
        partner = self.owner
        self.assertEqual(
            self.env["msom.meter"].with_user(user).msom_portal_meters(partner),
            self.meter_1,
        )
        with self.assertRefused(UserError, "e-reading consent"):
            self.meter_1.with_user(user).msom_submit_reading(partner, "120")
        partner.with_user(user).msom_grant_consent("ereading", "portal")
        # only during an open campaign of the meter's type and estate
        with self.assertRefused(UserError, "only during a reading campaign"):
            self.meter_1.with_user(user).msom_submit_reading(partner, "120")
        today = fields.Date.today()
        campaign = self.env["msom.meter.campaign"].create(
            {"name": "Ciepła woda", "date_from": today - timedelta(days=3),
             "deadline": today + timedelta(days=3), "meter_type": "hot_water"}
        )  # fmt: skip
        campaign.action_open()
        with self.assertRefused(UserError, "only during a reading campaign"):
            self.meter_1.with_user(user).msom_submit_reading(partner, "120")
        campaign.meter_type = False
        result = self.meter_1.with_user(user).msom_submit_reading(
            partner, "120,5", date="2025-04-30"
        )
        self.assertAlmostEqual(result["consumption"], 20.5)
        self.assertEqual(result["reading"].source, "resident")
        self.assertEqual(result["reading"].partner_id, partner)
        self.assertEqual(result["reading"].campaign_id, campaign)
        with self.assertRefused(UserError, "only read the meters of your own"):
            self.meter_2.with_user(user).msom_submit_reading(partner, "20")
        with self.assertRefused(UserError, "does not belong to the unit"):
            self.meter_1.with_user(user).msom_submit_reading(
                partner, "130", unit=self.unit_2
            )
        with self.assertRefused(ValidationError, "lower than the previous"):
            self.meter_1.with_user(user).msom_submit_reading(partner, "101")
        with self.assertRefused(UserError, "must be a number"):
            self.meter_1.with_user(user).msom_submit_reading(partner, "abc")
        history = self.meter_1.with_user(user).msom_portal_history()
        self.assertEqual([h["value"] for h in history], [120.5, 100.0])
        # record rules: the resident reads only their unit's meters
        Reading = self.env["msom.meter.reading"].with_user(user)
        self.assertEqual(Reading.search([]).meter_id, self.meter_1)
        with self.assertRefused(AccessError, "not allowed|access"):
            self.meter_2.with_user(user).read(["serial_number"])

    def test_settlement_of_advances(self):
        for month in ("2025-01-01", "2025-02-01", "2025-03-01"):
            self._run(month).action_post()
        # advances: 45 zł × persons (2 and 3) × 3 months = 270 and 405
        self._read(self.meter_1, "2025-03-31", 130.0)  # 30 m³
        self._read(self.meter_2, "2025-03-31", 15.0)  # 5 m³
        settlement = self._water_settlement()
        settlement.action_compute()
        lines = {line.unit_id: line for line in settlement.line_ids}
        self.assertAlmostEqual(lines[self.unit_1].advances, 270.0)
        self.assertAlmostEqual(lines[self.unit_1].cost, 375.0)
        self.assertAlmostEqual(lines[self.unit_1].difference, 105.0)
        self.assertAlmostEqual(lines[self.unit_2].difference, 62.5 - 405.0)
        settlement.action_post()
        charge = lines[self.unit_1].move_id
        self.assertEqual(charge.unit_id, self.unit_1)
        self.assertEqual(charge.partner_id, self.owner)
        receivable = charge.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(receivable.balance, 105.0)
        credit = lines[self.unit_2].move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(credit.balance, -342.5)
        # the credit paid the neighbour's open charges, oldest first
        self.assertTrue(credit.matched_debit_ids)
        with self.assertRefused(UserError, "Compute the settlement first"):
            settlement.action_post()
