# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


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
