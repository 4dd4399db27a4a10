# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date
from decimal import Decimal

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..tools.interest import (
    InterestRateMissing,
    RateTable,
    compensation_pln,
    compensation_rate_date,
    compute_interest,
    next_working_day,
    polish_holidays,
    recovery_compensation_eur,
)
from .common import MsomCollectionCase


@tagged("post_install", "-at_install")
class TestInterest(MsomCollectionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)
        cls.table = cls.env["msom.interest.rate"]._rate_table("statutory")

    def test_domain_vector_from_seeded_table(self):
        """DOMAIN_PL §3: 500.00 zł due 2025-03-10 paid 2025-12-31 → 42.38 zł."""
        total, effective, segments = compute_interest(
            "500.00", date(2025, 3, 10), date(2025, 12, 31), self.table
        )
        self.assertEqual(total, Decimal("42.38"))
        self.assertEqual(effective, date(2025, 3, 10))
        self.assertEqual(
            [(days, str(rate)) for _s, _e, days, rate, _v in segments],
            [(58, "11.25"), (56, "10.75"), (63, "10.50"), (35, "10.25"),
             (28, "10.00"), (28, "9.75"), (28, "9.50")],
        )  # fmt: skip

    def test_holidays_and_working_days(self):
        holidays = polish_holidays(2026)
        self.assertIn(date(2026, 6, 4), holidays)  # Boże Ciało
        self.assertIn(date(2026, 12, 24), holidays)  # Wigilia from 2025
        self.assertNotIn(date(2024, 12, 24), polish_holidays(2024))
        # Saturday 4 April 2026 → Tuesday 7 April (Easter Monday in between)
        self.assertEqual(next_working_day(date(2026, 4, 4)), date(2026, 4, 7))
        self.assertEqual(next_working_day(date(2025, 11, 10)), date(2025, 11, 10))
        # paid on the moved due date: no interest at all
        total, effective, segments = compute_interest(
            "100.00", date(2026, 4, 4), date(2026, 4, 7), self.table
        )
        self.assertEqual(
            (total, effective, segments), (Decimal("0.00"), date(2026, 4, 7), [])
        )
        # one day later: one day of interest at 9.25%
        total, _e, _s = compute_interest(
            "1000.00", date(2026, 4, 4), date(2026, 4, 8), self.table
        )
        self.assertEqual(total, Decimal("0.25"))

    def test_one_off_holiday_2018(self):
        """Art. 115 KC with the one-off holiday of 12 November 2018 (ustawa
        z 9 listopada 2018 r.): due Saturday 10 Nov, Sunday 11 Nov is
        Independence Day, Monday 12 Nov a holiday that year only → 13 Nov."""
        self.assertIn(date(2018, 11, 12), polish_holidays(2018))
        self.assertNotIn(date(2019, 11, 12), polish_holidays(2019))
        self.assertEqual(next_working_day(date(2018, 11, 10)), date(2018, 11, 13))
        # 1000 zł paid 20 Nov 2018: 7 days (14–20 Nov) at 7 % → 1.34 zł
        total, effective, segments = compute_interest(
            "1000.00", date(2018, 11, 10), date(2018, 11, 20), self.table
        )
        self.assertEqual(effective, date(2018, 11, 13))
        self.assertEqual([s[2] for s in segments], [7])
        self.assertEqual(total, Decimal("1.34"))

    def test_no_rate_for_period(self):
        with self.assertRaises(InterestRateMissing):
            compute_interest("100", date(2010, 1, 10), date(2010, 3, 1), self.table)
        empty = RateTable([(date(2030, 1, 1), "10")])
        with self.assertRaises(InterestRateMissing):
            compute_interest("100", date(2025, 1, 10), date(2025, 3, 1), empty)

    def test_commercial_rate_by_half_year(self):
        table = self.env["msom.interest.rate"]._rate_table("commercial")
        segments = table.segments(date(2025, 6, 30), date(2025, 7, 1))
        self.assertEqual([str(s[2]) for s in segments], ["15.75", "15.25"])

    def _eur_rate(self, day, pln_per_eur):
        return self.env["res.currency.rate"].create(
            {"currency_id": self.env.ref("base.EUR").id, "name": day,
             "inverse_company_rate": pln_per_eur, "company_id": self.company.id}
        )  # fmt: skip

    def test_public_medical_entity_rate(self):
        """Art. 4 pkt 3 of the act of 8 March 2013: in a commercial
        transaction ref + 8 pp for a public podmiot leczniczy, + 10 pp for
        other debtors, frozen per half-year (art. 11b). A medical entity whose
        debt is a charge, not a commercial lease, pays art. 481 KC interest
        like anyone (art. 2 of the act: no commercial transaction)."""
        table = self.env["msom.interest.rate"]._rate_table("commercial_medical")
        segments = table.segments(date(2019, 12, 31), date(2020, 1, 1))
        self.assertEqual([str(s[2]) for s in segments], ["9.50", "9.50"])
        segments = table.segments(date(2026, 6, 30), date(2026, 7, 1))
        self.assertEqual([str(s[2]) for s in segments], ["12.00", "11.75"])
        hospital = self._business_debtor(
            "SP ZOZ Szpital Miejski", medical=True, lease_unit=self.unit_1
        )
        shop = self._business_debtor(
            "Sklep Pod Arkadami Sp. z o.o.", lease_unit=self.unit_2
        )
        clinic = self._business_debtor("SP ZOZ Przychodnia", medical=True)
        units = self.unit_1 | self.unit_2 | self.unit_12
        for unit, partner in zip(units, hospital | shop | clinic, strict=True):
            self._charge(unit, partner, 10000.0, "2025-06-10")
            self._pay(unit, partner, 10000.0, "2025-07-10")
        self._eur_rate("2025-05-30", 4.2415)
        run = self.env["msom.interest.run"].create(
            {"date_from": "2025-07-01", "date_to": "2025-07-31", "date": "2025-08-01"}
        )
        run.action_compute()
        notes = {note.partner_id: note for note in run.note_ids}
        # 20 days in June, 10 in July: the half-year rate changes on 1 July
        self.assertEqual(
            notes[hospital].interest_line_ids.rate_detail,
            "20 d × 13.75% + 10 d × 13.25%",
        )
        self.assertAlmostEqual(notes[hospital].amount_interest, 111.64)
        self.assertEqual(
            notes[shop].interest_line_ids.rate_detail,
            "20 d × 15.75% + 10 d × 15.25%",
        )
        self.assertAlmostEqual(notes[shop].amount_interest, 128.08)
        # 10,000 zł is above 5,000: 70 EUR for both businesses
        for partner in hospital | shop:
            self.assertAlmostEqual(notes[partner].amount_compensation, 296.91)
        self.assertIn("art. 7, 8 and 10", notes[shop]._legal_basis().lower())
        self.assertNotIn("481", notes[shop]._legal_basis())
        # the clinic's charge: statutory rate, which changes on 3 July
        # (10,000 × (10.75 % × 22 + 10.50 % × 8) / 365 = 87.81); no compensation
        self.assertEqual(
            notes[clinic].line_ids.rate_detail, "22 d × 10.75% + 8 d × 10.50%"
        )
        self.assertFalse(notes[clinic].compensation_line_ids)
        self.assertAlmostEqual(notes[clinic].amount_total, 87.81)
        self.assertEqual(
            notes[clinic]._legal_basis(),
            "Art. 481 of the Civil Code (statutory interest for delay)",
        )

    def test_charges_of_a_company_are_not_commercial(self):
        """Charges (art. 4 u.s.m.) and advances (art. 13-15 u.w.l.) are
        statutory obligations, not commercial transactions (art. 2 and 4 of
        the act of 8 March 2013): a company owning a flat pays art. 481 KC
        interest and no compensation. 1,000 zł due 10 June 2025 paid 10 July:
        1000 × (10.75 % × 22 + 10.50 % × 8) / 365 = 8.78 zł."""
        investor = self._business_debtor("Inwest Sp. z o.o.")
        self._charge(self.unit_12, investor, 1000.0, "2025-06-10")
        self._pay(self.unit_12, investor, 1000.0, "2025-07-10")
        run = self.env["msom.interest.run"].create(
            {"date_from": "2025-07-01", "date_to": "2025-07-31", "date": "2025-08-01"}
        )
        run.action_compute()  # no EUR rate needed: no compensation
        self.assertEqual(run.note_ids.partner_id, investor)
        self.assertAlmostEqual(run.note_ids.amount_total, 8.78)
        self.assertFalse(run.note_ids.line_ids.filtered("commercial"))

    def test_demands_accrue_the_interest_of_the_debt_regime(self):
        """Payment demands show interest to date at the rate of the debt's
        regime: 1,000 zł due 10 June 2025, on 10 July: under a commercial
        lease 1000 × (15.75 % × 20 + 15.25 % × 10) / 365 = 12.81 zł (art. 4
        pkt 3 lit. b of the act of 8 March 2013); a company's charge
        1000 × (10.75 % × 22 + 10.50 % × 8) / 365 = 8.78 zł (art. 481 KC)."""
        shop = self._business_debtor("Sklep Pod Arkadami", lease_unit=self.unit_2)
        investor = self._business_debtor("Inwest Sp. z o.o.")
        self._charge(self.unit_2, shop, 1000.0, "2025-06-10")
        self._charge(self.unit_12, investor, 1000.0, "2025-06-10")
        units = self.unit_2 | self.unit_12
        items = units._msom_overdue_items("2025-07-10")
        self.assertAlmostEqual(items[(self.unit_2.id, shop.id)][0]["interest"], 12.81)
        self.assertAlmostEqual(
            items[(self.unit_12.id, investor.id)][0]["interest"], 8.78
        )

    def test_no_commercial_interest_in_a_housing_community(self):
        """A housing community does not act in business: its charges are
        never commercial transactions (art. 2 of the act of 8 March 2013), so
        no commercial lease can be recorded, and one recorded before the
        company was set up as a community is ignored."""
        shop = self._business_debtor("Sklep Pod Arkadami Sp. z o.o.", self.unit_1)
        self._charge(self.unit_1, shop, 1000.0, "2025-06-10")
        self._pay(self.unit_1, shop, 1000.0, "2025-07-10")
        self.company.msom_legal_form = "community"
        with self.assertRaises(ValidationError):
            self._business_debtor("Kwiaciarnia", lease_unit=self.unit_2)
        run = self.env["msom.interest.run"].create(
            {"date_from": "2025-07-01", "date_to": "2025-07-31", "date": "2025-08-01"}
        )
        run.action_compute()
        self.assertAlmostEqual(run.note_ids.amount_total, 8.78)
        self.assertFalse(run.note_ids.compensation_line_ids)

    def test_commercial_lease_only_for_a_tenant_of_a_commercial_unit(self):
        shop = self._business_debtor("Sklep Pod Arkadami Sp. z o.o.")
        with self.assertRaises(ValidationError):
            self._occupy(self.unit_2, shop, role="tenant", msom_commercial_lease=True)
        self.unit_2.unit_type = "commercial"
        with self.assertRaises(ValidationError):
            self._occupy(self.unit_2, shop, role="owner", msom_commercial_lease=True)

    def test_compensation_tools(self):
        self.assertEqual(recovery_compensation_eur("5000.00"), 40)
        self.assertEqual(recovery_compensation_eur("5000.01"), 70)
        self.assertEqual(recovery_compensation_eur("49999.99"), 70)
        self.assertEqual(recovery_compensation_eur("50000.00"), 100)
        # the last working day of the month before the due month
        self.assertEqual(compensation_rate_date(date(2025, 6, 10)), date(2025, 5, 30))
        self.assertEqual(compensation_rate_date(date(2026, 6, 1)), date(2026, 5, 29))
        self.assertEqual(compensation_rate_date(date(2026, 11, 30)), date(2026, 10, 30))
        self.assertEqual(compensation_pln(70, "4.2415"), Decimal("296.91"))
        self.assertEqual(compensation_pln(40, "4.2413"), Decimal("169.65"))

    def test_recovery_compensation_once_per_document(self):
        shop = self._business_debtor(
            "Sklep Pod Arkadami Sp. z o.o.", lease_unit=self.unit_1
        )
        charge_a = self._charge(self.unit_1, shop, 4000.0, "2025-06-10")
        charge_b = self._charge(self.unit_1, shop, 6000.0, "2025-07-10")
        self._pay(self.unit_1, shop, 4000.0, "2025-07-20")  # A, oldest first
        self._pay(self.unit_1, shop, 3000.0, "2025-07-25")  # half of B
        self._pay(self.unit_1, shop, 3000.0, "2025-07-31")  # the rest of B
        self._charge(self.unit_2, self.neighbour, 4000.0, "2025-06-10")
        self._pay(self.unit_2, self.neighbour, 4000.0, "2025-07-20")
        self._eur_rate("2025-05-30", 4.2415)
        run = self.env["msom.interest.run"].create(
            {"date_from": "2025-07-01", "date_to": "2025-07-25", "date": "2025-08-01"}
        )
        # B fell due in July: the rate of Monday 30 June is missing
        with self.assertRefused(UserError, "No NBP average EUR rate for 30.06.2025"):
            run.action_compute()
        self._eur_rate("2025-06-30", 4.2419)
        run.action_compute()
        note = run.note_ids.filtered(lambda n: n.partner_id == shop)
        self.assertEqual(len(note.interest_line_ids), 2)
        lines = {line.source_move_id: line for line in note.compensation_line_ids}
        self.assertEqual(set(lines), {charge_a, charge_b})
        self.assertEqual(lines[charge_a].compensation_eur, 40)
        self.assertEqual(str(lines[charge_a].eur_rate_date), "2025-05-30")
        self.assertAlmostEqual(lines[charge_a].compensation, 169.66)
        self.assertEqual(lines[charge_b].compensation_eur, 70)
        self.assertAlmostEqual(lines[charge_b].amount, 6000.0)
        self.assertEqual(str(lines[charge_b].eur_rate_date), "2025-06-30")
        self.assertAlmostEqual(lines[charge_b].compensation, 296.93)
        self.assertAlmostEqual(note.amount_compensation, 466.59)
        self.assertAlmostEqual(
            note.amount_total, round(note.amount_interest + 466.59, 2)
        )
        consumer = run.note_ids - note
        self.assertEqual(consumer.partner_id, self.neighbour)
        self.assertFalse(consumer.compensation_line_ids)
        # the note's PDF shows the compensation as its own table
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("msom_collection.report_interest_note", note.ids)[0]
            .decode()
        )
        self.assertIn("msom-compensation-lines", html)
        self.assertIn("4.2419", html)
        self.assertIn("art. 10", html.lower())
        # posted with the note on the unit: interest and compensation income
        run.action_post()
        move = note.move_id
        self.assertEqual(move.unit_id, self.unit_1)
        balances = {line.account_id.code: line.balance for line in move.line_ids}
        self.assertAlmostEqual(balances["75.000.300"], -note.amount_interest)
        self.assertAlmostEqual(balances["76.000.900"], -466.59)
        receivable = move.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(receivable.balance, note.amount_total)
        # the rest of B paid late later: interest again, no second compensation
        later = self.env["msom.interest.run"].create(
            {"date_from": "2025-07-26", "date_to": "2025-07-31", "date": "2025-08-01"}
        )
        later.action_compute()
        self.assertEqual(later.note_ids.interest_line_ids.source_move_id, charge_b)
        self.assertFalse(later.note_ids.compensation_line_ids)
        self.assertEqual(later.note_ids.amount_compensation, 0.0)

    def test_interest_notes_for_late_payments(self):
        charge_1 = self._charge(self.unit_1, self.owner, 500.0, "2025-03-10")
        self._pay(self.unit_1, self.owner, 500.0, "2025-12-31")
        # paid in time: no note; paid on the Monday after a Saturday due date
        self._charge(self.unit_2, self.neighbour, 300.0, "2025-05-10")
        self._pay(self.unit_2, self.neighbour, 300.0, "2025-05-12")
        run = self.env["msom.interest.run"].create(
            {"date_from": "2025-12-01", "date_to": "2025-12-31", "date": "2026-01-05"}
        )
        run.action_compute()
        self.assertEqual(run.note_count, 1)
        note = run.note_ids
        self.assertEqual(note.unit_id, self.unit_1)
        self.assertEqual(note.partner_id, self.owner)
        self.assertAlmostEqual(note.amount_total, 42.38)
        self.assertEqual(note.line_ids.source_move_id, charge_1)
        self.assertEqual(note.line_ids.days, 296)
        self.assertTrue(note.name.startswith("NO/"))
        run.action_post()
        self.assertEqual(run.state, "done")
        move = note.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.unit_id, self.unit_1)
        receivable = move.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(receivable.balance, 42.38)
        self.assertEqual(receivable.unit_id, self.unit_1)
        self.assertEqual(str(receivable.date_maturity), "2026-01-19")
        # a second run over the same payments charges nothing again, and no
        # interest is charged on the interest note itself
        self._pay(self.unit_1, self.owner, 42.38, "2026-03-30")
        again = self.env["msom.interest.run"].create(
            {"date_from": "2025-12-01", "date_to": "2026-03-31", "date": "2026-04-01"}
        )
        again.action_compute()
        self.assertEqual(again.note_count, 0)

    def test_many_notes_numbered_in_sequence(self):
        self._three_late_debtors()
        run = self.env["msom.interest.run"].create(
            {"date_from": "2025-04-01", "date_to": "2025-04-30", "date": "2025-05-05"}
        )
        run.action_compute()
        self.assertEqual(run.note_count, 3)
        numbers = sorted(
            int(name.rsplit("/", 1)[1]) for name in run.note_ids.mapped("name")
        )
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 3)))
        self.assertEqual(set(run.note_ids.mapped("amount_total")), {15.72})

    def test_minimum_amount_and_missing_rate(self):
        self._charge(self.unit_1, self.owner, 50.0, "2025-03-10")
        self._pay(self.unit_1, self.owner, 50.0, "2025-03-20")
        run = self.env["msom.interest.run"].create(
            {"date_from": "2025-03-01", "date_to": "2025-03-31", "date": "2025-04-01",
             "min_amount": 5.0}
        )  # fmt: skip
        run.action_compute()
        self.assertEqual(run.note_count, 0)
        self.env["msom.interest.rate"].search(
            [("rate_type", "=", "statutory"), ("date_from", "<=", "2025-03-10")]
        ).unlink()
        run.min_amount = 0.01
        with self.assertRefused(UserError, "No interest rate is set for"):
            run.action_compute()

    def test_interest_note_report(self):
        self._charge(self.unit_1, self.owner, 500.0, "2025-03-10")
        self._pay(self.unit_1, self.owner, 500.0, "2025-12-31")
        self.env["msom.virtual.account"]._get_or_create(self.owner, self.unit_1)
        run = self.env["msom.interest.run"].create(
            {"date_from": "2025-12-01", "date_to": "2025-12-31", "date": "2026-01-05"}
        )
        run.action_post()
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "msom_collection.action_report_interest_note", run.note_ids.ids
        )
        html = html.decode()
        self.assertIn("czterdzieści dwa złote 38/100", html)
        self.assertIn(run.note_ids.virtual_account_id.display_number, html)
        self.assertIn("msom-payment-qr", html)
        self.assertIn("58 d × 11.25%", html)
