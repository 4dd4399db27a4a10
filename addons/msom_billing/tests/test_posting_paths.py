# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .common import MsomBillingCase, MsomRowsMixin
from .test_charge_run_bulk import VOLATILE


@tagged("post_install", "-at_install")
class TestPostingPaths(MsomRowsMixin, MsomBillingCase):
    """The SQL path is taken only where it is the same as the ORM's."""

    # the same numbers on both paths (each run from the same state); the
    # runs and the payers' individual accounts they create are new records
    volatile_columns = VOLATILE - {"name", "move_name", "sequence_number"} | {
        "msom_charge_run_id",
        "msom_virtual_account_id",
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)
        cls._occupy(cls.unit_12, cls.env["res.partner"].create({"name": "Ewa Lis"}))
        cls.journal = cls.company._msom_get_charge_journal()

    def _post_month(self, period, **context):
        """Run the charge run of `period` through its queue jobs."""
        run = self._run(period, batch_size=2).with_context(**context)
        run.action_preview()
        return self._post_through_jobs(run, 2)

    def _books(self, moves):
        return (
            self._rows("account_move", "id", moves.ids),
            self._rows("account_move_line", "move_id", moves.ids),
        )

    def test_reviewed_modules_only(self):
        Move = self.env["account.move"]
        self.assertEqual(Move._msom_unreviewed_overrides(), ())
        self.assertTrue(Move._msom_fast_posting(self.journal))
        self.assertFalse(Move.with_context(msom_orm_posting=True)._msom_fast_posting())

    def test_both_paths_give_identical_books(self):
        with self.env.cr.savepoint() as savepoint:
            orm = self._books(self._post_month("2025-03-01", msom_orm_posting=True))
            savepoint.rollback()
        self.env.invalidate_all()
        fast = self._books(self._post_month("2025-03-01"))
        self.assertEqual(len(fast[0]), 3)
        for fast_rows, orm_rows in zip(fast, orm, strict=True):
            self._assert_same(fast_rows, orm_rows)

    def test_secured_journal_gets_a_valid_hash_chain(self):
        self.journal.restrict_mode_hash_table = True
        self.assertFalse(self.env["account.move"]._msom_fast_posting(self.journal))
        march = self._post_month("2025-03-01")
        april = self._post_month("2025-04-01")
        moves = march | april
        self.assertEqual(len(moves), 6)
        self.assertTrue(all(moves.mapped("inalterable_hash")))
        # one chain per sequence prefix of the journal (one per month)
        chains = [
            result
            for result in self.company._check_hash_integrity()["results"]
            if result["journal_name"].startswith(self.journal.name)
        ]
        self.assertTrue(chains)
        self.assertEqual({chain["status"] for chain in chains}, {"verified"}, chains)
        self.assertEqual(
            {chain["last_move_name"] for chain in chains},
            {march[-1].name, april[-1].name},
        )
