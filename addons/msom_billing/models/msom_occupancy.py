# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class MsomOccupancy(models.Model):
    _inherit = "msom.occupancy"

    msom_commercial_lease = fields.Boolean(
        string="Commercial Lease",
        tracking=True,
        help="The occupant rents this commercial unit for their business: its "
        "charges are commercial transactions (act of 8 March 2013) and carry "
        "commercial interest and the compensation for recovery costs. Charges "
        "of members and owners (art. 4 of the act on housing cooperatives, "
        "art. 13-15 of the act on the ownership of units) never do.",
    )

    @api.model
    def _msom_commercial_debt_sql(self, line, move):
        """SQL condition: the receivable line aliased `line` (of the entry
        aliased `move`) is a commercial transaction, i.e. a commercial lease
        of its unit by its payer was in force on its due date, and its
        company is no housing community."""
        due = SQL(
            "COALESCE(%s, %s)",
            SQL.identifier(line, "date_maturity"),
            SQL.identifier(line, "date"),
        )
        return SQL(
            """(
            (SELECT msom_legal_form FROM res_company WHERE id = %(company)s)
                IS DISTINCT FROM 'community'
            AND EXISTS (
                SELECT 1 FROM msom_occupancy lease
                 WHERE lease.unit_id = %(unit)s
                   AND lease.partner_id = COALESCE(%(partner)s, %(move_partner)s)
                   AND lease.msom_commercial_lease
                   AND lease.date_from <= %(due)s
                   AND (lease.date_to IS NULL OR lease.date_to >= %(due)s)))""",
            company=SQL.identifier(line, "company_id"),
            unit=SQL.identifier(line, "unit_id"),
            partner=SQL.identifier(line, "partner_id"),
            move_partner=SQL.identifier(move, "partner_id"),
            due=due,
        )

    @api.constrains("msom_commercial_lease", "unit_id", "role", "company_id")
    def _check_msom_commercial_lease(self):
        for occupancy in self.filtered("msom_commercial_lease"):
            if (
                occupancy.unit_id.unit_type != "commercial"
                or occupancy.role != "tenant"
            ):
                raise ValidationError(
                    self.env._(
                        "Only a tenant of a commercial unit holds a commercial "
                        "lease (%(person)s in %(unit)s is not one).",
                        person=occupancy.partner_id.display_name,
                        unit=occupancy.unit_id.display_name,
                    )
                )
            company = occupancy.company_id or occupancy.unit_id.company_id
            if company.msom_legal_form == "community":
                raise ValidationError(
                    self.env._(
                        "A housing community does not act in business: its "
                        "charges are never commercial transactions."
                    )
                )
