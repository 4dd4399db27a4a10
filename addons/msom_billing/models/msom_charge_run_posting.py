# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

SYNC_LIMIT = 500  # runs up to this many documents post at once; larger as jobs
JOB_PATIENCE = 15  # minutes a job may wait for a live job runner
RUNNER_SILENCE = 30  # seconds without handing out a job after which a runner is gone


class MsomChargeRun(models.Model):
    """Posting a charge run: at once, or one queue job per batch, and the
    cron that finishes a run no live job is working on."""

    _inherit = "msom.charge.run"  # pylint: disable=consider-merging-classes-inherited

    def action_post(self):
        for run in self:
            if run.state == "draft":
                run.action_preview()
            if run.state == "done":
                continue
            run._check_period_open()
            run.state = "running"
            if run.line_count <= SYNC_LIMIT:
                run._process(commit=False)
            else:
                run._enqueue_batches()
        return True

    def _enqueue_batches(self):
        """One queue job per batch of planned lines, on the channel
        root.msom_billing: as many workers as the channel allows post the
        batches side by side, each committing its own. With the context key
        queue_job__no_delay (tests, scripts) the batches run right away."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM msom_charge_run_line"
                " WHERE run_id = %s AND state = 'planned' ORDER BY id",
                self.id,
            )
        )
        line_ids = [row[0] for row in self.env.cr.fetchall()]
        size = self.batch_size or 200
        for number, start in enumerate(range(0, len(line_ids), size), start=1):
            self.with_delay(
                description=self.env._(
                    "%(run)s: batch %(number)s", run=self.name, number=number
                ),
                identity_key=identity_exact,
            )._job_post_lines(line_ids[start : start + size])
        if not line_ids:
            self.state = "done"

    def _job_post_lines(self, line_ids):
        """Queue job: post one batch; the last batch closes the run."""
        self.ensure_one()
        lines = (
            self.env["msom.charge.run.line"]
            .browse(line_ids)
            .exists()
            .filtered(lambda line: line.state == "planned" and line.run_id == self)
        )
        if lines:
            try:
                with self.env.cr.savepoint():
                    lines._post_batch()
            except psycopg2.errors.UniqueViolation as error:
                # a parallel batch numbered after this transaction began:
                # try again with a fresh view of the journal
                raise RetryableJobError(str(error), seconds=2) from error
        remaining = self.env["msom.charge.run.line"].search_count(
            [("run_id", "=", self.id), ("state", "=", "planned")]
        )
        if not remaining and self.state == "running":
            self.state = "done"
        return self.env._(
            "%(count)s documents posted, %(remaining)s lines left",
            count=len(lines),
            remaining=remaining,
        )

    @api.model
    def _cron_process(self):
        """Safety net: finish running runs that no job is working on (no
        job runner, jobs failed, or their worker was killed). Posting skips
        what is posted already, so a late job and the cron never make a
        document twice; the jobs the cron did the work of are closed."""
        busy = self._busy_run_ids()
        for run in self.search([("state", "=", "running")], order="id"):
            if run.id not in busy:
                run._process(commit=True)
                run._close_leftover_jobs()

    @api.model
    def _busy_run_ids(self):
        """The runs a queue job is really working on, or will soon.

        A started job is alive only while its worker holds the job's row in
        queue_job_lock (queue_job's own dead-job check: a killed worker's
        transaction ends and releases it). A pending or enqueued job counts
        while it is recent and a job runner is alive: some job's lock is
        held, or the runner handed out a job in the last half minute (a live
        runner with free capacity hands out waiting jobs at once). Without a
        runner nobody will take them, and the cron does the work.
        """
        if "queue.job" not in self.env:
            return set()
        Job = self.env["queue.job"].sudo()
        jobs = Job.search(
            [
                ("model_name", "=", self._name),
                ("state", "in", ("pending", "enqueued", "started")),
            ]
        )
        if not jobs:
            return set()
        held = self._held_job_ids()
        now = fields.Datetime.now()
        runner_alive = bool(held) or bool(
            Job.search_count(
                [("date_enqueued", ">", now - timedelta(seconds=RUNNER_SILENCE))],
                limit=1,
            )
        )
        recent = now - timedelta(minutes=JOB_PATIENCE)
        busy = set()
        for job in jobs:
            waiting = job.state != "started" and (job.date_enqueued or job.date_created)
            if job.id in held or (runner_alive and waiting and waiting > recent):
                busy.update(job.records.ids)
        return busy

    @api.model
    def _held_job_ids(self):
        """Started jobs (of any kind) whose worker holds their lock now."""
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT lock.queue_job_id FROM queue_job_lock lock"
                " JOIN queue_job job ON job.id = lock.queue_job_id"
                " WHERE job.state = 'started'"
            )
        )
        started = [row[0] for row in cr.fetchall()]
        if not started:
            return set()
        # what nobody holds can be taken: as queue_job's runner checks it
        cr.execute(
            SQL(
                "SELECT queue_job_id FROM queue_job_lock WHERE queue_job_id = ANY(%s)"
                " FOR NO KEY UPDATE SKIP LOCKED",
                started,
            )
        )
        return set(started) - {row[0] for row in cr.fetchall()}

    def _close_leftover_jobs(self):
        """Mark the unfinished jobs of finished runs done: the cron did their
        work (a dead started job would otherwise stay "started" for ever)."""
        if "queue.job" not in self.env:
            return
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search(
                [
                    ("model_name", "=", self._name),
                    ("state", "in", ("pending", "enqueued", "started", "failed")),
                ]
            )
        )
        done = self.filtered(lambda run: run.state == "done")
        leftovers = jobs.filtered(lambda job: job.records & done)
        if leftovers:
            leftovers._change_job_state(
                "done", result=self.env._("Posted by the charge-run safety net.")
            )

    def _batch_pending(self, limit):
        return self.env["msom.charge.run.line"].search(
            [("run_id", "=", self.id), ("state", "=", "planned")],
            limit=limit,
            order="id",
        )

    def _batch_process(self, records):
        records._post_batch()
