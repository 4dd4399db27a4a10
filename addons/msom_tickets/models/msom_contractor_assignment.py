# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class MsomContractorAssignment(models.Model):
    """Which contractor company serves a building or an estate.

    A ticket takes the contractor of the most specific rule: its building and
    case group, its building (any group), its estate and case group, its estate,
    and finally the case group's default contractor.
    """

    _name = "msom.contractor.assignment"
    _description = "Contractor Assignment by Building"
    _order = "location_id, category_id"

    location_id = fields.Many2one(
        "fsm.location",
        string="Building or Estate",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("location_level", "in", ("estate", "building"))],
    )
    category_id = fields.Many2one(
        "fsm.category",
        string="Case Group",
        ondelete="cascade",
        help="Leave empty for every case group.",
    )
    contractor_id = fields.Many2one(
        "res.partner",
        string="Contractor Company",
        required=True,
        domain=[("is_contractor", "=", True)],
    )
    company_id = fields.Many2one(
        related="location_id.company_id", store=True, index=True
    )

    _location_category_uniq = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (location_id, category_id)",
        lambda env, diag: env._(
            "This building or estate already has a contractor for this case group."
        ),
    )

    @api.constrains("location_id", "contractor_id")
    def _check_assignment(self):
        for rule in self:
            if rule.location_id.location_level not in ("estate", "building"):
                raise ValidationError(
                    self.env._(
                        "Contractors are assigned to a building or an estate, not to "
                        "“%(name)s”.",
                        name=rule.location_id.display_name,
                    )
                )
            if not rule.contractor_id.is_contractor:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not marked as a contractor company.",
                        partner=rule.contractor_id.display_name,
                    )
                )

    @api.model
    def _contractors_for(self, tickets):
        """{ticket: contractor} for the tickets an assignment covers."""
        places = tickets.location_id.building_id | tickets.location_id.estate_id
        if not places:
            return {}
        rules = self.sudo().search(Domain("location_id", "in", places.ids))
        if not rules:
            return {}
        by_key = {(r.location_id.id, r.category_id.id): r.contractor_id for r in rules}
        result = {}
        for ticket in tickets:
            location = ticket.location_id
            category = ticket.category_id.id or False
            for key in (
                (location.building_id.id, category),
                (location.building_id.id, False),
                (location.estate_id.id, category),
                (location.estate_id.id, False),
            ):
                if key[0] and key in by_key:
                    result[ticket] = by_key[key]
                    break
        return result
