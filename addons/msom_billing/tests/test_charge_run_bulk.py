# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import MsomBillingCase, MsomRowsMixin

# columns that differ between any two documents, whoever creates them
VOLATILE = {
    "id", "move_id", "name", "move_name", "sequence_number", "create_date",
    "write_date", "access_token", "matching_number", "full_reconcile_id",
}  # fmt: skip


@tagged("post_install", "-at_install")
class TestChargeRunBulk(MsomRowsMixin, MsomBillingCase):
    """The lean path writes the same rows as account.move.create + action_post."""

    volatile_columns = VOLATILE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_2, cls.neighbour)

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

    def test_cron_finishes_a_run_no_job_works_on(self):
        run = self._run("2025-03-01", batch_size=1)
        run.action_preview()
        run.state = "running"
        with trap_jobs() as trap:
            run._enqueue_batches()
            trap.assert_jobs_count(2)
        # no job runner took them: the cron posts the run itself
        self.env["msom.charge.run"]._cron_process()
        self.assertEqual(run.state, "done")
        self.assertEqual(len(run.move_ids), 2)
        # and the jobs, should they run late, add nothing
        run._job_post_lines(run.line_ids.ids)
        self.assertEqual(len(run.move_ids), 2)

    def _stored_jobs(self, run):
        run._enqueue_batches()
        return (
            self.env["queue.job"]
            .search([("model_name", "=", run._name)], order="id")
            .filtered(lambda job: job.records == run)
        )

    def test_cron_takes_over_the_jobs_of_a_killed_worker(self):
        run = self._run("2025-03-01", batch_size=1)
        run.action_preview()
        run.state = "running"
        jobs = self._stored_jobs(run)
        self.assertEqual(jobs.mapped("state"), ["pending", "pending"])
        # a worker started the first batch and was killed: queue_job's lock
        # row stays behind, held by nobody; the second job was never taken
        job = Job.load(self.env, jobs[0].uuid)
        job.set_enqueued()
        job.set_started()
        # a minute ago: the runner died with the worker
        job.date_enqueued = job.date_started = job.date_enqueued - timedelta(minutes=1)
        job.store()
        job.add_lock_record()
        self.env["msom.charge.run"]._cron_process()
        self.assertEqual(run.state, "done")
        self.assertEqual(len(run.move_ids), 2)
        jobs.invalidate_recordset()
        self.assertEqual(jobs.mapped("state"), ["done", "done"], "nothing left over")

    def test_cron_leaves_runs_to_a_live_job_runner(self):
        run = self._run("2025-03-01", batch_size=1)
        run.action_preview()
        run.state = "running"
        jobs = self._stored_jobs(run)
        # the runner took the first job a moment ago: the rest will follow
        job = Job.load(self.env, jobs[0].uuid)
        job.set_enqueued()
        job.store()
        self.env["msom.charge.run"]._cron_process()
        self.assertEqual(run.state, "running")
        self.assertFalse(run.move_ids)
        # a quarter of an hour later the waiting jobs no longer count
        with freeze_time(fields.Datetime.now() + timedelta(minutes=20)):
            self.env["msom.charge.run"]._cron_process()
        self.assertEqual(run.state, "done")
        self.assertEqual(len(run.move_ids), 2)

    def test_rate_change_within_the_month_splits_by_days(self):
        self.env["msom.charge.rate"].create(
            {"component_id": self.c_maintenance.id, "date_from": "2025-03-16",
             "amount": 4.0}
        )  # fmt: skip
        run = self._run("2025-03-01")
        run.action_preview()
        line = run.line_ids.filtered(lambda line: line.unit_id == self.unit_1)
        detail = {item[0]: item for item in line.detail}
        # 48.5 m² × (3.45 × 15 days + 4.00 × 16 days) / 31 = 181.0927…
        self.assertEqual(detail[self.c_maintenance.id][3], 181.09)
        self.assertEqual(detail[self.c_maintenance.id][2], 3.7339)
        self.assertEqual(detail[self.c_repair.id][3], 101.85, "no change: as before")
        # in April the new rate applies all month
        april = self._run("2025-04-01")
        april.action_preview()
        line = april.line_ids.filtered(lambda line: line.unit_id == self.unit_1)
        self.assertEqual(
            {i[0]: i[3] for i in line.detail}[self.c_maintenance.id], 194.0
        )

    def test_rate_change_and_owner_change_in_one_month(self):
        self.env["msom.charge.rate"].create(
            {"component_id": self.c_maintenance.id, "date_from": "2025-03-16",
             "amount": 4.0}
        )  # fmt: skip
        occupancy = self.unit_1.occupancy_ids.filtered(
            lambda o: o.partner_id == self.owner
        )
        occupancy.date_to = "2025-03-10"
        buyer = self.env["res.partner"].create({"name": "Zofia Mazur"})
        self._occupy(self.unit_1, buyer, date_from="2025-03-11")
        run = self._run("2025-03-01")
        run.action_post()
        lines = run.line_ids.filtered(lambda line: line.unit_id == self.unit_1)
        shares = {
            line.partner_id: {i[0]: i[3] for i in line.detail}[self.c_maintenance.id]
            for line in lines
        }
        # the seller's 10 days all at the old rate: 48.5 × 3.45 × 10/31
        self.assertEqual(shares[self.owner], 53.98)
        # the buyer the rest of the month's 181.09
        self.assertEqual(shares[buyer], 127.11)
        self.assertEqual(
            len(run.move_ids.filtered(lambda m: m.unit_id == self.unit_1)), 2
        )
