# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

CALCULATION_KEYS = [
    ("area", "Per m² of usable area"),
    ("person", "Per registered person"),
    ("unit", "Per unit"),
    ("share", "By share in the common property"),
    ("fixed", "Fixed amount"),
    ("meter", "By meter reading (advance)"),
]
ADVANCE_KEYS = [
    ("area", "Per m² of usable area"),
    ("person", "Per registered person"),
    ("unit", "Per unit"),
]


class MsomChargeComponent(models.Model):
    """One component of the monthly charges (składnik opłat)."""

    _name = "msom.charge.component"
    _description = "Charge Component"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, size=16)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    calculation_key = fields.Selection(
        CALCULATION_KEYS,
        required=True,
        default="area",
        help="Per m²: rate × usable area. Per person: rate × registered persons. "
        "Per unit: the rate for each unit. By share: the rate is the monthly "
        "total of the property, split by the units' shares in the common "
        "property. Fixed: the amount set on the rate, whatever the unit. By "
        "meter: advances (by the advance key) until meter readings are "
        "settled.",
    )
    advance_key = fields.Selection(
        ADVANCE_KEYS,
        default="person",
        help="How the monthly advance of a metered component is computed.",
    )
    account_id = fields.Many2one(
        "account.account",
        string="Income Account",
        required=True,
        check_company=True,
        domain=[
            ("account_type", "in", ("income", "income_other", "liability_current"))
        ],
    )
    tax_ids = fields.Many2many(
        "account.tax",
        string="Commercial Taxes",
        check_company=True,
        domain=[("type_tax_use", "=", "sale")],
        help="VAT of the component for commercial units (Polish chart: 23 % for "
        "upkeep, repair fund, heating, intercom and lift, 8 % for water, sewage "
        "and waste collection).",
    )
    residential_tax_id = fields.Many2one(
        "account.tax",
        check_company=True,
        domain=[("type_tax_use", "=", "sale"), ("amount", "=", 0)],
        help="The VAT treatment of the component for residential units, garages "
        "and storage rooms: the exemption (zw, art. 43 ust. 1 pkt 36 of the VAT "
        "act) or empty when the charge is out of the scope of VAT. Charges "
        "without a tax post in bulk; exempt ones through the accounting "
        "engine, which records them for the VAT return.",
    )
    rate_ids = fields.One2many("msom.charge.rate", "component_id", string="Rates")

    _code_unique = models.Constraint(
        "UNIQUE(company_id, code)",
        lambda env, diag: env._("A charge component code must be unique."),
    )

    @api.constrains("calculation_key", "advance_key")
    def _check_keys(self):
        for component in self:
            if component.calculation_key == "meter" and not component.advance_key:
                raise ValidationError(
                    self.env._(
                        "The metered component %(name)s needs an advance key.",
                        name=component.name,
                    )
                )

    def _taxes_for(self, unit):
        """The taxes of this component on a document of `unit`."""
        self.ensure_one()
        if unit.unit_type == "commercial":
            return self.tax_ids
        return self.residential_tax_id

    def _quantity(self, unit):
        """The quantity the rate multiplies for a unit (a float)."""
        self.ensure_one()
        key = self.calculation_key
        if key == "meter":
            key = self.advance_key
        if key == "area":
            return unit.usable_area or 0.0
        if key == "person":
            return unit.registered_persons or 0
        if key == "share":
            return unit.common_share or 0.0
        return 1.0
