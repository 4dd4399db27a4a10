# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date

from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import MsomBillingCase

# columns that differ between any two documents, whoever creates them
VOLATILE = {
    "id", "move_id", "name", "move_name", "sequence_number", "create_date",
    "write_date", "access_token", "matching_number", "full_reconcile_id",
}  # fmt: skip


@tagged("post_install", "-at_install")
class TestChargeRunBulk(MsomBillingCase):
    """The lean path writes the same rows as account.move.create + action_post."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)

    def _rows(self, table, column, ids):
        self.env.flush_all()
        self.env.cr.execute(
            f"SELECT * FROM {table} WHERE {column} = ANY(%s) ORDER BY id",  # noqa: S608
            [ids],
        )
        names = [desc[0] for desc in self.env.cr.description]
        return [
            {k: v for k, v in zip(names, row, strict=True) if k not in VOLATILE}
            for row in self.env.cr.fetchall()
        ]

    def _assert_same(self, rows, expected):
        self.assertEqual(len(rows), len(expected))
        for row, other in zip(rows, expected, strict=True):
            diff = {k: (v, other[k]) for k, v in row.items() if other[k] != v}
            self.assertFalse(diff, f"columns differ (lean, ORM) in {row}")

    def test_lean_entries_equal_orm_entries(self):
        run = self._run("2025-03-01")
        run.action_preview()
        lines = run.line_ids.filtered(lambda line: line.state == "planned")
        self.assertEqual(len(lines), 2)
        accounts = lines._virtual_accounts()
        components = {c.id: c for c in self.env["msom.charge.component"].search([])}
        vals = [
            line._prepare_move_vals(
                components, accounts[(line.partner_id, line.unit_id)]
            )
            for line in lines
        ]
        Move = self.env["account.move"]
        with self.env.cr.savepoint() as savepoint:
            orm = Move.create(vals[:1])
            orm.action_post()
            orm_move = self._rows("account_move", "id", orm.ids)
            orm_lines = self._rows("account_move_line", "move_id", orm.ids)
            orm_name = orm.name
            savepoint.rollback()
        self.env.invalidate_all()
        lean = Move._msom_insert_posted_entries(vals)
        self.assertEqual(len(lean), 2)
        self.assertEqual(lean[0].name, orm_name, "the same number the ORM gives")
        self.assertEqual(lean[1].sequence_number, lean[0].sequence_number + 1)
        self._assert_same(self._rows("account_move", "id", lean[:1].ids), orm_move)
        self._assert_same(
            self._rows("account_move_line", "move_id", lean[:1].ids), orm_lines
        )
        # what Odoo computes from them agrees as well
        self.assertEqual(lean.mapped("state"), ["posted", "posted"])
        self.assertEqual(lean[0].amount_total, lines[0].amount_total)
        receivable = lean[0].line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(receivable.amount_residual, lines[0].amount_total)
        self.assertEqual(receivable.date_maturity, date(2025, 3, 10))
        self.assertTrue(self.owner.customer_rank)

    def test_batches_run_as_queue_jobs(self):
        self._occupy(self.unit_12, self.env["res.partner"].create({"name": "Ewa Lis"}))
        run = self._run("2025-03-01", batch_size=1)
        run.action_preview()
        # numbers for the payers are reserved with the plan, not per batch
        self.assertEqual(
            len(self.env["msom.virtual.account"].search([("unit_id", "in", (
                self.unit_1 | self.unit_2 | self.unit_12).ids)])),
            3,
        )  # fmt: skip
        run.state = "running"
        with trap_jobs() as trap:
            run._enqueue_batches()
            trap.assert_jobs_count(3, only=run._job_post_lines)
            self.assertEqual(
                {job.channel for job in trap.enqueued_jobs}, {"root.msom_billing"}
            )
            self.assertEqual(run.posted_count, 0)
            trap.perform_enqueued_jobs()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.posted_count, 3)
        self.assertEqual(run.progress, 100.0)
        # a job run twice (a worker killed after its commit) adds nothing
        run._job_post_lines(run.line_ids.ids)
        self.assertEqual(
            self.env["account.move"].search_count(
                [("msom_charge_period", "=", "2025-03-01")]
            ),
            3,
        )

    def test_without_job_runner_batches_run_at_once(self):
        run = self._run("2025-03-01", batch_size=1)
        run.action_preview()
        run.state = "running"
        run.with_context(queue_job__no_delay=True)._enqueue_batches()
        self.assertEqual(run.state, "done")
        self.assertEqual(len(run.move_ids), 2)
        self.assertEqual(set(run.move_ids.mapped("state")), {"posted"})
