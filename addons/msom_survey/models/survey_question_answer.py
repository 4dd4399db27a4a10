# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    msom_vote_value = fields.Selection(
        [("for", "For"), ("against", "Against"), ("abstain", "Abstain")],
        string="Vote Value",
        help="Meaning of this answer in a resolution vote.",
    )
