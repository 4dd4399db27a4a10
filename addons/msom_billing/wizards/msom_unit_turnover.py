# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io

import xlsxwriter

from odoo import fields, models
from odoo.fields import Domain


class MsomUnitTurnover(models.TransientModel):
    """Turnover and balance per unit and period (obroty i salda lokali)."""

    _name = "msom.unit.turnover"
    _description = "Unit Turnover and Balance"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    estate_ids = fields.Many2many(
        "fsm.location", string="Estates", domain=[("location_level", "=", "estate")]
    )
    building_ids = fields.Many2many(
        "fsm.location",
        "msom_unit_turnover_building_rel",
        string="Buildings",
        domain=[("location_level", "=", "building")],
    )
    line_ids = fields.One2many("msom.unit.turnover.line", "report_id", string="Units")
    xlsx_file = fields.Binary(string="XLSX", readonly=True)
    xlsx_name = fields.Char()

    def _units(self):
        domain = Domain("location_level", "=", "unit")
        if self.estate_ids:
            domain &= Domain("estate_id", "in", self.estate_ids.ids)
        if self.building_ids:
            domain &= Domain("building_id", "in", self.building_ids.ids)
        return self.env["fsm.location"].search(domain, order="complete_name")

    def action_compute(self):
        self.ensure_one()
        self.line_ids.unlink()
        units = self._units()
        data = units._msom_turnover(self.date_from, self.date_to)
        self.env["msom.unit.turnover.line"].create(
            [
                {
                    "report_id": self.id,
                    "unit_id": unit.id,
                    "estate_id": unit.estate_id.id,
                    "building_id": unit.building_id.id,
                    "opening": data[unit.id]["opening"],
                    "charges": data[unit.id]["charges"],
                    "payments": data[unit.id]["payments"],
                    "closing": data[unit.id]["closing"],
                    "overdue": data[unit.id]["overdue"],
                }
                for unit in units
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Turnover and Balance"),
            "res_model": "msom.unit.turnover.line",
            "view_mode": "list,pivot",
            "domain": [("report_id", "=", self.id)],
            "context": {"msom_report_id": self.id},
        }

    def action_export_xlsx(self):
        self.ensure_one()
        if not self.line_ids:
            self.action_compute()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(self.env._("Turnover"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        headers = [
            self.env._("Unit"),
            self.env._("Opening balance"),
            self.env._("Charges"),
            self.env._("Payments"),
            self.env._("Closing balance"),
            self.env._("Overdue"),
        ]
        sheet.write_row(0, 0, headers, bold)
        sheet.set_column(0, 0, 45)
        sheet.set_column(1, 5, 16)
        for row, line in enumerate(self.line_ids, start=1):
            sheet.write(row, 0, line.unit_id.complete_name or line.unit_id.name)
            for col, value in enumerate(
                (line.opening, line.charges, line.payments, line.closing, line.overdue),
                start=1,
            ):
                sheet.write_number(row, col, value, money)
        workbook.close()
        self.write(
            {
                "xlsx_file": base64.b64encode(buffer.getvalue()),
                "xlsx_name": f"obroty_{self.date_from}_{self.date_to}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/msom.unit.turnover/{self.id}/xlsx_file/"
            f"{self.xlsx_name}?download=true",
            "target": "self",
        }

    def action_print(self):
        self.ensure_one()
        if not self.line_ids:
            self.action_compute()
        return self.env.ref("msom_billing.action_report_unit_turnover").report_action(
            self
        )


class MsomUnitTurnoverLine(models.TransientModel):
    _name = "msom.unit.turnover.line"
    _description = "Unit Turnover and Balance Line"
    _order = "id"

    report_id = fields.Many2one("msom.unit.turnover", required=True, ondelete="cascade")
    unit_id = fields.Many2one("fsm.location", readonly=True)
    estate_id = fields.Many2one("fsm.location", readonly=True)
    building_id = fields.Many2one("fsm.location", readonly=True)
    opening = fields.Float(string="Opening Balance", readonly=True)
    charges = fields.Float(readonly=True)
    payments = fields.Float(readonly=True)
    closing = fields.Float(string="Closing Balance", readonly=True)
    overdue = fields.Float(readonly=True)
