# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MsomServiceContact(models.Model):
    """Office contacts and emergency phones for a company, estate or building."""

    _name = "msom.service.contact"
    _description = "Office or Emergency Contact"
    _order = "sequence, kind, id"

    kind = fields.Selection(
        [
            ("office", "Office"),
            ("administrator", "Administrator"),
            ("water", "Water Emergency"),
            ("gas", "Gas Emergency"),
            ("electric", "Electrical Emergency"),
            ("lift", "Lift Emergency"),
            ("heating", "Heating Emergency"),
        ],
        required=True,
        default="office",
    )
    name = fields.Char(required=True, translate=True)
    phone = fields.Char()
    email = fields.Char()
    address = fields.Char()
    opening_hours = fields.Char(translate=True)
    note = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    location_id = fields.Many2one(
        "fsm.location",
        string="Estate or Building",
        index=True,
        ondelete="cascade",
        domain=[("location_level", "in", ("estate", "building"))],
        help="Leave empty for a contact that applies to the whole company.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("name", "phone", "email")
    def _check_reachable(self):
        for contact in self:
            if not contact.phone and not contact.email:
                raise ValidationError(
                    self.env._(
                        "Contact “%(name)s” needs a phone number or an e-mail.",
                        name=contact.name,
                    )
                )

    @api.constrains("location_id")
    def _check_location_level(self):
        for contact in self.filtered("location_id"):
            if contact.location_id.location_level not in ("estate", "building"):
                raise ValidationError(
                    self.env._(
                        "Contacts are defined per company, estate or building, "
                        "not for “%(location)s”.",
                        location=contact.location_id.display_name,
                    )
                )
