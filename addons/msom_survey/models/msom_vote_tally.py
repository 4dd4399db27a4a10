# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomVoteTally(models.Model):
    """Running total of one answer: the count and the exact sum of weights.

    Secret ballots cannot carry their weight (a share in the common property
    often identifies the unit), so weights are added up here as they come.
    """

    _name = "msom.vote.tally"
    _description = "Vote Tally"
    _log_access = False
    _order = "survey_id, answer_id"

    survey_id = fields.Many2one(
        "survey.survey", string="Vote", required=True, index=True, ondelete="cascade"
    )
    answer_id = fields.Many2one(
        "survey.question.answer", required=True, ondelete="cascade"
    )
    vote_value = fields.Selection(related="answer_id.msom_vote_value")
    ballot_count = fields.Integer(string="Votes", default=0, readonly=True)
    weight_sum = fields.Char(string="Weight", default="0", readonly=True)

    _one_tally_per_answer = models.Constraint(
        "UNIQUE(survey_id, answer_id)",
        lambda env, diag: env._("An answer has one tally per vote."),
    )
