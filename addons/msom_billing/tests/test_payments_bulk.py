# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .common import MsomBillingCase, MsomRowsMixin

# columns that differ between any two records, whoever creates them
VOLATILE = {
    "id", "move_id", "name", "move_name", "sequence_number", "create_date",
    "write_date", "access_token", "matching_number", "full_reconcile_id",
    "statement_line_id", "internal_index", "first_line_index",
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
        without the ids a second run would number differently."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """
            SELECT id, amount_residual, amount_residual_currency, reconciled,
                   full_reconcile_id IS NOT NULL, matching_number
              FROM account_move_line
             WHERE unit_id = ANY(%s) AND account_id = %s ORDER BY id
            """,
            [units.ids, self.owner.property_account_receivable_id.id],
        )
        numbers = {}
        lines = [
            (
                *row[:5],
                row[5] and (row[5][0] == "P", numbers.setdefault(row[5], len(numbers))),
            )
            for row in cr.fetchall()
        ]
        cr.execute(
            """
            SELECT debit_move_id, credit_move_id, amount, debit_amount_currency,
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
        partials = cr.fetchall()
        cr.execute(
            "SELECT COUNT(*) FROM account_full_reconcile WHERE id IN (SELECT"
            " full_reconcile_id FROM account_move_line WHERE unit_id = ANY(%s))",
            [units.ids],
        )
        fulls = cr.fetchone()[0]
        # payment state, residuals of the documents
        moves = self._rows("account_move", "unit_id", units.ids)
        return lines, partials, fulls, moves

    def test_lean_reconciliation_equals_orm_reconciliation(self):
        self._occupy(self.unit_2, self.neighbour)
        self._run("2025-02-01").action_post()
        units = self.unit_1 | self.unit_2
        receivable = self.owner.property_account_receivable_id
        due_2 = self._charges(self.unit_2).line_ids.filtered(
            lambda line: line.account_id == receivable
        )
        account_2 = self.env["msom.virtual.account"]._get_or_create(
            self.neighbour, self.unit_2
        )
        StLine = self.env["account.bank.statement.line"]
        payments = StLine._msom_insert_matched(
            [
                {"journal_id": self.bank_journal.id, "date": when, "amount": amount,
                 "payment_ref": "opłaty", "partner_id": partner.id,
                 "unit_id": unit.id, "msom_virtual_account_id": account.id,
                 "msom_match_state": "matched",
                 "counterpart_account_id": receivable.id}
                for when, amount, partner, unit, account in (
                    # two months due on unit 1: 300 + 500 cover both, 71.64 left
                    ("2025-02-12", 300.0, self.owner, self.unit_1, self.account_1),
                    ("2025-02-13", 500.0, self.owner, self.unit_1, self.account_1),
                    # exactly what unit 2 owes: a full reconciliation
                    ("2025-02-14", due_2.balance, self.neighbour, self.unit_2,
                     account_2),
                )
            ]
        )  # fmt: skip
        credits = payments.move_id.line_ids.filtered(
            lambda line: line.account_id == receivable
        )
        Line = self.env["account.move.line"]
        with self.env.cr.savepoint() as savepoint:
            Line.with_context(msom_reconcile_orm=True)._msom_reconcile_oldest_first(
                credits
            )
            expected = self._reconciliation(units)
            savepoint.rollback()
        self.env.invalidate_all()
        Line._msom_reconcile_oldest_first(credits)
        got = self._reconciliation(units)
        self.assertEqual(got[0], expected[0], "residuals and matching numbers")
        self.assertEqual(got[1], expected[1], "partials")
        self.assertEqual(got[2], expected[2], "full reconciliations")
        self._assert_same(got[3], expected[3])
        self.assertEqual(len(got[1]), 4)
        self.assertEqual(got[2], 1)
        left = credits.filtered(lambda line: not line.reconciled)
        self.assertEqual(left.amount_residual, -71.64, "kept as a credit on the unit")
