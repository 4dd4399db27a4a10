# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from fractions import Fraction

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL


class MsomVoteBallot(models.Model):
    """One vote cast.

    A secret ballot holds its vote and nothing else: no voter, no time, no
    channel and no author (``_log_access`` is off, so there is no create_uid
    or create_date either). A database constraint keeps it that way, so the
    link between a secret ballot and its voter does not exist anywhere.
    """

    _name = "msom.vote.ballot"
    _description = "Ballot"
    _log_access = False
    _order = "id"

    survey_id = fields.Many2one(
        "survey.survey", string="Vote", required=True, index=True, ondelete="cascade"
    )
    answer_id = fields.Many2one(
        "survey.question.answer", string="Vote Cast", required=True, ondelete="restrict"
    )
    vote_value = fields.Selection(related="answer_id.msom_vote_value")
    is_secret = fields.Boolean(string="Secret", readonly=True)
    # Open votes only
    voter_id = fields.Many2one(
        "msom.vote.voter",
        string="Eligible Voter",
        index="btree_not_null",
        ondelete="cascade",
    )
    unit_id = fields.Many2one(related="voter_id.unit_id")
    partner_id = fields.Many2one(related="voter_id.partner_id")
    voted_at = fields.Datetime(string="Voted On")
    channel = fields.Selection([("portal", "Portal"), ("paper", "Paper")])
    reference = fields.Char(string="Paper Vote Source")
    entered_by_id = fields.Many2one("res.users")

    _secret_has_no_voter = models.Constraint(
        "CHECK(NOT is_secret OR (voter_id IS NULL AND voted_at IS NULL AND "
        "channel IS NULL AND reference IS NULL AND entered_by_id IS NULL))",
        lambda env, diag: env._("A secret ballot cannot record who cast it."),
    )
    _one_ballot_per_voter = models.Constraint(
        "UNIQUE(voter_id)",
        lambda env, diag: env._("This voter has already voted."),
    )

    @api.model
    def _msom_cast(self, voter, answer, channel="portal", reference=False):
        """Record the vote of ``voter`` for ``answer``: the one place a ballot
        is written.

        The caller has checked who may cast it (``survey.survey._msom_cast_vote``).
        The voter's row is locked first, so the same vote cast twice at once
        gives one ballot. A ballot of a secret vote gets no voter, time or
        channel; the voter is only flagged as having voted. Returns the ballot
        (sudo).
        """
        survey = voter.survey_id
        Ballot = self.sudo()
        Tally = self.env["msom.vote.tally"]
        has_voted = voter._msom_lock_has_voted()
        weight = voter._msom_weight()
        open_vals = {
            "voted_at": fields.Datetime.now(),
            "channel": channel,
            "reference": reference or False,
            "entered_by_id": self.env.user.id if channel == "paper" else False,
        }
        if has_voted:
            if not survey.msom_allow_change:
                raise UserError(
                    self.env._(
                        "The vote of %(voter)s in “%(title)s” has already been "
                        "cast and cannot be changed.",
                        voter=voter._msom_label(),
                        title=survey.title,
                    )
                )
            ballot = Ballot.search(Domain("voter_id", "=", voter.id))
            if ballot.answer_id != answer:
                Tally._msom_add(survey, ballot.answer_id, -weight, -1)
                Tally._msom_add(survey, answer, weight, 1)
            ballot.write(dict(open_vals, answer_id=answer.id))
            return ballot
        vals = {
            "survey_id": survey.id,
            "answer_id": answer.id,
            "is_secret": survey.msom_secret,
        }
        if not survey.msom_secret:
            vals.update(open_vals, voter_id=voter.id)
        ballot = Ballot.create(vals)
        Tally._msom_add(survey, answer, weight, 1)
        voter.with_context(msom_vote_internal=True).write(
            {
                "has_voted": True,
                "vote_channel": channel,
                "paper_reference": reference if channel == "paper" else False,
            }
        )
        return ballot

    @api.model
    def _msom_count_by_answer(self, survey):
        """{answer id: number of ballots} of ``survey``."""
        self.flush_model()
        return dict(
            self.env.execute_query(
                SQL(
                    """SELECT answer_id, COUNT(*) FROM msom_vote_ballot
                        WHERE survey_id = %s GROUP BY answer_id""",
                    survey.id,
                )
            )
        )

    @api.model
    def _msom_weight_by_answer(self, survey):
        """[(answer id, count, exact weight)] of the ballots of an open vote,
        weighed by their voters' weights (a secret ballot has no voter)."""
        self.flush_model()
        self.env["msom.vote.voter"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """SELECT b.answer_id, v.weight_denominator,
                          SUM(v.weight_numerator), COUNT(*)
                     FROM msom_vote_ballot b
                     JOIN msom_vote_voter v ON v.id = b.voter_id
                    WHERE b.survey_id = %s
                 GROUP BY b.answer_id, v.weight_denominator""",
                survey.id,
            )
        )
        return [
            (answer_id, count, Fraction(int(numerator), denominator))
            for answer_id, denominator, numerator, count in rows
        ]
