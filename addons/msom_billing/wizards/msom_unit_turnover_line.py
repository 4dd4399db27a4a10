# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models


class MsomUnitTurnoverLine(models.TransientModel):
    _name = "msom.unit.turnover.line"
    _description = "Unit Turnover and Balance Line"
    _order = "id"

    report_id = fields.Many2one("msom.unit.turnover", required=True, ondelete="cascade")
    unit_id = fields.Many2one("fsm.location", readonly=True)
    estate_id = fields.Many2one("fsm.location", readonly=True)
    building_id = fields.Many2one("fsm.location", readonly=True)
    opening = fields.Float(string="Opening Balance", readonly=True)
    charges = fields.Float(
        readonly=True, help="What the unit was charged, gross (VAT included)."
    )
    charges_vat = fields.Float(string="VAT", readonly=True)
    charges_net = fields.Float(
        string="Charges (net)", compute="_compute_charges_net", store=True
    )
    payments = fields.Float(readonly=True)
    closing = fields.Float(string="Closing Balance", readonly=True)
    overdue = fields.Float(readonly=True)
    component_ids = fields.One2many(
        "msom.unit.turnover.component", "line_id", string="Components"
    )

    @api.depends("charges", "charges_vat")
    def _compute_charges_net(self):
        for line in self:
            line.charges_net = line.charges - line.charges_vat

    def action_show_components(self):
        """The components of the selected lines, or of the whole report."""
        if not self:
            return (
                self.env["msom.unit.turnover"]
                .browse(self.env.context.get("msom_report_id"))
                .action_show_components()
            )
        return self.report_id._components_action([("line_id", "in", self.ids)])

    def action_show_items(self):
        """The unit's receivable items of the period: charges and payments
        one by one, bank and online (the memo of an online payment carries
        the transaction and provider references)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Items of %(unit)s", unit=self.unit_id.display_name),
            "res_model": "account.move.line",
            "view_mode": "list,form",
            "domain": [
                ("unit_id", "=", self.unit_id.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("date", ">=", self.report_id.date_from),
                ("date", "<=", self.report_id.date_to),
            ],
            "context": {"create": False},
        }
