# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from unittest.mock import patch

from odoo.tests import tagged

from .common import MsomBillingCase, MsomRowsMixin

# columns that differ between any two records, whoever creates them
VOLATILE = {
    "id", "move_id", "name", "move_name", "sequence_number", "create_date",
    "write_date", "access_token", "matching_number", "full_reconcile_id",
    "statement_line_id", "internal_index", "first_line_index", "msom_charge_run_id",
}  # fmt: skip


@tagged("post_install", "-at_install")
class TestPaymentsBulk(MsomRowsMixin, MsomBillingCase):
    """Bulk-inserted statement lines are the rows create() would write."""

    volatile_columns = VOLATILE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        run = cls.env["msom.charge.run"].create(
            {"period": "2025-01-01", "estate_ids": [(6, 0, cls.estate.ids)]}
        )
        run.action_post()
        cls.account_1 = cls.env["msom.virtual.account"]._get_or_create(
            cls.owner, cls.unit_1
        )
        cls.receivable = cls.owner.property_account_receivable_id

    def _snapshot(self, st_lines, statement):
        return (
            self._rows("account_bank_statement_line", "id", st_lines.ids),
            self._rows("account_move", "id", st_lines.move_id.ids),
            self._rows("account_move_line", "move_id", st_lines.move_id.ids),
            self._rows("account_bank_statement", "id", statement.ids),
            st_lines.move_id.mapped("name"),
        )

    def test_lean_statement_lines_equal_orm_lines(self):
        StLine = self.env["account.bank.statement.line"]
        statement = self.env["account.bank.statement"].create(
            {"name": "Wyciąg 1", "journal_id": self.bank_journal.id}
        )
        receivable = self.owner.property_account_receivable_id
        vals = [
            {"statement_id": statement.id, "journal_id": self.bank_journal.id,
             "date": "2025-01-12", "amount": amount,
             "account_number": self.account_1.number, "partner_name": "Jan Nowak",
             "payment_ref": "opłaty 01/2025", "partner_id": self.owner.id,
             "unit_id": self.unit_1.id, "msom_virtual_account_id": self.account_1.id,
             "msom_match_state": "matched", "counterpart_account_id": receivable.id}
            for amount in (300.0, 64.18)
        ]  # fmt: skip
        self.assertTrue(all(StLine._msom_lean_ok(v) for v in vals))
        with self.env.cr.savepoint() as savepoint:
            orm = StLine.create([dict(v) for v in vals])
            expected = self._snapshot(orm, statement)
            savepoint.rollback()
        self.env.invalidate_all()
        lean = StLine._msom_insert_matched([dict(v) for v in vals])
        got = self._snapshot(lean, statement)
        for rows, other in zip(got[:4], expected[:4], strict=True):
            self._assert_same(rows, other)
        self.assertEqual(got[4], expected[4], "the same numbers as create()")
        self.assertEqual(statement.balance_end, 364.18)
        self.assertEqual(statement.first_line_index, min(lean.mapped("internal_index")))
        self.assertTrue(all(lean.mapped("is_reconciled")))
        # and the payment settles the charge like any other
        credits = lean.move_id.line_ids.filtered(
            lambda line: line.account_id == receivable
        )
        self.assertEqual(set(credits.unit_id), {self.unit_1})
        self.env["account.move.line"]._msom_reconcile_oldest_first(credits)
        charge = (
            self.env["account.move"]
            .search(
                [("unit_id", "=", self.unit_1.id), ("msom_charge_period", "!=", False)]
            )
            .line_ids.filtered(lambda line: line.account_id == receivable)
        )
        self.assertTrue(charge.reconciled)

    def _reconciliation(self, units):
        """Residuals, matching groups and partials of the units' receivables,
        without the ids a second run would number differently: a partial
        matching number by the rank of its partial, a full one by order."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """
            SELECT id, debit_move_id, credit_move_id, amount, debit_amount_currency,
                   credit_amount_currency, max_date, company_id, debit_currency_id,
                   credit_currency_id, full_reconcile_id IS NOT NULL,
                   exchange_move_id
              FROM account_partial_reconcile
             WHERE debit_move_id IN (SELECT id FROM account_move_line
                                      WHERE unit_id = ANY(%s))
             ORDER BY id
            """,
            [units.ids],
        )
        partial_rows = cr.fetchall()
        rank = {row[0]: index for index, row in enumerate(partial_rows)}
        cr.execute(
            """
            SELECT id, amount_residual, amount_residual_currency, reconciled,
                   full_reconcile_id IS NOT NULL, matching_number
              FROM account_move_line
             WHERE unit_id = ANY(%s) AND account_id = %s ORDER BY id
            """,
            [units.ids, self.owner.property_account_receivable_id.id],
        )
        rows = cr.fetchall()
        line_rank = {row[0]: index for index, row in enumerate(rows)}
        partials = [
            (line_rank[row[1]], line_rank[row[2]], *row[3:]) for row in partial_rows
        ]
        fulls = {}
        lines = [
            (
                *row[1:5],
                row[5]
                and (
                    ("P", rank[int(row[5][1:])])
                    if row[5][0] == "P"
                    else ("F", fulls.setdefault(row[5], len(fulls)))
                ),
            )
            for row in rows
        ]
        cr.execute(
            "SELECT COUNT(*) FROM account_full_reconcile WHERE id IN (SELECT"
            " full_reconcile_id FROM account_move_line WHERE unit_id = ANY(%s))",
            [units.ids],
        )
        full_count = cr.fetchone()[0]
        # payment state, residuals of the documents
        moves = self._rows("account_move", "unit_id", units.ids)
        return lines, partials, full_count, moves

    def _same_as_odoo(self, step, units):
        """Run step(Line) the way Odoo reconciles, then again (from the same
        state) on the bulk path, which must not fall back to Odoo's; assert
        both leave the same rows. Returns the reconciliation state."""
        Line = self.env["account.move.line"]
        with self.env.cr.savepoint() as savepoint:
            step(Line.with_context(msom_orm_posting=True))
            expected = self._reconciliation(units)
            savepoint.rollback()
        self.env.invalidate_all()
        with patch.object(
            type(Line), "_reconcile_plan", side_effect=AssertionError("ORM path")
        ):
            step(Line)
        got = self._reconciliation(units)
        self.assertEqual(got[0], expected[0], "residuals and matching numbers")
        self.assertEqual(got[1], expected[1], "partials")
        self.assertEqual(got[2], expected[2], "full reconciliations")
        self._assert_same(got[3], expected[3])
        return got

    def _payment(
        self, when, amount, partner=None, unit=None, account=None, title="opłaty"
    ):
        """A matched payment booked on the unit, not yet reconciled: its
        receivable line."""
        st_line = self.env["account.bank.statement.line"]._msom_insert_matched(
            [
                {"journal_id": self.bank_journal.id, "date": when, "amount": amount,
                 "payment_ref": title, "partner_id": (partner or self.owner).id,
                 "unit_id": (unit or self.unit_1).id,
                 "msom_virtual_account_id": (account or self.account_1).id,
                 "msom_match_state": "matched",
                 "counterpart_account_id": self.receivable.id}
            ]
        )  # fmt: skip
        return st_line.move_id.line_ids.filtered(
            lambda line: line.account_id == self.receivable
        )

    def _due(self, unit, period):
        return self._charges(unit, period).line_ids.filtered(
            lambda line: line.account_id == self.receivable
        )

    def test_lean_reconciliation_equals_orm_reconciliation(self):
        self._occupy(self.unit_2, self.neighbour)
        self._run("2025-02-01").action_post()
        units = self.unit_1 | self.unit_2
        due_2 = self._due(self.unit_2, "2025-02-01")
        account_2 = self.env["msom.virtual.account"]._get_or_create(
            self.neighbour, self.unit_2
        )
        credits = (
            # two months due on unit 1: 300 + 500 cover both, 71.64 left
            self._payment("2025-02-12", 300.0)
            | self._payment("2025-02-13", 500.0)
            # exactly what unit 2 owes: a full reconciliation
            | self._payment(
                "2025-02-14", due_2.balance, self.neighbour, self.unit_2, account_2
            )
        )
        got = self._same_as_odoo(
            lambda Line: Line._msom_reconcile_oldest_first(credits), units
        )
        self.assertEqual(len(got[1]), 4)
        self.assertEqual(got[2], 1)
        left = credits.filtered(lambda line: not line.reconciled)
        self.assertEqual(left.amount_residual, -71.64, "kept as a credit on the unit")

    def test_title_naming_a_document_on_the_bulk_path(self):
        """Art. 451 § 1 KC on the SQL path, as Odoo's: the payment naming the
        February notice settles it although January is older; the next one,
        naming nothing, goes to January (§ 3)."""
        self._run("2025-02-01").action_post()
        january = self._due(self.unit_1, "2025-01-01")
        february = self._due(self.unit_1, "2025-02-01")
        credits = self._payment(
            "2025-02-12", 400.0, title="Opłata %s" % february.move_id.name
        ) | self._payment("2025-02-13", 100.0)
        got = self._same_as_odoo(
            lambda Line: Line._msom_reconcile_oldest_first(credits), self.unit_1
        )
        self.assertTrue(february.reconciled)
        self.assertEqual(sorted((p[2]) for p in got[1]), sorted([364.18, 35.82, 100.0]))
        self.assertAlmostEqual(january.amount_residual, 364.18 - 135.82, places=2)

    def test_charge_paid_in_three_parts(self):
        """Each part arrives on its own statement: the second and third find
        the charge partly paid and still take the bulk path."""
        charge = self._due(self.unit_1, "2025-01-01")
        parts = []
        for when, amount in (("2025-01-05", 100.0), ("2025-01-07", 150.0),
                             ("2025-01-09", 114.18)):  # fmt: skip
            parts.append(self._payment(when, amount))
            got = self._same_as_odoo(
                lambda Line, part=parts[-1]: Line._msom_reconcile_oldest_first(part),
                self.unit_1,
            )
        self.assertEqual([p[2] for p in got[1]], [100.0, 150.0, 114.18])
        self.assertEqual(got[2], 1, "settled: one full reconciliation")
        everything = charge | parts[0] | parts[1] | parts[2]
        self.assertTrue(all(everything.mapped("reconciled")))
        self.assertEqual(len(everything.full_reconcile_id), 1)
        self.assertEqual(
            set(everything.mapped("matching_number")),
            {str(everything.full_reconcile_id.id)},
        )
        self.assertEqual(len(everything.full_reconcile_id.partial_reconcile_ids), 3)

    def test_partial_payments_and_credit_over_months(self):
        """Part payments, an overpayment kept as a credit and used by the
        next charge run, then the last payment settling all of it."""
        units = self.unit_1
        jan = self._due(self.unit_1, "2025-01-01")
        first = self._payment("2025-01-05", 100.0)
        self._same_as_odoo(lambda Line: Line._msom_reconcile_oldest_first(first), units)
        self.assertEqual(jan.amount_residual, 264.18)
        number = jan.matching_number
        self.assertEqual(number, "P%s" % jan.matched_credit_ids.id)

        def charge(period):
            def step(Line):
                self._run(period).with_env(Line.env).action_post()

            return step

        self._same_as_odoo(charge("2025-02-01"), units)
        feb = self._due(self.unit_1, "2025-02-01")
        second = self._payment("2025-02-12", 400.0)
        self._same_as_odoo(
            lambda Line: Line._msom_reconcile_oldest_first(second), units
        )
        self.assertTrue(jan.reconciled)
        self.assertFalse(jan.full_reconcile_id, "February is still open")
        self.assertEqual(feb.amount_residual, 228.36)
        self.assertEqual(
            set((jan | feb | first | second).mapped("matching_number")), {number}
        )
        third = self._payment("2025-03-03", 278.36)
        self._same_as_odoo(lambda Line: Line._msom_reconcile_oldest_first(third), units)
        self.assertTrue(feb.reconciled)
        self.assertEqual(third.amount_residual, -50.0, "kept as a credit")
        # the March run uses the credit first
        self._same_as_odoo(charge("2025-03-01"), units)
        march = self._due(self.unit_1, "2025-03-01")
        self.assertEqual(march.amount_residual, 314.18)
        self.assertTrue(third.reconciled)
        last = self._payment("2025-03-20", 314.18)
        got = self._same_as_odoo(
            lambda Line: Line._msom_reconcile_oldest_first(last), units
        )
        everything = jan | feb | march | first | second | third | last
        self.assertTrue(all(everything.mapped("reconciled")))
        self.assertEqual(len(everything.full_reconcile_id), 1)
        self.assertEqual(len(got[1]), 6)
        self.assertTrue(all(partial[9] for partial in got[1]), "all in the full")
        self.assertEqual(got[2], 1)

    def test_earlier_matches_merge(self):
        """A credit left from one match meets a charge partly paid by
        another (both matched by Odoo): their lines get one number, the
        smallest partial's, and one full reconciliation once settled."""
        units = self.unit_1
        self._run("2025-02-01").action_post()
        jan = self._due(self.unit_1, "2025-01-01")
        feb = self._due(self.unit_1, "2025-02-01")
        big = self._payment("2025-01-08", 500.0)
        (jan | big).reconcile()
        small = self._payment("2025-02-05", 200.0)
        (feb | small).reconcile()
        self.assertEqual(big.amount_residual, -135.82)
        self.assertEqual(feb.amount_residual, 164.18)
        first = jan.matched_credit_ids
        self._same_as_odoo(lambda Line: Line._msom_reconcile_oldest_first(big), units)
        self.assertEqual(feb.amount_residual, 28.36)
        self.assertEqual(
            set((jan | feb | big | small).mapped("matching_number")),
            {"P%s" % first.id},
        )
        rest = self._payment("2025-02-20", 28.36)
        got = self._same_as_odoo(
            lambda Line: Line._msom_reconcile_oldest_first(rest), units
        )
        self.assertEqual(got[2], 1)
        self.assertEqual(len((jan | feb | big | small | rest).full_reconcile_id), 1)

    def test_oldest_paid_while_newer_open(self):
        """Odoo makes a full reconciliation only when the whole group
        (every open charge of the payer on the unit) is settled."""
        self._run("2025-02-01").action_post()
        jan = self._due(self.unit_1, "2025-01-01")
        payment = self._payment("2025-02-03", 364.18)
        got = self._same_as_odoo(
            lambda Line: Line._msom_reconcile_oldest_first(payment), self.unit_1
        )
        self.assertTrue(jan.reconciled)
        self.assertTrue(payment.reconciled)
        self.assertEqual(got[2], 0)
        self.assertEqual(jan.matching_number, payment.matching_number)

    def test_online_payment_on_the_bulk_path(self):
        """A provider's payment paying the February notice, the rest going
        to January: the same rows as through Odoo's reconcile(), the
        payment's own flags included."""
        self._run("2025-02-01").action_post()
        february = self._charges(self.unit_1, "2025-02-01")
        payment = self.env["account.payment"].create(
            {"payment_type": "inbound", "partner_type": "customer",
             "partner_id": self.owner.id, "amount": 500.0,
             "journal_id": self.bank_journal.id, "memo": "TX-1 - pi_1"}
        )  # fmt: skip
        payment.action_post()
        payments = []

        def settle(Line):
            payment.with_env(Line.env)._msom_settle_unit(self.unit_1, february)
            payments.append(self._rows("account_payment", "id", payment.ids))

        got = self._same_as_odoo(settle, self.unit_1)
        self._assert_same(payments[1], payments[0])
        self.assertEqual(sorted(p[2] for p in got[1]), [135.82, 364.18])
        self.assertTrue(self._due(self.unit_1, "2025-02-01").reconciled)
        self.assertTrue(payment.is_reconciled)
