# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from fractions import Fraction

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

OWNER_ROLES = ("owner", "co_owner")


class MsomOccupancy(models.Model):
    """Who holds or uses a unit, in which role, for which period."""

    _name = "msom.occupancy"
    _description = "Unit Occupancy"
    _inherit = ["mail.thread"]
    _order = "unit_id, date_from desc, id"
    _rec_name = "partner_id"

    unit_id = fields.Many2one(
        "fsm.location",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("location_level", "=", "unit")],
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    role = fields.Selection(
        [
            ("owner", "Owner"),
            ("co_owner", "Co-owner"),
            ("member", "Cooperative Member"),
            ("tenant", "Tenant"),
            ("resident", "Household Member"),
        ],
        required=True,
        default="owner",
        tracking=True,
    )
    share_numerator = fields.Integer(
        string="Share in Unit (numerator)", default=1, tracking=True
    )
    share_denominator = fields.Integer(
        string="Share in Unit (denominator)", default=1, tracking=True
    )
    date_from = fields.Date(
        string="From", required=True, default=fields.Date.context_today, tracking=True
    )
    date_to = fields.Date(string="To", tracking=True)
    is_current = fields.Boolean(
        string="Current", compute="_compute_is_current", search="_search_is_current"
    )
    is_voting_proxy = fields.Boolean(
        string="Voting Proxy",
        help="Co-owner designated to vote for the unit when votes are cast per "
        "owner (art. 23 ust. 2b of the act on the ownership of units).",
    )
    staircase_id = fields.Many2one(related="unit_id.staircase_id", store=True)
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        index=True,
    )
    note = fields.Text()

    _date_order = models.Constraint(
        "CHECK(date_to IS NULL OR date_to >= date_from)",
        lambda env, diag: env._("The end date cannot be before the start date."),
    )

    @api.depends("unit_id.company_id")
    def _compute_company_id(self):
        for occupancy in self:
            occupancy.company_id = occupancy.unit_id.company_id or self.env.company

    @api.depends("date_from", "date_to")
    @api.depends_context("msom_date")
    def _compute_is_current(self):
        today = self._reference_date()
        for occupancy in self:
            occupancy.is_current = occupancy.date_from <= today and (
                not occupancy.date_to or occupancy.date_to >= today
            )

    def _search_is_current(self, operator, value):
        if operator not in ("=", "in"):
            return NotImplemented
        return self._current_domain()

    @api.model
    def _reference_date(self):
        return self.env.context.get("msom_date") or fields.Date.context_today(self)

    @api.model
    def _current_domain(self, on_date=None):
        on_date = on_date or self._reference_date()
        return Domain("date_from", "<=", on_date) & (
            Domain("date_to", "=", False) | Domain("date_to", ">=", on_date)
        )

    @api.constrains("unit_id")
    def _check_unit_level(self):
        for occupancy in self:
            if occupancy.unit_id.location_level != "unit":
                raise ValidationError(
                    self.env._(
                        "Occupancy can only be recorded on a unit, not on "
                        "“%(location)s”.",
                        location=occupancy.unit_id.display_name,
                    )
                )

    @api.constrains("share_numerator", "share_denominator")
    def _check_share(self):
        for occupancy in self:
            if (
                occupancy.share_denominator <= 0
                or occupancy.share_numerator <= 0
                or occupancy.share_numerator > occupancy.share_denominator
            ):
                raise ValidationError(
                    self.env._(
                        "The share of %(person)s in %(unit)s must be a fraction "
                        "greater than 0 and at most 1 (got %(num)s/%(den)s).",
                        person=occupancy.partner_id.display_name,
                        unit=occupancy.unit_id.display_name,
                        num=occupancy.share_numerator,
                        den=occupancy.share_denominator,
                    )
                )

    @api.constrains("unit_id", "partner_id", "role", "date_from", "date_to")
    def _check_no_overlap(self):
        # One query for the whole batch: bulk imports create thousands at once.
        self.flush_model(["unit_id", "partner_id", "role", "date_from", "date_to"])
        rows = self.env.execute_query(
            SQL(
                """SELECT mine.id FROM msom_occupancy mine
                   JOIN msom_occupancy other
                     ON other.unit_id = mine.unit_id
                    AND other.partner_id = mine.partner_id
                    AND other.role = mine.role
                    AND other.id != mine.id
                    AND (other.date_to IS NULL OR other.date_to >= mine.date_from)
                    AND (mine.date_to IS NULL OR other.date_from <= mine.date_to)
                  WHERE mine.id IN %s
                  LIMIT 1""",
                tuple(self.ids),
            )
        )
        if rows:
            occupancy = self.browse(rows[0][0])
            raise ValidationError(
                self.env._(
                    "%(person)s already holds the role “%(role)s” in %(unit)s "
                    "in an overlapping period.",
                    person=occupancy.partner_id.display_name,
                    role=dict(self._fields["role"]._description_selection(self.env))[
                        occupancy.role
                    ],
                    unit=occupancy.unit_id.display_name,
                )
            )

    @api.constrains(
        "unit_id",
        "role",
        "share_numerator",
        "share_denominator",
        "date_from",
        "date_to",
    )
    def _check_owner_shares(self):
        """Owners' shares of one unit never add up to more than the whole."""
        owners = self.filtered(lambda o: o.role in OWNER_ROLES)
        if not owners:
            return
        owners_by_unit = defaultdict(list)
        for owner in self.search(
            Domain("unit_id", "in", owners.unit_id.ids)
            & Domain("role", "in", OWNER_ROLES)
        ):
            owners_by_unit[owner.unit_id].append(owner)
        for unit, unit_owners in owners_by_unit.items():
            if len(unit_owners) > 1:
                self._check_unit_owner_shares(unit, unit_owners)

    def _check_unit_owner_shares(self, unit, owners):
        # The sum can only grow on a start date, so checking every start date
        # covers every day.
        for day in {owner.date_from for owner in owners}:
            total = sum(
                (
                    Fraction(owner.share_numerator, owner.share_denominator)
                    for owner in owners
                    if owner.date_from <= day
                    and (not owner.date_to or owner.date_to >= day)
                ),
                Fraction(0),
            )
            if total > 1:
                raise ValidationError(
                    self.env._(
                        "The owners' shares of %(unit)s add up to %(total)s on "
                        "%(day)s, more than the whole unit.",
                        unit=unit.display_name,
                        total=f"{total.numerator}/{total.denominator}",
                        day=day,
                    )
                )
