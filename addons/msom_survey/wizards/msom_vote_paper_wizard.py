# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class MsomVotePaperWizard(models.TransientModel):
    """An operator enters a vote collected on paper (art. 23 ust. 1)."""

    _name = "msom.vote.paper.wizard"
    _description = "Enter a Paper Vote"

    survey_id = fields.Many2one(
        "survey.survey",
        string="Vote",
        required=True,
        domain=[("msom_kind", "=", "vote"), ("msom_state", "=", "open")],
    )
    question_id = fields.Many2one(related="survey_id.msom_question_id")
    voter_id = fields.Many2one(
        "msom.vote.voter",
        required=True,
        domain="[('survey_id', '=', survey_id), ('has_voted', '=', False)]",
    )
    answer_id = fields.Many2one(
        "survey.question.answer",
        string="Vote Cast",
        required=True,
        domain="[('question_id', '=', question_id)]",
    )
    reference = fields.Char(
        string="Source",
        required=True,
        help="Where the vote comes from: card number, meeting, who collected it.",
    )

    @api.onchange("survey_id")
    def _onchange_survey_id(self):
        self.voter_id = False
        self.answer_id = False

    def action_confirm(self):
        self.ensure_one()
        self.survey_id._msom_cast_vote(
            self.answer_id,
            voter=self.voter_id,
            channel="paper",
            reference=self.reference,
        )
        return {"type": "ir.actions.act_window_close"}

    def action_confirm_next(self):
        self.action_confirm()
        return self.survey_id.action_msom_paper_vote()
