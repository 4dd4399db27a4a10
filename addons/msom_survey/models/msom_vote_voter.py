# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from fractions import Fraction

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools import format_fraction

# Written only by the vote itself (opening, casting, mailing).
PROTECTED_FIELDS = {
    "survey_id", "unit_id", "weight_numerator", "weight_denominator", "is_proxy",
    "has_voted", "vote_channel", "paper_reference", "invitation_sent",
    "reminder_sent", "result_sent",
}  # fmt: skip
# Roles that hold a unit (as opposed to household members living in it).
HOLDER_ROLES = ("owner", "member", "tenant")


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

    # ------------------------------------------------------------------
    # Eligibility: who votes, and with which weight, when a vote opens
    # ------------------------------------------------------------------

    @api.model
    def _msom_eligible_vals(self, survey):
        """Values of the eligible-voter records of ``survey``, one per vote.

        Returns (vals_list, scope_share) where scope_share is the exact sum of
        the shares in the common property of all units of the scope.
        """
        survey.ensure_one()
        units = survey._msom_scope_units()
        shares = {
            unit.id: Fraction(
                unit.common_share_numerator, unit.common_share_denominator
            )
            if unit.common_share_denominator
            else Fraction(0)
            for unit in units
        }
        scope_share = sum(shares.values(), Fraction(0))
        by_unit = defaultdict(lambda: self.env["msom.occupancy"])
        for occupancy in survey._msom_eligible_occupancies():
            by_unit[occupancy.unit_id.id] |= occupancy
        vals_list = []
        if survey.msom_weighting == "unit":
            for unit_id, occupancies in by_unit.items():
                vals_list.append(
                    self._msom_voter_vals(survey, unit_id, occupancies, Fraction(1))
                )
            return vals_list, scope_share
        if survey.msom_weighting == "share":
            for unit_id, occupancies in by_unit.items():
                weight = shares.get(unit_id, Fraction(0))
                vals_list += [
                    self._msom_voter_vals(survey, unit_id, group, weight * part)
                    for group, part in self._msom_share_parts(occupancies)
                ]
            return vals_list, scope_share
        # Per capita: each person votes once, however many units they hold.
        # Owners who co-own a unit are one owner and vote through one proxy.
        seen = set()
        for unit_id, occupancies in by_unit.items():
            groups = []
            co_owners = occupancies.filtered(lambda o: o.role == "co_owner")
            if survey.msom_target_group == "owners" and len(co_owners.partner_id) > 1:
                groups.append(co_owners)
                occupancies -= co_owners
            groups += [
                occupancies.filtered(lambda o, p=partner: o.partner_id == p)
                for partner in occupancies.partner_id
            ]
            for group in groups:
                key = frozenset(group.partner_id.ids)
                if key in seen:
                    continue
                seen.add(key)
                vals_list.append(
                    self._msom_voter_vals(survey, unit_id, group, Fraction(1))
                )
        return vals_list, scope_share

    @api.model
    def _msom_representative(self, occupancies):
        """Who casts the single vote of a group of occupants (or False).

        One person: that person. Otherwise the designated voting proxy, else
        the only holder (owner, member, tenant) among household members. Co-owners
        without a proxy cannot vote until one is designated (art. 23 ust. 2b).
        """
        partners = occupancies.partner_id
        if len(partners) == 1:
            return partners
        proxies = occupancies.filtered("is_voting_proxy").partner_id
        if len(proxies) == 1:
            return proxies
        holders = occupancies.filtered(lambda o: o.role in HOLDER_ROLES).partner_id
        if len(holders) == 1:
            return holders
        return partners.browse()

    @api.model
    def _msom_share_parts(self, occupancies):
        """[(occupancies, part of the unit's share)] of one unit in a vote by
        shares.

        Art. 23 ust. 2b u.w.l. asks co-owners for one written representative
        only when votes are counted per owner; by shares each co-owner votes
        their part of the unit's share. A co-owner designated as voting proxy
        (the others' written consent, recorded on the occupancy) votes the
        whole share. The parts are the co-owners' shares in the unit as
        recorded on their occupancies (which never add up to more than the
        whole unit).
        """
        owners = occupancies.filtered(lambda o: o.role in ("owner", "co_owner"))
        proxies = owners.filtered("is_voting_proxy").partner_id
        if len(owners.partner_id) < 2 or len(proxies) == 1:
            return [(occupancies, Fraction(1))]
        parts = defaultdict(Fraction)
        for occupancy in owners:
            parts[occupancy.partner_id] += Fraction(
                occupancy.share_numerator, occupancy.share_denominator or 1
            )
        return [
            (owners.filtered(lambda o, p=partner: o.partner_id == p), part)
            for partner, part in parts.items()
        ]

    @api.model
    def _msom_voter_vals(self, survey, unit_id, occupancies, weight):
        representative = self._msom_representative(occupancies)
        return {
            "survey_id": survey.id,
            "unit_id": unit_id,
            "partner_id": representative.id,
            "is_proxy": len(occupancies.partner_id) > 1,
            "weight_numerator": weight.numerator,
            "weight_denominator": weight.denominator,
        }

    # ------------------------------------------------------------------
    # Voting
    # ------------------------------------------------------------------

    @api.model
    def _msom_find(self, survey, partner, voter=None):
        """The eligible record through which ``partner`` votes in ``survey``."""
        survey.ensure_one()
        Voter = self.sudo()
        if voter:
            voter = Voter.browse(voter.id if hasattr(voter, "id") else voter)
            if voter.survey_id != survey or voter.partner_id != partner:
                voter = Voter
        else:
            voter = Voter.search(
                Domain("survey_id", "=", survey.id)
                & Domain("partner_id", "=", partner.id)
            )
            if len(voter) > 1:
                pending = voter.filtered(lambda v: not v.has_voted)
                if len(pending) != 1:
                    raise UserError(
                        self.env._(
                            "You vote in “%(title)s” for several units: choose "
                            "the unit you are voting for.",
                            title=survey.title,
                        )
                    )
                voter = pending
        if not voter:
            raise UserError(
                self.env._(
                    "You are not entitled to vote in “%(title)s”.", title=survey.title
                )
            )
        return voter

    def _msom_lock_has_voted(self):
        """Lock the voter's row and read whether it has voted.

        Two requests at once cannot both cast the vote: the second waits here
        for the first to commit, then sees its vote.
        """
        self.ensure_one()
        self.flush_model()
        rows = self.env.execute_query(
            SQL(
                "SELECT has_voted FROM msom_vote_voter WHERE id = %s FOR UPDATE",
                self.id,
            )
        )
        self.invalidate_recordset(["has_voted"])
        return rows[0][0]

    @api.model
    def _msom_weight_sum(self, survey, voted_only=False):
        """(exact sum of the weights, count) of the voters of ``survey``.

        Summed in SQL per denominator, so that a vote of a large estate does
        not load its voters; ``voted_only`` keeps the voters who have voted.
        """
        survey.ensure_one()
        self.flush_model()
        rows = self.env.execute_query(
            SQL(
                """SELECT weight_denominator, SUM(weight_numerator), COUNT(*)
                     FROM msom_vote_voter
                    WHERE survey_id = %s %s
                 GROUP BY weight_denominator""",
                survey.id,
                SQL("AND has_voted") if voted_only else SQL(),
            )
        )
        total, count = Fraction(0), 0
        for denominator, numerator, voters in rows:
            total += Fraction(int(numerator), denominator or 1)
            count += voters
        return total, count

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
