# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.msom_billing.models.msom_charge_run import PAYING_ROLES

from .msom_meter import METER_TYPES


class MsomMeterSettlement(models.Model):
    """Annual settlement of advances (rozliczenie zaliczek) of a metered
    component: settled cost (consumption × price) minus the advances charged;
    a shortfall becomes a one-off charge, an overpayment a credit. When the
    payer of a unit changes within the period, each payer settles the cost
    of their days against their own advances."""

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
            SQL(
                """
            SELECT l.unit_id, l.partner_id, -SUM(l.balance)
              FROM account_move_line l
              JOIN account_move m ON m.id = l.move_id
             WHERE l.unit_id = ANY(%s) AND l.msom_component_id = %s
               AND l.parent_state = 'posted' AND l.date BETWEEN %s AND %s
               AND m.msom_settlement_id IS NULL
             GROUP BY l.unit_id, l.partner_id
            """,
                units.ids,
                self.component_id.id,
                self.date_from,
                self.date_to,
            ),
        )
        return {(u, p): amount for u, p, amount in self.env.cr.fetchall()}

    def _paying_occupancies(self, units):
        """{unit id: [paying occupancies overlapping the period]}."""
        occupancies = self.env["msom.occupancy"].search(
            [
                ("unit_id", "in", units.ids),
                ("role", "in", PAYING_ROLES),
                ("date_from", "<=", self.date_to),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", self.date_from),
            ],
            order="id",
        )
        by_unit = defaultdict(list)
        for occupancy in occupancies:
            by_unit[occupancy.unit_id.id].append(occupancy)
        return by_unit

    def action_compute(self):
        Run = self.env["msom.charge.run"]
        for settlement in self:
            if settlement.state == "posted":
                raise UserError(self.env._("A posted settlement cannot change."))
            settlement.line_ids.unlink()
            units = settlement._units()
            consumption = units._msom_consumption(
                settlement.meter_type, settlement.date_from, settlement.date_to
            )
            advances = settlement._advances(units)
            occupancies = settlement._paying_occupancies(units)
            period_days = (settlement.date_to - settlement.date_from).days + 1
            vals_list = []
            for unit in units:
                # who paid the unit on which days, as the charge run decides it
                segments = [
                    (partner, len(days))
                    for partner, days in Run._payer_day_sets(
                        unit, occupancies[unit.id], settlement.date_from, period_days
                    )
                ]
                vals_list += settlement._unit_lines(
                    unit, consumption.get(unit.id, 0.0), segments, advances, period_days
                )
            self.env["msom.meter.settlement.line"].create(vals_list)
            settlement.state = "computed"
        return True

    def _unit_lines(self, unit, used, segments, advances, period_days):
        """Settlement lines of a unit: each payer gets the cost of their days
        and is credited their own advances; a payer who was charged advances
        but paid no day of the period gets them back."""
        cost = round(used * self.price, 2)
        paid = {p: amount for (u, p), amount in advances.items() if u == unit.id}
        if not segments:  # nobody paid the unit in the period: the current payer
            partner = unit.current_occupancy_ids.filtered(
                lambda o: o.role in PAYING_ROLES
            )[:1].partner_id
            partner_id = list(paid)[-1] if paid else partner.id
            if not partner_id:
                return []
            segments = [(self.env["res.partner"].browse(partner_id), period_days)]
            paid = {partner_id: sum(paid.values())}
        covered = sum(days for _partner, days in segments)
        shares = []
        for index, (partner, days) in enumerate(segments):
            if index == len(segments) - 1 and covered == period_days:
                share = round(cost - sum(share for *_x, share in shares), 2)
            else:
                share = round(cost * days / period_days, 2)
            shares.append((partner.id, days, share))
        shares += [(partner_id, 0, 0.0) for partner_id in paid]
        vals_list = []
        for partner_id, days, share in shares:
            if any(vals["partner_id"] == partner_id for vals in vals_list):
                continue
            advance = round(paid.get(partner_id, 0.0), 2)
            vals_list.append(
                {
                    "settlement_id": self.id,
                    "unit_id": unit.id,
                    "partner_id": partner_id,
                    "days": days,
                    "consumption": round(used * days / period_days, 3),
                    "cost": share,
                    "advances": advance,
                    "difference": round(share - advance, 2),
                }
            )
        return vals_list

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
