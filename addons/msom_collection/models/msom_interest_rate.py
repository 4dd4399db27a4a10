# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.interest import RateTable

RATE_TYPES = [
    ("statutory", "Statutory interest for delay (art. 481 KC)"),
    ("commercial", "Commercial transactions (art. 4 pkt 3 lit. b)"),
    (
        "commercial_medical",
        "Commercial transactions, public medical debtor (art. 4 pkt 3 lit. a)",
    ),
]


class MsomInterestRate(models.Model):
    """An annual interest rate in force from a date until the next one.

    Statutory rates change on the day the NBP reference rate changes; the
    commercial-transactions rates are fixed per half-year (1 January,
    1 July): reference + 10 pp, or + 8 pp when the debtor is a public entity
    that is a podmiot leczniczy (+ 8 pp for everyone before 2020).
    """

    _name = "msom.interest.rate"
    _description = "Interest Rate"
    _order = "rate_type, date_from desc"
    _rec_name = "date_from"

    rate_type = fields.Selection(RATE_TYPES, required=True, default="statutory")
    date_from = fields.Date(string="In Force From", required=True)
    rate = fields.Float(string="Annual Rate (%)", required=True, digits=(6, 2))
    reference_rate = fields.Float(string="NBP Reference Rate (%)", digits=(6, 2))
    source = fields.Char(help="Where the rate was announced (Monitor Polski).")

    _type_date_unique = models.Constraint(
        "UNIQUE(rate_type, date_from)",
        lambda env, diag: env._("There is already a rate in force from this day."),
    )

    @api.constrains("rate")
    def _check_rate(self):
        for rate in self:
            if not 0 <= rate.rate <= 100:
                raise ValidationError(
                    self.env._("An interest rate must be between 0 and 100%.")
                )

    @api.model
    def _rate_table(self, rate_type="statutory"):
        rows = self.sudo().search_read(
            [("rate_type", "=", rate_type)], ["date_from", "rate"], order="date_from"
        )
        return RateTable([(row["date_from"], "%.2f" % row["rate"]) for row in rows])
