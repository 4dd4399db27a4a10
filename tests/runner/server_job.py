"""Queue a charge run's batches as jobs (run by odoo_exec for server_tests).

The demo estate is too small for action_post to queue its run, so the run
of the month after the demo's is previewed and its batches, one unit each,
are queued the way action_post queues a large run.
"""

from dateutil.relativedelta import relativedelta

from odoo import fields


def run(env, arguments):
    last = env["msom.charge.run"].search([], order="period desc", limit=1)
    period = (last.period if last else fields.Date.today()) + relativedelta(months=1)
    charge_run = env["msom.charge.run"].create(
        {"period": period, "batch_size": 1, "building_ids": last.building_ids.ids}
    )
    charge_run.action_preview()
    charge_run.state = "running"
    charge_run._enqueue_batches()
