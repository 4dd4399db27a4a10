# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomVoteOpenWizard(models.TransientModel):
    """Warns that shares do not sum to 1 and offers per-capita voting."""

    _name = "msom.vote.open.wizard"
    _description = "Open a Vote Despite Incomplete Shares"

    survey_id = fields.Many2one("survey.survey", required=True, ondelete="cascade")
    message = fields.Text(readonly=True)

    def action_open_per_capita(self):
        """Art. 23 ust. 2a: one vote per owner instead of shares."""
        self.ensure_one()
        survey = self.survey_id
        vals = {"msom_weighting": "capita"}
        if survey.msom_majority == "shares":
            vals["msom_majority"] = "eligible"
        survey.write(vals)
        survey._msom_open()
        return {"type": "ir.actions.act_window_close"}

    def action_open_by_shares(self):
        self.ensure_one()
        self.survey_id._msom_open(accept_shares=True)
        return {"type": "ir.actions.act_window_close"}
