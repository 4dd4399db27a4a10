# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
from collections import defaultdict

from odoo import fields, models
from odoo.modules import module as odoo_module

_logger = logging.getLogger(__name__)


class MsomBatchRunMixin(models.AbstractModel):
    """A run that works through its pending records batch by batch.

    Each batch is committed on its own (not in tests), so a run killed
    half-way restarts where it stopped: the pending records are searched
    again, and processing a batch must skip what a killed batch already
    did. The run has a `state` with "done" and a `progress` (%); it says
    which records are pending and how a batch is processed.
    """

    _name = "msom.batch.run.mixin"
    _description = "Restartable Batch Run"

    batch_size = fields.Integer(default=200)

    def _batch_totals(self, model_name):
        """{run id: {state: [count, amount_total]}} of the runs' records in
        `model_name` (with a run_id, a state and an amount_total), read in
        one grouped query; missing states count as [0, 0.0]."""
        groups = self.env[model_name]._read_group(
            [("run_id", "in", self.ids)],
            ["run_id", "state"],
            ["__count", "amount_total:sum"],
        )
        totals = defaultdict(lambda: defaultdict(lambda: [0, 0.0]))
        for run, state, count, amount in groups:
            totals[run.id][state] = [count, amount]
        return totals

    def _batch_pending(self, limit):
        """The next `limit` records still to process, in a stable order."""
        raise NotImplementedError

    def _batch_process(self, records):
        """Process one batch of pending records."""
        raise NotImplementedError

    def _process(self, max_batches=None, commit=True):
        """Process the pending records batch by batch; restartable at any
        point. Returns the number of batches processed."""
        self.ensure_one()
        commit = commit and not odoo_module.current_test
        batches = 0
        while max_batches is None or batches < max_batches:
            records = self._batch_pending(self.batch_size or 200)
            if not records:
                self.state = "done"
                break
            self._batch_process(records)
            # batches may write in SQL: the run's counts are read afresh
            self.invalidate_recordset()
            batches += 1
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
                _logger.info("%s: %.0f%% done", self.display_name, self.progress)
        if commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit
        return batches
