# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.exceptions import AccessError


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """Odoo's /report routes render any report for any logged-in user and
        leave the groups of the report and the access to its records to the
        template. Our reports print residents' data, often read as superuser:
        a caller without superuser rights needs the report's groups and read
        access to every record printed."""
        if not self.env.su and report.report_name.startswith("msom_"):
            if report.group_ids and not (
                report.group_ids & self.env.user.all_group_ids
            ):
                raise AccessError(
                    self.env._(
                        "You are not allowed to print “%(report)s”.", report=report.name
                    )
                )
            self.env[report.model].browse(docids).check_access("read")
        return super()._get_rendering_context(report, docids, data)
