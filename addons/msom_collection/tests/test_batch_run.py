# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import tagged

from .common import MsomCollectionCase


@tagged("post_install", "-at_install")
class TestBatchRun(MsomCollectionCase):
    """The restartable batch loop the charge and interest runs share."""

    def test_interest_run_killed_and_restarted(self):
        self._three_late_debtors()
        run = self.env["msom.interest.run"].create(
            {"date_from": "2025-04-01", "date_to": "2025-04-30", "date": "2025-05-05",
             "batch_size": 1}
        )  # fmt: skip
        run.action_compute()
        run.state = "running"
        # the first batch was committed before the kill
        self.assertEqual(run._process(max_batches=1, commit=False), 1)
        self.assertEqual(run.posted_count, 1)
        self.assertEqual(run.state, "running")
        # the second batch died before its commit: nothing of it is kept
        with self.env.cr.savepoint() as savepoint:
            run._process(max_batches=1, commit=False)
            savepoint.rollback()
        self.env.invalidate_all()
        self.assertEqual(run.posted_count, 1)
        # the restart posts the other two, one batch each, and closes the run
        self.assertEqual(run._process(commit=False), 2)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.progress, 100.0)
        moves = self.env["account.move"].search(
            [("msom_interest_note_id", "in", run.note_ids.ids)]
        )
        self.assertEqual(len(moves), 3)
        self.assertEqual(run.note_ids.move_id, moves)
        self.assertEqual(run._process(commit=False), 0, "nothing left to do")
