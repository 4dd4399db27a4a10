# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import format_fraction, parse_fraction


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

    @api.model
    def _msom_create_for(self, survey):
        """One empty tally per answer of a vote that opens."""
        return self.sudo().create(
            [
                {"survey_id": survey.id, "answer_id": answer.id}
                for answer in survey._msom_vote_answers().values()
            ]
        )

    @api.model
    def _msom_add(self, survey, answer, weight, count):
        """Add ``count`` votes of ``weight`` to the total of ``answer``, exactly.

        The tally's row is locked while it is read and written, so that votes
        cast at once all add up.
        """
        self.flush_model()
        tally_id, weight_sum = self.env.execute_query(
            SQL(
                """SELECT id, weight_sum FROM msom_vote_tally
                    WHERE survey_id = %s AND answer_id = %s FOR UPDATE""",
                survey.id,
                answer.id,
            )
        )[0]
        self.env.execute_query(
            SQL(
                """UPDATE msom_vote_tally
                      SET ballot_count = ballot_count + %s, weight_sum = %s
                    WHERE id = %s""",
                count,
                format_fraction(parse_fraction(weight_sum) + weight),
                tally_id,
            )
        )
        self.invalidate_model(["ballot_count", "weight_sum"])

    @api.model
    def _msom_totals(self, survey):
        """[(answer id, count, exact weight)] kept while ``survey`` was voted."""
        self.flush_model()
        rows = self.env.execute_query(
            SQL(
                """SELECT answer_id, ballot_count, weight_sum FROM msom_vote_tally
                    WHERE survey_id = %s""",
                survey.id,
            )
        )
        return [
            (answer_id, count, parse_fraction(weight))
            for answer_id, count, weight in rows
        ]
