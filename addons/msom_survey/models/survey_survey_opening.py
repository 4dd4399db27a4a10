# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from fractions import Fraction

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..tools import format_fraction

TARGET_ROLES = {
    "owners": ("owner", "co_owner"),
    "residents": ("owner", "co_owner", "member", "tenant", "resident"),
    "members": ("member",),
}


class SurveySurvey(models.Model):
    """Opening a vote or survey: its scope and the voters fixed on that day."""

    _inherit = "survey.survey"  # pylint: disable=consider-merging-classes-inherited

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
        vals_list, scope_share = self.env["msom.vote.voter"]._msom_eligible_vals(self)
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
            self.env["msom.vote.tally"]._msom_create_for(self)
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
        vals_list, scope_share = self.env["msom.vote.voter"]._msom_eligible_vals(self)
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
