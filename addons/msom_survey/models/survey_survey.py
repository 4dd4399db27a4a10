# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import format_fraction, percent

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


class SurveySurvey(models.Model):
    """Surveys (ankiety) and resolution votes (głosowania) of a housing company.

    A vote is a survey with one simple-choice question (for / against /
    abstain). Opening it fixes the eligible voters from occupancy on the
    opening date; ballots are mSOM records, not survey answers, so that a
    secret ballot carries no trace of its voter.

    This file holds the fields, their rules and the resolution question; the
    rest of a vote's life is split by concern: ``survey_survey_opening``
    (eligibility), ``survey_survey_voting``, ``survey_survey_result``
    (turnout, closing, protocol), ``survey_survey_mailing`` and
    ``survey_survey_portal``. Casting, tallies and eligible voters live on
    their own models (``msom.vote.ballot``, ``msom.vote.tally``,
    ``msom.vote.voter``).
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
