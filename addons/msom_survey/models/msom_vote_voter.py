# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from fractions import Fraction

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..tools import format_fraction

# Written only by the vote itself (opening, casting, mailing).
PROTECTED_FIELDS = {
    "survey_id", "unit_id", "weight_numerator", "weight_denominator", "is_proxy",
    "has_voted", "vote_channel", "paper_reference", "invitation_sent",
    "reminder_sent", "result_sent",
}  # fmt: skip


class MsomVoteVoter(models.Model):
    """One vote in a survey or resolution vote, fixed when it opens.

    There is no create/write date on purpose (``_log_access``): for a secret
    vote the time a voter was marked as having voted could otherwise be
    matched with the ballots.
    """

    _name = "msom.vote.voter"
    _description = "Eligible Voter"
    _log_access = False
    _order = "survey_id, id"
    _rec_name = "partner_id"

    survey_id = fields.Many2one(
        "survey.survey", string="Vote", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="survey_id.msom_company_id", store=True, index=True
    )
    unit_id = fields.Many2one(
        "fsm.location", index="btree_not_null", ondelete="set null"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Voter",
        index="btree_not_null",
        ondelete="restrict",
        help="The person who casts this vote: the only eligible occupant, or "
        "the voting proxy of several (co-owners must designate one).",
    )
    is_proxy = fields.Boolean(
        string="Represents Several",
        help="Several eligible occupants share this vote; it is cast by the "
        "voter shown, their designated proxy.",
    )
    weight_numerator = fields.Integer(default=1)
    weight_denominator = fields.Integer(default=1)
    weight = fields.Char(compute="_compute_weight")
    has_voted = fields.Boolean(readonly=True, index=True)
    vote_channel = fields.Selection(
        [("portal", "Portal"), ("paper", "Paper")], string="Voted By", readonly=True
    )
    paper_reference = fields.Char(string="Paper Vote Source", readonly=True)
    invitation_sent = fields.Boolean(readonly=True)
    reminder_sent = fields.Boolean(readonly=True)
    result_sent = fields.Boolean(readonly=True)
    notify_partner_ids = fields.Many2many(
        "res.partner",
        string="Notified Owners",
        compute="_compute_notify_partner_ids",
        help="Who is told about the vote and its result: the voter and, for "
        "votes of owners, every owner of the unit.",
    )
    portal_url = fields.Char(
        string="Portal Link", compute="_compute_notify_partner_ids"
    )
    answer_id = fields.Many2one(
        "survey.question.answer",
        string="Vote Cast",
        compute="_compute_answer_id",
        help="Only for open votes: a secret ballot has no link to its voter.",
    )

    _positive_weight = models.Constraint(
        "CHECK(weight_numerator >= 0 AND weight_denominator > 0)",
        lambda env, diag: env._("A vote weight is a fraction of zero or more."),
    )

    @api.depends("weight_numerator", "weight_denominator")
    def _compute_weight(self):
        for voter in self:
            voter.weight = format_fraction(voter._msom_weight())

    def _compute_answer_id(self):
        ballots = (
            self.env["msom.vote.ballot"]
            .sudo()
            .search_fetch(Domain("voter_id", "in", self.ids), ["voter_id", "answer_id"])
        )
        answer_of = {ballot.voter_id.id: ballot.answer_id for ballot in ballots}
        for voter in self:
            voter.answer_id = answer_of.get(voter.id, False)

    def _msom_weight(self):
        self.ensure_one()
        return Fraction(self.weight_numerator, self.weight_denominator or 1)

    def _msom_label(self):
        self.ensure_one()
        return " – ".join(
            name
            for name in (self.unit_id.display_name, self.partner_id.display_name)
            if name
        )

    @api.depends("unit_id", "partner_id")
    def _compute_display_name(self):
        for voter in self:
            voter.display_name = voter._msom_label() or voter.env._("(no proxy yet)")

    @api.depends_context("uid")
    def _compute_notify_partner_ids(self):
        for voter in self:
            voter.notify_partner_ids = voter._msom_notify_partners()
            voter.portal_url = f"{voter.get_base_url()}/my/votes/{voter.survey_id.id}"

    def _msom_notify_partners(self):
        """The owners to tell about the vote.

        The voter and every owner of the unit on the opening date: art. 23
        ust. 3 requires each owner to be told of a resolution adopted by
        individual collection of votes.
        """
        self.ensure_one()
        partners = self.partner_id
        if self.unit_id:
            occupancies = (
                self.env["msom.occupancy"]
                .sudo()
                .search(
                    self.env["msom.occupancy"]._current_domain(
                        self.survey_id._msom_opening_date()
                    )
                    & Domain("unit_id", "=", self.unit_id.id)
                    & Domain("role", "in", ("owner", "co_owner"))
                )
            )
            if self.survey_id.msom_target_group == "owners":
                partners |= occupancies.partner_id
        return partners

    def write(self, vals):
        protected = PROTECTED_FIELDS.intersection(vals)
        if protected and not self.env.context.get("msom_vote_internal"):
            raise UserError(
                self.env._(
                    "Eligibility and votes are recorded by the vote itself and "
                    "cannot be edited (%(fields)s).",
                    fields=", ".join(sorted(protected)),
                )
            )
        if "partner_id" in vals and not self.env.context.get("msom_vote_internal"):
            for voter in self:
                if voter.has_voted or voter.survey_id.msom_state == "closed":
                    raise UserError(
                        self.env._(
                            "%(voter)s has already voted or the vote is closed: "
                            "the proxy cannot change.",
                            voter=voter._msom_label(),
                        )
                    )
        return super().write(vals)
