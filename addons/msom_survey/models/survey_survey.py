# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import random
from collections import defaultdict
from datetime import timedelta
from fractions import Fraction

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.msom_estate.tools import demo_generated_before

from ..tools import format_fraction, parse_fraction, percent

_logger = logging.getLogger(__name__)

TARGET_ROLES = {
    "owners": ("owner", "co_owner"),
    "residents": ("owner", "co_owner", "member", "tenant", "resident"),
    "members": ("member",),
}
# Roles that hold a unit (as opposed to household members living in it).
HOLDER_ROLES = ("owner", "member", "tenant")
LEGAL_FORM_DEFAULTS = {
    # Prawo spółdzielcze art. 36: one member, one vote; u.s.m. art. 8^3 ust. 9:
    # majority of the members taking part (abstentions count against).
    "cooperative": {"target": "members", "weighting": "capita", "majority": "voted"},
    # Act on the ownership of units, art. 23 ust. 2: majority of all shares.
    "community": {"target": "owners", "weighting": "share", "majority": "shares"},
    "manager": {"target": "owners", "weighting": "share", "majority": "shares"},
}
# Settings that make up the legal frame of a vote: fixed once it is opened.
LOCKED_WHEN_OPEN = {
    "msom_kind", "msom_company_id", "msom_scope", "msom_location_id",
    "msom_date_open", "msom_target_group", "msom_weighting", "msom_majority",
    "msom_quorum_percent", "msom_secret", "msom_allow_change", "msom_question_id",
}  # fmt: skip
# Written only by opening and closing (context key msom_vote_internal).
RECORDED_BY_THE_VOTE = {
    "msom_state", "msom_opened_on", "msom_closed_on", "msom_scope_share",
    "msom_eligible_weight", "msom_shares_warning", "msom_result",
    "msom_result_data",
}  # fmt: skip
VOTE_VALUES = ("for", "against", "abstain")
MAIL_BATCH = 500
# Fields of a survey that open Odoo's answering pages; Odoo lets no portal user
# read surveys at all, ours read the votes of their scope, without these.
ANSWERING_TOKENS = frozenset({"access_token", "session_code"})


class SurveySurvey(models.Model):
    """Surveys (ankiety) and resolution votes (głosowania) of a housing company.

    A vote is a survey with one simple-choice question (for / against /
    abstain). Opening it fixes the eligible voters from occupancy on the
    opening date; ballots are mSOM records, not survey answers, so that a
    secret ballot carries no trace of its voter.
    """

    _inherit = "survey.survey"

    msom_kind = fields.Selection(
        [("survey", "Survey"), ("vote", "Vote")],
        string="Housing Type",
        index="btree_not_null",
        help="Survey: opinions and free answers. Vote: a resolution adopted "
        "with for / against / abstain votes under the chosen legal rule.",
    )
    msom_state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")],
        string="Voting Status",
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )
    msom_company_id = fields.Many2one(
        "res.company",
        string="Company",
        default=lambda self: self.env.company,
        index=True,
    )
    msom_scope = fields.Selection(
        [
            ("company", "Whole Company"),
            ("estate", "Estate"),
            ("building", "Building"),
            ("staircase", "Staircase"),
        ],
        string="Scope",
        default="estate",
    )
    msom_location_id = fields.Many2one(
        "fsm.location",
        string="Estate, Building or Staircase",
        domain="[('location_level', '=', msom_scope)]",
        index="btree_not_null",
    )
    msom_date_open = fields.Datetime(string="Opens On", tracking=True)
    msom_date_close = fields.Datetime(string="Closes On", tracking=True)
    msom_target_group = fields.Selection(
        [
            ("owners", "Owners Only"),
            ("residents", "All Residents"),
            ("members", "Cooperative Members Only"),
        ],
        string="Who Votes",
        compute="_compute_msom_rules",
        store=True,
        readonly=False,
        precompute=True,
    )
    msom_weighting = fields.Selection(
        [
            ("unit", "One Vote per Unit"),
            ("capita", "One Vote per Person (per Capita)"),
            ("share", "By Share in the Common Property"),
        ],
        string="Weighting",
        compute="_compute_msom_rules",
        store=True,
        readonly=False,
        precompute=True,
        help="Per capita: co-owners of one unit vote through one designated "
        "proxy (art. 23 ust. 2b). By share: each unit weighs its share in the "
        "common property (art. 23 ust. 2); its co-owners each vote their part "
        "of it, or their designated proxy the whole share.",
    )
    msom_majority = fields.Selection(
        [
            ("shares", "Majority of All Shares"),
            ("eligible", "Majority of All Eligible Voters"),
            ("voted", "Majority of Votes Cast"),
        ],
        string="Majority Rule",
        compute="_compute_msom_rules",
        store=True,
        readonly=False,
        precompute=True,
        help="All shares: votes for must exceed half of all shares in the common "
        "property of the scope. All eligible voters: more than half of the "
        "eligible votes. Votes cast: more than half of the votes cast, "
        "abstentions included.",
    )
    msom_quorum_percent = fields.Integer(
        string="Quorum (%)",
        default=0,
        help="Minimum turnout, as a percentage of the eligible votes (weighted "
        "like the vote). 0: no quorum.",
    )
    msom_secret = fields.Boolean(
        string="Secret Vote",
        help="The ballots are stored without their voter: nobody, not even an "
        "administrator, can tell who voted how. Only the fact of voting is kept.",
    )
    msom_allow_change = fields.Boolean(
        string="Votes Can Be Changed",
        help="Voters may change their vote until the vote closes.",
    )
    msom_reminder_days = fields.Integer(
        string="Reminder (days before closing)",
        default=2,
        help="Eligible voters who have not voted are reminded this many days "
        "before the closing date. 0: no reminder.",
    )
    msom_resolution_number = fields.Char(string="Resolution Number")
    msom_resolution_text = fields.Html(string="Resolution", sanitize=True)
    msom_question_id = fields.Many2one(
        "survey.question", string="Resolution Question", copy=False
    )
    msom_voter_ids = fields.One2many(
        "msom.vote.voter", "survey_id", string="Eligible Voters", copy=False
    )
    msom_ballot_ids = fields.One2many(
        "msom.vote.ballot", "survey_id", string="Ballots", copy=False
    )
    msom_tally_ids = fields.One2many(
        "msom.vote.tally", "survey_id", string="Tallies", copy=False
    )
    msom_opened_on = fields.Datetime(string="Opened On", copy=False, readonly=True)
    msom_closed_on = fields.Datetime(string="Closed On", copy=False, readonly=True)
    msom_scope_share = fields.Char(
        string="Shares in the Scope",
        copy=False,
        readonly=True,
        help="Exact sum of the shares in the common property of all units of "
        "the scope, at opening.",
    )
    msom_eligible_weight = fields.Char(
        string="Eligible Votes (weight)", copy=False, readonly=True
    )
    msom_shares_warning = fields.Char(
        string="Shares Warning", copy=False, readonly=True
    )
    msom_result = fields.Selection(
        [
            ("adopted", "Adopted"),
            ("rejected", "Not Adopted"),
            ("no_quorum", "Not Adopted: No Quorum"),
        ],
        string="Result",
        copy=False,
        readonly=True,
        tracking=True,
    )
    msom_result_data = fields.Json(string="Result Figures", copy=False, readonly=True)
    # Live turnout
    msom_eligible_count = fields.Integer(
        string="Eligible", compute="_compute_msom_turnout"
    )
    msom_voted_count = fields.Integer(string="Voted", compute="_compute_msom_turnout")
    msom_turnout_percent = fields.Float(
        string="Turnout (%)", compute="_compute_msom_turnout", digits=(5, 2)
    )
    msom_weight_turnout_percent = fields.Float(
        string="Weighted Turnout (%)",
        compute="_compute_msom_turnout",
        digits=(5, 2),
        help="Share of the eligible weight (shares, units or persons) that voted.",
    )
    msom_weight_turnout = fields.Char(
        string="Weighted Turnout", compute="_compute_msom_turnout"
    )
    msom_result_notice = fields.Char(
        string="Result Details", compute="_compute_msom_result_notice"
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("msom_company_id", "msom_kind")
    def _compute_msom_rules(self):
        for survey in self:
            company = survey.msom_company_id or self.env.company
            defaults = LEGAL_FORM_DEFAULTS[company.msom_legal_form or "cooperative"]
            if survey.msom_kind == "survey":
                defaults = dict(defaults, weighting="capita", majority="voted")
            survey.msom_target_group = survey.msom_target_group or defaults["target"]
            survey.msom_weighting = survey.msom_weighting or defaults["weighting"]
            survey.msom_majority = survey.msom_majority or defaults["majority"]

    @api.depends_context("uid")
    def _compute_msom_turnout(self):
        # Who has voted in a secret vote, watched as it grows, tells residents
        # how their neighbours vote: the live figures are the office's until
        # the vote closes.
        hidden = self.browse()
        if not self.env.su and self.env.user._is_portal():
            hidden = self.filtered(lambda s: s.msom_secret and s.msom_state != "closed")
        hidden.update(
            {
                "msom_eligible_count": 0,
                "msom_voted_count": 0,
                "msom_turnout_percent": 0.0,
                "msom_weight_turnout_percent": 0.0,
                "msom_weight_turnout": False,
            }
        )
        for survey in self - hidden:
            counts = survey._msom_turnout_figures()
            survey.msom_eligible_count = counts["eligible_count"]
            survey.msom_voted_count = counts["voted_count"]
            survey.msom_turnout_percent = percent(
                counts["voted_count"], counts["eligible_count"]
            )
            survey.msom_weight_turnout_percent = percent(
                counts["voted_weight"], counts["eligible_weight"]
            )
            survey.msom_weight_turnout = self.env._(
                "%(voted)s of %(eligible)s",
                voted=format_fraction(counts["voted_weight"]),
                eligible=format_fraction(counts["eligible_weight"]),
            )

    @api.depends("msom_result_data", "msom_majority")
    def _compute_msom_result_notice(self):
        for survey in self:
            survey.msom_result_notice = survey._msom_result_notice() or False

    @api.constrains("msom_date_open", "msom_date_close", "msom_kind")
    def _check_msom_dates(self):
        for survey in self.filtered("msom_kind"):
            if (
                survey.msom_date_open
                and survey.msom_date_close
                and survey.msom_date_close <= survey.msom_date_open
            ):
                raise ValidationError(
                    self.env._(
                        "“%(title)s” must close after it opens (opens %(open)s, "
                        "closes %(close)s).",
                        title=survey.title,
                        open=survey.msom_date_open,
                        close=survey.msom_date_close,
                    )
                )

    @api.constrains(
        "msom_kind", "msom_scope", "msom_location_id", "msom_company_id",
        "msom_majority", "msom_weighting", "msom_secret", "msom_allow_change",
        "msom_quorum_percent",
    )  # fmt: skip
    def _check_msom_rules(self):
        for survey in self.filtered("msom_kind"):
            location = survey.msom_location_id
            if survey.msom_scope != "company" and (
                not location or location.location_level != survey.msom_scope
            ):
                raise ValidationError(
                    self.env._(
                        "Choose the %(level)s the vote “%(title)s” is held in.",
                        level=dict(
                            self._fields["msom_scope"]._description_selection(self.env)
                        )[survey.msom_scope].lower(),
                        title=survey.title,
                    )
                )
            if (
                location
                and survey.msom_scope != "company"
                and location.company_id
                and location.company_id != survey.msom_company_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(location)s belongs to %(company)s, not to the company "
                        "of the vote.",
                        location=location.display_name,
                        company=location.company_id.name,
                    )
                )
            if survey.msom_majority == "shares" and survey.msom_weighting != "share":
                raise ValidationError(
                    self.env._(
                        "A majority of all shares needs votes weighted by share in "
                        "the common property. Choose that weighting or another "
                        "majority rule."
                    )
                )
            if survey.msom_secret and survey.msom_allow_change:
                raise ValidationError(
                    self.env._(
                        "A secret vote cannot allow changing votes: its ballots "
                        "are stored without their voters, so nobody can find the "
                        "ballot to change."
                    )
                )
            if not 0 <= survey.msom_quorum_percent <= 100:
                raise ValidationError(
                    self.env._("The quorum is a percentage between 0 and 100.")
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("msom_kind"):
                vals.setdefault("users_login_required", True)
                vals.setdefault("survey_type", "survey")
        surveys = super().create(vals_list)
        for survey in surveys.filtered(
            lambda s: s.msom_kind == "vote" and not s.msom_question_id
        ):
            survey._msom_create_resolution_question()
        return surveys

    def write(self, vals):
        locked = LOCKED_WHEN_OPEN.intersection(vals)
        if locked and not self.env.context.get("msom_vote_internal"):
            for survey in self.filtered(lambda s: s.msom_state in ("open", "closed")):
                changed = [
                    name
                    for name in locked
                    if survey._fields[name].convert_to_write(survey[name], survey)
                    != vals[name]
                ]
                if changed:
                    raise UserError(
                        self.env._(
                            "“%(title)s” is already open: its rules (%(fields)s) "
                            "can no longer be changed.",
                            title=survey.title,
                            fields=", ".join(
                                survey._fields[name]._description_string(self.env)
                                for name in changed
                            ),
                        )
                    )
        internal = self.env.context.get("msom_vote_internal")
        recorded = RECORDED_BY_THE_VOTE.intersection(vals)
        if recorded and not internal:
            self.check_access("write")
            raise UserError(
                self.env._(
                    "The status, eligibility and result of a vote are recorded "
                    "by opening and closing it, not edited (%(fields)s).",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in sorted(recorded)
                    ),
                )
            )
        if "msom_date_close" in vals and not internal:
            new_close = fields.Datetime.to_datetime(vals["msom_date_close"])
            for survey in self.filtered(lambda s: s.msom_state != "draft"):
                if survey.msom_state == "closed" or (
                    not new_close or new_close < survey.msom_date_close
                ):
                    raise UserError(
                        self.env._(
                            "“%(title)s” has been opened: its closing date can "
                            "only be moved later, never earlier.",
                            title=survey.title,
                        )
                    )
        result = super().write(vals)
        if vals.get("msom_kind") == "vote":
            for survey in self.filtered(lambda s: not s.msom_question_id):
                survey._msom_create_resolution_question()
        return result

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for survey, vals in zip(self, vals_list, strict=True):
            if survey.msom_kind == "vote":
                # The copied survey gets its own resolution question in create().
                vals.pop("question_and_page_ids", None)
        return vals_list

    def _msom_create_resolution_question(self):
        self.ensure_one()
        question = self.env["survey.question"].create(
            {
                "survey_id": self.id,
                "title": self.env._("Do you vote for the resolution?"),
                "question_type": "simple_choice",
                "constr_mandatory": True,
                "suggested_answer_ids": [
                    Command.create(
                        {"value": label, "msom_vote_value": value, "sequence": index}
                    )
                    for index, (value, label) in enumerate(self._msom_vote_labels())
                ],
            }
        )
        # The question and answers read the same in every installed language.
        for lang, _name in self.env["res.lang"].get_installed():
            in_lang = self.with_context(lang=lang)
            question.update_field_translations(
                "title", {lang: in_lang.env._("Do you vote for the resolution?")}
            )
            labels = dict(in_lang._msom_vote_labels())
            for answer in question.suggested_answer_ids:
                answer.update_field_translations(
                    "value", {lang: labels[answer.msom_vote_value]}
                )
        self.with_context(msom_vote_internal=True).msom_question_id = question

    def _msom_vote_labels(self):
        return [
            ("for", self.env._("For")),
            ("against", self.env._("Against")),
            ("abstain", self.env._("Abstain")),
        ]

    def _msom_vote_answers(self):
        """The for / against / abstain answers, keyed by their value."""
        self.ensure_one()
        return {
            answer.msom_vote_value: answer
            for answer in self.sudo().msom_question_id.suggested_answer_ids
            if answer.msom_vote_value
        }

    # ------------------------------------------------------------------
    # Opening: eligibility
    # ------------------------------------------------------------------

    def _msom_opening_date(self):
        """The calendar day (Polish time) on which eligibility is fixed."""
        self.ensure_one()
        moment = self.msom_date_open or fields.Datetime.now()
        tz_self = self.with_context(tz=self.env.user.tz or "Europe/Warsaw")
        return fields.Datetime.context_timestamp(tz_self, moment).date()

    def _msom_scope_domain(self):
        """Domain of the units (or of their occupancies) in the scope."""
        self.ensure_one()
        if self.msom_scope == "company":
            return Domain("company_id", "=", self.msom_company_id.id)
        return Domain(f"{self.msom_scope}_id", "=", self.msom_location_id.id)

    def _msom_scope_units(self):
        return (
            self.env["fsm.location"]
            .sudo()
            .search_fetch(
                Domain("location_level", "=", "unit") & self._msom_scope_domain(),
                ["common_share_numerator", "common_share_denominator"],
            )
        )

    def _msom_eligible_occupancies(self, on_date=None):
        """Occupancies that give a vote: target roles, current on the date."""
        self.ensure_one()
        Occupancy = self.env["msom.occupancy"].sudo()
        return Occupancy.search_fetch(
            Occupancy._current_domain(on_date or self._msom_opening_date())
            & self._msom_scope_domain()
            & Domain("role", "in", TARGET_ROLES[self.msom_target_group]),
            [
                "unit_id",
                "partner_id",
                "role",
                "is_voting_proxy",
                "share_numerator",
                "share_denominator",
            ],
            order="unit_id, id",
        )

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

    def _msom_eligible_vals(self):
        """Values of the eligible-voter records, one per vote.

        Returns (vals_list, scope_share) where scope_share is the exact sum of
        the shares in the common property of all units of the scope.
        """
        self.ensure_one()
        units = self._msom_scope_units()
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
        for occupancy in self._msom_eligible_occupancies():
            by_unit[occupancy.unit_id.id] |= occupancy
        vals_list = []
        if self.msom_weighting == "unit":
            for unit_id, occupancies in by_unit.items():
                vals_list.append(
                    self._msom_voter_vals(unit_id, occupancies, Fraction(1))
                )
            return vals_list, scope_share
        if self.msom_weighting == "share":
            for unit_id, occupancies in by_unit.items():
                weight = shares.get(unit_id, Fraction(0))
                vals_list += [
                    self._msom_voter_vals(unit_id, group, weight * part)
                    for group, part in self._msom_share_parts(occupancies)
                ]
            return vals_list, scope_share
        # Per capita: each person votes once, however many units they hold.
        # Owners who co-own a unit are one owner and vote through one proxy.
        seen = set()
        for unit_id, occupancies in by_unit.items():
            groups = []
            co_owners = occupancies.filtered(lambda o: o.role == "co_owner")
            if self.msom_target_group == "owners" and len(co_owners.partner_id) > 1:
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
                vals_list.append(self._msom_voter_vals(unit_id, group, Fraction(1)))
        return vals_list, scope_share

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

    def _msom_voter_vals(self, unit_id, occupancies, weight):
        representative = self._msom_representative(occupancies)
        return {
            "survey_id": self.id,
            "unit_id": unit_id,
            "partner_id": representative.id,
            "is_proxy": len(occupancies.partner_id) > 1,
            "weight_numerator": weight.numerator,
            "weight_denominator": weight.denominator,
        }

    def _msom_check_openable(self):
        self.ensure_one()
        if not self.msom_kind:
            raise UserError(
                self.env._(
                    "“%(title)s” is not a housing survey or vote.", title=self.title
                )
            )
        if self.msom_state != "draft":
            raise UserError(
                self.env._("“%(title)s” has already been opened.", title=self.title)
            )
        if not self.msom_date_open or not self.msom_date_close:
            raise UserError(
                self.env._(
                    "Set the opening and closing dates of “%(title)s” before "
                    "opening it.",
                    title=self.title,
                )
            )
        if self.msom_date_close <= fields.Datetime.now():
            raise UserError(
                self.env._(
                    "The closing date of “%(title)s” (%(close)s) has passed: set a "
                    "later one.",
                    title=self.title,
                    close=self.msom_date_close,
                )
            )
        if self.msom_kind == "vote" and len(self._msom_vote_answers()) != 3:
            raise UserError(
                self.env._(
                    "The resolution question of “%(title)s” must keep its For, "
                    "Against and Abstain answers.",
                    title=self.title,
                )
            )

    def _msom_shares_problem(self, vals_list, scope_share):
        """Warning text when a share-weighted vote cannot count on whole shares."""
        self.ensure_one()
        if self.msom_weighting != "share":
            return False
        problems = []
        if scope_share != 1:
            problems.append(
                self.env._(
                    "the shares in the common property of the units in the scope "
                    "add up to %(total)s, not 1",
                    total=format_fraction(scope_share),
                )
            )
        missing = sum(1 for vals in vals_list if not vals["weight_numerator"])
        if missing:
            problems.append(
                self.env._(
                    "%(count)s units with voters have no share recorded",
                    count=missing,
                )
            )
        if not problems:
            return False
        return self.env._(
            "In “%(title)s” %(problems)s. Per art. 23 ust. 2a of the act on the "
            "ownership of units, owners holding at least 1/5 of the shares may "
            "then demand one vote per owner: switch to per-capita voting, or "
            "open the vote by shares anyway.",
            title=self.title,
            problems="; ".join(problems),
        )

    def _msom_open(self, accept_shares=False):
        """Open the vote: fix the eligible voters and invite them.

        Raises UserError when nobody is eligible, or when shares do not sum to
        1 in a share-weighted vote unless ``accept_shares`` is set.
        """
        self.ensure_one()
        self._msom_check_openable()
        vals_list, scope_share = self._msom_eligible_vals()
        if not vals_list:
            raise UserError(
                self.env._(
                    "Nobody is entitled to vote in “%(title)s”: the scope has no "
                    "%(group)s with an occupancy current on %(date)s.",
                    title=self.title,
                    group=dict(
                        self._fields["msom_target_group"]._description_selection(
                            self.env
                        )
                    )[self.msom_target_group].lower(),
                    date=self._msom_opening_date(),
                )
            )
        if self.msom_weighting == "share" and not any(
            vals["weight_numerator"] for vals in vals_list
        ):
            raise UserError(
                self.env._(
                    "No unit with voters in “%(title)s” has a share in the common "
                    "property: record the shares or vote per capita.",
                    title=self.title,
                )
            )
        problem = self._msom_shares_problem(vals_list, scope_share)
        if problem and not accept_shares:
            raise UserError(problem)
        self.env["msom.vote.voter"].sudo().create(vals_list)
        eligible_weight = sum(
            (
                Fraction(vals["weight_numerator"], vals["weight_denominator"])
                for vals in vals_list
            ),
            Fraction(0),
        )
        vals = {
            "msom_state": "open",
            "msom_opened_on": fields.Datetime.now(),
            "msom_scope_share": format_fraction(scope_share),
            "msom_eligible_weight": format_fraction(eligible_weight),
            "msom_shares_warning": problem or False,
        }
        if self.msom_kind == "vote":
            self.env["msom.vote.tally"].sudo().create(
                [
                    {"survey_id": self.id, "answer_id": answer.id}
                    for answer in self._msom_vote_answers().values()
                ]
            )
        else:
            # Surveys are answered through Odoo's survey pages, once per
            # eligible person, after logging in (see _check_answer_creation).
            vals.update(
                access_mode="public",
                users_login_required=True,
                is_attempts_limited=True,
                attempts_limit=1,
            )
        self.with_context(msom_vote_internal=True).write(vals)
        self.message_post(
            body=self.env._(
                "Opened with %(count)s eligible voters (eligibility on %(date)s).",
                count=len(vals_list),
                date=self._msom_opening_date(),
            )
        )
        self._msom_trigger_mailing()
        return True

    def action_msom_open(self):
        self.ensure_one()
        self._msom_check_openable()
        vals_list, scope_share = self._msom_eligible_vals()
        problem = vals_list and self._msom_shares_problem(vals_list, scope_share)
        if problem:
            wizard = self.env["msom.vote.open.wizard"].create(
                {"survey_id": self.id, "message": problem}
            )
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Shares in the Common Property"),
                "res_model": "msom.vote.open.wizard",
                "res_id": wizard.id,
                "view_mode": "form",
                "target": "new",
            }
        self._msom_open()
        return True

    # ------------------------------------------------------------------
    # Voting
    # ------------------------------------------------------------------

    def _msom_check_voting_time(self, paper=False):
        self.ensure_one()
        now = fields.Datetime.now()
        if self.msom_state == "closed" or (
            not paper and self.msom_date_close and now > self.msom_date_close
        ):
            raise UserError(
                self.env._(
                    "“%(title)s” is closed: votes are no longer accepted.",
                    title=self.title,
                )
            )
        if self.msom_state != "open" or now < self.msom_date_open:
            raise UserError(
                self.env._("“%(title)s” is not open for voting yet.", title=self.title)
            )

    def _msom_find_voter(self, partner, voter=None):
        """The eligible record through which ``partner`` votes now."""
        self.ensure_one()
        Voter = self.env["msom.vote.voter"].sudo()
        if voter:
            voter = Voter.browse(voter.id if hasattr(voter, "id") else voter)
            if voter.survey_id != self or voter.partner_id != partner:
                voter = Voter
        else:
            voter = Voter.search(
                Domain("survey_id", "=", self.id)
                & Domain("partner_id", "=", partner.id)
            )
            if len(voter) > 1:
                pending = voter.filtered(lambda v: not v.has_voted)
                if len(pending) != 1:
                    raise UserError(
                        self.env._(
                            "You vote in “%(title)s” for several units: choose "
                            "the unit you are voting for.",
                            title=self.title,
                        )
                    )
                voter = pending
        if not voter:
            raise UserError(
                self.env._(
                    "You are not entitled to vote in “%(title)s”.", title=self.title
                )
            )
        return voter

    def _msom_cast_vote(
        self, answer, user=None, voter=None, channel="portal", reference=False
    ):
        """Record one vote; the single entry point for the portal and paper.

        ``answer`` is a survey.question.answer (or its id) of the resolution;
        ``user`` the voting user (the current one by default). Operators enter
        paper votes with ``channel="paper"``, the ``voter`` record and the
        ``reference`` of the paper card. Every rule is checked here, on the
        server, whatever the caller sent. Returns the ballot (sudo).
        """
        self.ensure_one()
        user = user or self.env.user
        paper = channel == "paper"
        is_operator = self.env.su or self.env.user.has_group(
            "msom_estate.group_msom_operator"
        )
        if paper and not is_operator:
            raise AccessError(self.env._("Only operators can enter paper votes."))
        if not paper and user != self.env.user and not self.env.su:
            raise AccessError(self.env._("You can only cast your own vote."))
        survey = self.sudo()
        if survey.msom_kind != "vote":
            raise UserError(
                self.env._("“%(title)s” is not a vote.", title=survey.title)
            )
        survey._msom_check_voting_time(paper=paper)
        answer_id = answer.id if hasattr(answer, "id") else answer
        answer = self.env["survey.question.answer"].sudo().browse(answer_id).exists()
        if not answer or answer.question_id != survey.msom_question_id:
            raise UserError(
                self.env._("This answer does not belong to “%(title)s”.",
                           title=survey.title)
            )  # fmt: skip
        if paper:
            voter = (
                self.env["msom.vote.voter"]
                .sudo()
                .browse(voter.id if hasattr(voter, "id") else voter)
            )
            if not voter.exists() or voter.survey_id != survey:
                raise UserError(
                    self.env._("Choose an eligible voter of “%(title)s”.",
                               title=survey.title)
                )  # fmt: skip
            if not reference:
                raise UserError(
                    self.env._(
                        "Record where the paper vote comes from (card number, "
                        "meeting, collector)."
                    )
                )
        else:
            voter = survey._msom_find_voter(user.partner_id, voter)
        return survey._msom_record_ballot(voter, answer, channel, reference)

    def _msom_record_ballot(self, voter, answer, channel, reference):
        self.ensure_one()
        Ballot = self.env["msom.vote.ballot"].sudo()
        # Lock the voter: two requests at once cannot both cast its vote.
        self.env["msom.vote.voter"].flush_model()
        self.env.cr.execute(
            "SELECT has_voted FROM msom_vote_voter WHERE id = %s FOR UPDATE",
            [voter.id],
        )
        has_voted = self.env.cr.fetchone()[0]
        voter.invalidate_recordset(["has_voted"])
        weight = voter._msom_weight()
        now = fields.Datetime.now()
        open_vals = {
            "voted_at": now,
            "channel": channel,
            "reference": reference or False,
            "entered_by_id": self.env.user.id if channel == "paper" else False,
        }
        if has_voted:
            if not self.msom_allow_change:
                raise UserError(
                    self.env._(
                        "The vote of %(voter)s in “%(title)s” has already been "
                        "cast and cannot be changed.",
                        voter=voter._msom_label(),
                        title=self.title,
                    )
                )
            ballot = Ballot.search(Domain("voter_id", "=", voter.id))
            if ballot.answer_id != answer:
                self._msom_tally_add(ballot.answer_id, -weight, -1)
                self._msom_tally_add(answer, weight, 1)
            ballot.write(dict(open_vals, answer_id=answer.id))
            return ballot
        vals = {
            "survey_id": self.id,
            "answer_id": answer.id,
            "is_secret": self.msom_secret,
        }
        if not self.msom_secret:
            vals.update(open_vals, voter_id=voter.id)
        ballot = Ballot.create(vals)
        self._msom_tally_add(answer, weight, 1)
        voter.with_context(msom_vote_internal=True).write(
            {
                "has_voted": True,
                "vote_channel": channel,
                "paper_reference": reference if channel == "paper" else False,
            }
        )
        return ballot

    def _msom_tally_add(self, answer, weight, count):
        """Add a weight to the running total of an answer, exactly."""
        self.ensure_one()
        Tally = self.env["msom.vote.tally"]
        Tally.flush_model()
        self.env.cr.execute(
            "SELECT id, weight_sum FROM msom_vote_tally"
            " WHERE survey_id = %s AND answer_id = %s FOR UPDATE",
            [self.id, answer.id],
        )
        tally_id, weight_sum = self.env.cr.fetchone()
        self.env.cr.execute(
            "UPDATE msom_vote_tally SET ballot_count = ballot_count + %s,"
            " weight_sum = %s WHERE id = %s",
            [count, format_fraction(parse_fraction(weight_sum) + weight), tally_id],
        )
        Tally.invalidate_model(["ballot_count", "weight_sum"])

    def _check_answer_creation(
        self,
        user,
        partner,
        email,
        test_entry=False,
        check_attempts=True,
        invite_token=False,
    ):
        """Housing surveys: only eligible persons, only while open."""
        result = super()._check_answer_creation(
            user, partner, email, test_entry=test_entry,
            check_attempts=check_attempts, invite_token=invite_token,
        )  # fmt: skip
        if self.msom_kind == "survey" and not test_entry:
            self._msom_check_voting_time()
            respondent = partner or (user and user.partner_id)
            if not respondent or not self.env["msom.vote.voter"].sudo().search_count(
                Domain("survey_id", "=", self.id)
                & Domain("partner_id", "=", respondent.id),
                limit=1,
            ):
                raise UserError(
                    self.env._(
                        "You are not entitled to answer “%(title)s”.",
                        title=self.title,
                    )
                )
        return result

    # ------------------------------------------------------------------
    # Turnout, result, closing
    # ------------------------------------------------------------------

    def _msom_weight_sum(self, extra_where=""):
        """Exact sum of the voters' weights, grouped by denominator in SQL."""
        self.ensure_one()
        self.env["msom.vote.voter"].flush_model()
        self.env.cr.execute(
            "SELECT weight_denominator, SUM(weight_numerator), COUNT(*)"
            " FROM msom_vote_voter WHERE survey_id = %s" + extra_where +  # noqa: ISC003
            " GROUP BY weight_denominator",
            [self.id],
        )  # fmt: skip
        total, count = Fraction(0), 0
        for denominator, numerator, rows in self.env.cr.fetchall():
            total += Fraction(int(numerator), denominator or 1)
            count += rows
        return total, count

    def _msom_turnout_figures(self):
        if not self.id or self.msom_state == "draft":
            zero = Fraction(0)
            return {
                "eligible_count": 0, "voted_count": 0,
                "eligible_weight": zero, "voted_weight": zero,
            }  # fmt: skip
        eligible_weight, eligible_count = self._msom_weight_sum()
        voted_weight, voted_count = self._msom_weight_sum(" AND has_voted")
        return {
            "eligible_count": eligible_count,
            "voted_count": voted_count,
            "eligible_weight": eligible_weight,
            "voted_weight": voted_weight,
        }

    def _msom_answer_totals(self):
        """{value: (count, exact weight)} of the votes cast.

        Open votes are recounted from the ballots and their voters' weights;
        secret ballots carry no voter, so their weights come from the tallies
        kept while voting.
        """
        self.ensure_one()
        answers = self._msom_vote_answers()
        value_of = {answer.id: value for value, answer in answers.items()}
        totals = {value: [0, Fraction(0)] for value in VOTE_VALUES}
        self.env["msom.vote.ballot"].flush_model()
        self.env["msom.vote.tally"].flush_model()
        if self.msom_secret:
            self.env.cr.execute(
                "SELECT answer_id, ballot_count, weight_sum FROM msom_vote_tally"
                " WHERE survey_id = %s",
                [self.id],
            )
            for answer_id, count, weight in self.env.cr.fetchall():
                totals[value_of[answer_id]][0] += count
                totals[value_of[answer_id]][1] += parse_fraction(weight)
            # The tallies must agree with the anonymous ballots.
            self.env.cr.execute(
                "SELECT answer_id, COUNT(*) FROM msom_vote_ballot"
                " WHERE survey_id = %s GROUP BY answer_id",
                [self.id],
            )
            counted = {
                value_of[answer_id]: n for answer_id, n in self.env.cr.fetchall()
            }
            if any(counted.get(value, 0) != totals[value][0] for value in VOTE_VALUES):
                raise UserError(
                    self.env._(
                        "The ballots of “%(title)s” do not match its tallies; "
                        "the result cannot be computed. Contact the administrator.",
                        title=self.title,
                    )
                )
        else:
            self.env.cr.execute(
                "SELECT b.answer_id, v.weight_denominator, SUM(v.weight_numerator),"
                "       COUNT(*)"
                "  FROM msom_vote_ballot b JOIN msom_vote_voter v ON v.id = b.voter_id"
                " WHERE b.survey_id = %s"
                " GROUP BY b.answer_id, v.weight_denominator",
                [self.id],
            )
            for answer_id, denominator, numerator, count in self.env.cr.fetchall():
                totals[value_of[answer_id]][0] += count
                totals[value_of[answer_id]][1] += Fraction(int(numerator), denominator)
        return {value: tuple(total) for value, total in totals.items()}

    def _msom_compute_result(self):
        """The result by the vote's rule, in exact fractions."""
        self.ensure_one()
        totals = self._msom_answer_totals()
        eligible_weight, eligible_count = self._msom_weight_sum()
        voted_count = sum(count for count, _weight in totals.values())
        voted_weight = sum((weight for _count, weight in totals.values()), Fraction(0))
        base = {
            "shares": parse_fraction(self.msom_scope_share),
            "eligible": eligible_weight,
            "voted": voted_weight,
        }[self.msom_majority]
        quorum = Fraction(self.msom_quorum_percent, 100)
        quorum_met = not quorum or (
            eligible_weight > 0 and voted_weight >= quorum * eligible_weight
        )
        for_weight = totals["for"][1]
        if not quorum_met:
            result = "no_quorum"
        elif base > 0 and for_weight * 2 > base:
            result = "adopted"
        else:
            result = "rejected"
        return {
            "result": result,
            "majority": self.msom_majority,
            "base": format_fraction(base),
            "needed": format_fraction(base / 2),
            "eligible_count": eligible_count,
            "eligible_weight": format_fraction(eligible_weight),
            "voted_count": voted_count,
            "voted_weight": format_fraction(voted_weight),
            "quorum_percent": self.msom_quorum_percent,
            "quorum_met": quorum_met,
            "answers": {
                value: {"count": count, "weight": format_fraction(weight)}
                for value, (count, weight) in totals.items()
            },
        }

    def _msom_close(self):
        self.ensure_one()
        if self.msom_state == "draft":
            raise UserError(
                self.env._(
                    "“%(title)s” has not been opened: it cannot be closed.",
                    title=self.title,
                )
            )
        if self.msom_state == "closed":
            raise UserError(
                self.env._("“%(title)s” is already closed.", title=self.title)
            )
        now = fields.Datetime.now()
        if now < self.msom_date_close:
            pending = self.env["msom.vote.voter"].search_count(
                Domain("survey_id", "=", self.id) & Domain("has_voted", "=", False),
                limit=1,
            )
            if pending:
                raise UserError(
                    self.env._(
                        "“%(title)s” is open until %(close)s and not everybody has "
                        "voted yet: it cannot be closed before then.",
                        title=self.title,
                        close=self.msom_date_close,
                    )
                )
        vals = {"msom_state": "closed", "msom_closed_on": now}
        if self.msom_kind == "vote":
            data = self._msom_compute_result()
            vals.update(msom_result=data["result"], msom_result_data=data)
        self.with_context(msom_vote_internal=True).write(vals)
        if self.msom_kind == "vote":
            self.message_post(body=self._msom_result_summary())
        self._msom_trigger_mailing()
        return True

    def action_msom_close(self):
        for survey in self:
            survey._msom_close()
        return True

    def _msom_result_summary(self):
        """One line: the result with the votes for, against and abstaining."""
        self.ensure_one()
        data = self.msom_result_data or {}
        if not data:
            return ""
        labels = dict(self._fields["msom_result"]._description_selection(self.env))
        figures = self._msom_result_lines()
        return self.env._(
            "%(result)s. For: %(for)s, against: %(against)s, abstaining: %(abstain)s.",
            result=labels[data["result"]],
            **{line["value"]: line["summary"] for line in figures},
        )

    def _msom_result_lines(self):
        """For / against / abstain lines of a closed vote, for display."""
        self.ensure_one()
        data = self.msom_result_data or {}
        labels = dict(self._msom_vote_labels())
        base = parse_fraction(data.get("eligible_weight"))
        lines = []
        for value in VOTE_VALUES:
            figures = data.get("answers", {}).get(value, {"count": 0, "weight": "0"})
            weight = parse_fraction(figures["weight"])
            summary = self.env._(
                "%(count)s votes, weight %(weight)s (%(percent)s%% of eligible)",
                count=figures["count"],
                weight=figures["weight"],
                percent=percent(weight, base),
            )
            lines.append(
                {
                    "value": value,
                    "label": labels[value],
                    "count": figures["count"],
                    "weight": figures["weight"],
                    "percent": percent(weight, base),
                    "summary": summary,
                }
            )
        return lines

    def _msom_result_notice(self):
        """The sentence that explains the result by the rule (protocol, mail)."""
        self.ensure_one()
        data = self.msom_result_data or {}
        if not data:
            return ""
        rule = dict(self._fields["msom_majority"]._description_selection(self.env))[
            data["majority"]
        ]
        return self.env._(
            "Rule: %(rule)s. Votes for: %(for)s; needed: more than %(needed)s "
            "(half of %(base)s). Turnout: %(voted)s of %(eligible)s eligible votes "
            "(weight %(voted_weight)s of %(eligible_weight)s)%(quorum)s.",
            rule=rule,
            needed=data["needed"],
            base=data["base"],
            voted=data["voted_count"],
            eligible=data["eligible_count"],
            voted_weight=data["voted_weight"],
            eligible_weight=data["eligible_weight"],
            quorum=self.env._(", quorum %(q)s%% %(met)s", q=data["quorum_percent"],
                              met=self.env._("met") if data["quorum_met"]
                              else self.env._("not met"))
            if data["quorum_percent"] else "",
            **{"for": data["answers"]["for"]["weight"]},
        )  # fmt: skip

    def _msom_protocol_votes(self):
        """Who voted how, for the protocol of an open vote (empty if secret)."""
        self.ensure_one()
        if self.msom_secret:
            return self.env["msom.vote.ballot"]
        return self.sudo().msom_ballot_ids.sorted(
            lambda b: (b.voter_id.unit_id.complete_name or "", b.voter_id.id)
        )

    def action_msom_print_protocol(self):
        self.ensure_one()
        if self.msom_state != "closed":
            raise UserError(
                self.env._(
                    "The result protocol of “%(title)s” is available once the "
                    "vote is closed.",
                    title=self.title,
                )
            )
        return self.env.ref("msom_survey.action_report_vote_protocol").report_action(
            self
        )

    def action_msom_paper_vote(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Enter a Paper Vote"),
            "res_model": "msom.vote.paper.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_survey_id": self.id},
        }

    def action_msom_edit_questions(self):
        """Questions of a housing survey are edited in Odoo's survey form."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "survey.survey",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("survey.survey_survey_view_form").id, "form")],
        }

    def action_msom_view_voters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "msom_survey.action_msom_vote_voter"
        )
        action["domain"] = [("survey_id", "=", self.id)]
        action["context"] = {"default_survey_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Mailing: invitations, reminders, results (batched by the cron)
    # ------------------------------------------------------------------

    def _msom_trigger_mailing(self):
        cron = self.env.ref("msom_survey.ir_cron_msom_vote_mailing", False)
        if cron:
            cron.sudo()._trigger()

    def _msom_pending_mail_domains(self):
        """(template xmlid, flag field, domain of voters) still to be mailed."""
        now = fields.Datetime.now()
        Survey = self.sudo()
        open_surveys = Survey.search(Domain("msom_state", "=", "open"))
        reminded = open_surveys.filtered(
            lambda s: (
                s.msom_reminder_days
                and s.msom_date_close - timedelta(days=s.msom_reminder_days)
                <= now
                < s.msom_date_close
            )
        )
        closed_votes = Survey.search(
            Domain("msom_state", "=", "closed") & Domain("msom_kind", "=", "vote")
        )
        with_partner = Domain("partner_id", "!=", False)
        return [
            (
                "msom_survey.mail_template_vote_invitation",
                "invitation_sent",
                Domain("survey_id", "in", open_surveys.ids) & with_partner,
            ),
            (
                "msom_survey.mail_template_vote_reminder",
                "reminder_sent",
                Domain("survey_id", "in", reminded.ids)
                & Domain("has_voted", "=", False)
                & with_partner,
            ),
            (
                "msom_survey.mail_template_vote_result",
                "result_sent",
                Domain("survey_id", "in", closed_votes.ids) & with_partner,
            ),
        ]

    @api.model
    def _msom_send_pending_mails(self, limit=MAIL_BATCH):
        """Queue up to ``limit`` invitations, reminders and result notices.

        Returns how many voters were mailed. Mails go out through Odoo's mail
        queue; every voter is flagged so that nobody gets the same mail twice.
        """
        Voter = self.env["msom.vote.voter"].sudo()
        done = 0
        for xmlid, flag, domain in self._msom_pending_mail_domains():
            if done >= limit:
                break
            voters = Voter.search(domain & Domain(flag, "=", False), limit=limit - done)
            if not voters:
                continue
            template = self.env.ref(xmlid).sudo()
            template.send_mail_batch(voters.ids)
            voters.with_context(msom_vote_internal=True).write({flag: True})
            done += len(voters)
        return done

    @api.model
    def _cron_msom_vote_mailing(self):
        cron = self.env["ir.cron"]
        while True:
            done = self._msom_send_pending_mails()
            if not done or cron._commit_progress(done) <= 0:
                break

    # ------------------------------------------------------------------
    # Resident API (portal)
    # ------------------------------------------------------------------

    @api.model
    def _msom_portal_votes(self, user=None):
        """Open and closed votes and surveys the user may see, newest first."""
        user = user or self.env.user
        return (
            self.with_user(user)
            .search(
                Domain("msom_kind", "!=", False)
                & Domain("msom_state", "in", ("open", "closed")),
                order="msom_date_close desc, id desc",
            )
            .sudo(False)
        )

    # ------------------------------------------------------------------
    # Access of portal users
    # ------------------------------------------------------------------

    @api.model
    def _has_field_access(self, field, operation):
        if not super()._has_field_access(field, operation):
            return False
        return (
            field.name not in ANSWERING_TOKENS
            or self.env.su
            or not self.env.user._is_portal()
        )

    def _create_answer(self, *args, **kwargs):
        # A survey answer stores who answered what: a ballot is never one.
        if any(survey.msom_kind == "vote" for survey in self):
            raise UserError(
                self.env._("A vote is cast in the resident portal, not as a survey.")
            )
        return super()._create_answer(*args, **kwargs)

    def _msom_portal_info(self, user=None):
        """What the portal shows for one vote, read with the user's rights."""
        self.ensure_one()
        user = user or self.env.user
        survey = self.with_user(user)
        survey.check_access("read")
        voters = (
            self.env["msom.vote.voter"]
            .with_user(user)
            .search(
                Domain("survey_id", "=", self.id)
                & Domain("partner_id", "=", user.partner_id.id)
            )
        )
        now = fields.Datetime.now()
        is_open = (
            self.msom_state == "open"
            and self.msom_date_open <= now <= self.msom_date_close
        )
        return {
            "survey": self.sudo(),
            "voters": voters,
            "answers": self._msom_vote_answers() if self.msom_kind == "vote" else {},
            # Labels in the resident's language, whatever the answers hold.
            "labels": dict(
                self.with_context(lang=user.lang or self.env.lang)._msom_vote_labels()
            ),
            "is_open": is_open,
            "can_vote": is_open
            and any(not voter.has_voted or self.msom_allow_change for voter in voters),
            "result_lines": self._msom_result_lines()
            if self.msom_state == "closed" and self.msom_kind == "vote"
            else [],
        }

    # ------------------------------------------------------------------
    # Demo
    # ------------------------------------------------------------------

    @api.model
    def _msom_generate_demo(self):
        """An open and a closed vote on the demo cooperative (Os. Stegny)."""
        if demo_generated_before(self.env, "msom_survey"):
            return self.browse()
        estate = self.env["fsm.location"].search(
            [("location_level", "=", "estate"), ("name", "=", "Os. Stegny")], limit=1
        )
        if not estate:
            return self.browse()
        building = self.env["fsm.location"].search(
            [("building_id.parent_id", "=", estate.id),
             ("location_level", "=", "building"),
             ("name", "=", "ul. Bernardyńska 12")],
            limit=1,
        )  # fmt: skip
        rng = random.Random(2026)
        now = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        resident = self.env.ref("msom_estate.partner_demo_resident", False)
        Survey = self.with_context(tracking_disable=True, mail_notrack=True)
        open_vote = Survey.create(
            {
                "title": "Zgoda na montaż paneli fotowoltaicznych na dachu",
                "msom_kind": "vote",
                "msom_scope": "building" if building else "estate",
                "msom_location_id": (building or estate).id,
                "msom_date_open": now - timedelta(days=3),
                "msom_date_close": now + timedelta(days=14),
                "msom_target_group": "owners",
                "msom_weighting": "unit",
                "msom_majority": "eligible",
                "msom_allow_change": True,
                "msom_resolution_number": "12/2026",
                "msom_resolution_text": (
                    "<p>Właściciele lokali w budynku przy ul. Bernardyńskiej 12 "
                    "wyrażają zgodę na montaż instalacji fotowoltaicznej o mocy "
                    "do 40 kWp na dachu budynku. Energia zasili oświetlenie "
                    "klatek schodowych i dźwig; koszt pokryje fundusz remontowy "
                    "budynku.</p>"
                ),
            }
        )
        open_vote._msom_open()
        voters = open_vote.msom_voter_ids.filtered(
            lambda v: v.partner_id and v.partner_id != resident
        )
        open_vote._msom_demo_votes(voters[: len(voters) * 2 // 5], rng)
        closed_vote = Survey.create(
            {
                "title": "Plan gospodarczy Os. Stegny na 2026 rok",
                "msom_kind": "vote",
                "msom_scope": "estate",
                "msom_location_id": estate.id,
                "msom_date_open": now - timedelta(days=45),
                "msom_date_close": now + timedelta(hours=1),
                "msom_target_group": "members",
                "msom_weighting": "capita",
                "msom_majority": "voted",
                "msom_resolution_number": "3/2026",
                "msom_resolution_text": (
                    "<p>Przyjmuje się plan gospodarczy Osiedla Stegny na 2026 rok "
                    "z kosztami eksploatacji 4,85 zł/m² miesięcznie i odpisem na "
                    "fundusz remontowy 3,20 zł/m² miesięcznie.</p>"
                ),
            }
        )
        closed_vote._msom_open()
        voters = closed_vote.msom_voter_ids.filtered("partner_id")
        closed_vote._msom_demo_votes(voters[: len(voters) * 3 // 5], rng)
        closed_vote.with_context(msom_vote_internal=True).write(
            {"msom_date_close": now - timedelta(days=15)}
        )
        closed_vote._msom_close()
        return open_vote | closed_vote

    def _msom_demo_votes(self, voters, rng):
        self.ensure_one()
        answers = self._msom_vote_answers()
        for voter in voters:
            value = rng.choices(["for", "against", "abstain"], [7, 2, 1])[0]
            channel = "paper" if rng.random() < 0.2 else "portal"
            self._msom_record_ballot(
                voter, answers[value], channel,
                "karta zebrana przez administrację" if channel == "paper" else False,
            )  # fmt: skip
