# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .msom_meter import METER_TYPES


class MsomMeterSettlement(models.Model):
    """Annual settlement of advances (rozliczenie zaliczek) of a metered
    component: settled cost (consumption × price) minus the advances charged;
    a shortfall becomes a one-off charge, an overpayment a credit."""

    _name = "msom.meter.settlement"
    _description = "Settlement of Advances"
    _inherit = ["mail.thread"]
    _order = "date_to desc, id desc"

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    component_id = fields.Many2one(
        "msom.charge.component",
        string="Charge Component",
        required=True,
        domain=[("calculation_key", "=", "meter")],
    )
    meter_type = fields.Selection(METER_TYPES, required=True)
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    date = fields.Date(
        string="Settlement Date", required=True, default=fields.Date.context_today
    )
    price = fields.Float(
        string="Price per Unit", required=True, digits=(12, 4),
        help="Settled cost per m³ (or kWh, GJ…) of consumption.",
    )  # fmt: skip
    estate_ids = fields.Many2many(
        "fsm.location", string="Estates", domain=[("location_level", "=", "estate")]
    )
    state = fields.Selection(
        [("draft", "Draft"), ("computed", "Computed"), ("posted", "Posted")],
        default="draft",
        required=True,
        tracking=True,
    )
    line_ids = fields.One2many("msom.meter.settlement.line", "settlement_id")

    @api.constrains("date_from", "date_to", "price")
    def _check_values(self):
        for settlement in self:
            if settlement.date_to < settlement.date_from:
                raise UserError(self.env._("The period ends before it starts."))
            if settlement.price < 0:
                raise UserError(self.env._("The price cannot be negative."))

    def _units(self):
        domain = [("location_level", "=", "unit"), ("msom_meter_ids", "!=", False)]
        if self.estate_ids:
            domain.append(("estate_id", "in", self.estate_ids.ids))
        return self.env["fsm.location"].with_context(active_test=False).search(domain)

    def _advances(self, units):
        """{(unit_id, partner_id): advances charged} of the component."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT l.unit_id, l.partner_id, -SUM(l.balance)
              FROM account_move_line l
              JOIN account_move m ON m.id = l.move_id
             WHERE l.unit_id = ANY(%s) AND l.msom_component_id = %s
               AND l.parent_state = 'posted' AND l.date BETWEEN %s AND %s
               AND m.msom_settlement_id IS NULL
             GROUP BY l.unit_id, l.partner_id
            """,
            (units.ids, self.component_id.id, self.date_from, self.date_to),
        )
        return {(u, p): amount for u, p, amount in self.env.cr.fetchall()}

    def action_compute(self):
        for settlement in self:
            if settlement.state == "posted":
                raise UserError(self.env._("A posted settlement cannot change."))
            settlement.line_ids.unlink()
            units = settlement._units()
            consumption = units._msom_consumption(
                settlement.meter_type, settlement.date_from, settlement.date_to
            )
            advances = settlement._advances(units)
            by_unit = {}
            for (unit_id, partner_id), amount in advances.items():
                by_unit.setdefault(unit_id, []).append((partner_id, amount))
            vals_list = []
            for unit in units:
                payers = by_unit.get(unit.id) or []
                partner_id = payers[-1][0] if payers else False
                if not partner_id:
                    payer = unit.current_occupancy_ids.filtered(
                        lambda o: o.role in ("owner", "co_owner", "member", "tenant")
                    )[:1]
                    partner_id = payer.partner_id.id
                if not partner_id:
                    continue
                used = consumption.get(unit.id, 0.0)
                advance = round(sum(amount for _p, amount in payers), 2)
                cost = round(used * settlement.price, 2)
                vals_list.append(
                    {
                        "settlement_id": settlement.id,
                        "unit_id": unit.id,
                        "partner_id": partner_id,
                        "consumption": used,
                        "cost": cost,
                        "advances": advance,
                        "difference": round(cost - advance, 2),
                    }
                )
            self.env["msom.meter.settlement.line"].create(vals_list)
            settlement.state = "computed"
        return True

    def action_post(self):
        for settlement in self:
            if settlement.state != "computed":
                raise UserError(self.env._("Compute the settlement first."))
            company = settlement.company_id
            journal = company._msom_get_charge_journal()
            income = settlement.component_id.account_id
            lines = settlement.line_ids.filtered(lambda line: line.difference)
            vals_list = []
            Move = self.env["account.move"]
            for line in lines:
                label = self.env._(
                    "Settlement %(name)s unit %(unit)s",
                    name=settlement.name,
                    unit=line.unit_id.unit_number or line.unit_id.name,
                )
                vals_list.append(
                    Move._msom_unit_entry_vals(
                        journal, settlement.date, line.partner_id, line.unit_id,
                        line.difference, income,
                        (label, settlement.component_id.name),
                        date_maturity=settlement.date + timedelta(days=14),
                        msom_component_id=settlement.component_id.id,
                        msom_settlement_id=settlement.id,
                    )
                )  # fmt: skip
            moves = self.env["account.move"].create(vals_list)
            moves.action_post()
            for line, move in zip(lines, moves, strict=True):
                line.move_id = move
            credits = moves.line_ids.filtered(
                lambda ml: (
                    ml.account_id.account_type == "asset_receivable" and ml.balance < 0
                )
            )
            self.env["account.move.line"]._msom_reconcile_oldest_first(credits)
            settlement.state = "posted"
        return True
