# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io

import xlsxwriter

from odoo import fields, models
from odoo.fields import Domain

# the amounts of a unit line, in the order of the report's columns
LINE_AMOUNTS = ("opening", "charges", "payments", "closing", "overdue")


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
    component_line_ids = fields.One2many(
        "msom.unit.turnover.component", "report_id", string="Components"
    )
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
        vat = self._vat_by_unit(units)
        lines = self.env["msom.unit.turnover.line"].create(
            [
                {
                    "report_id": self.id,
                    "unit_id": unit.id,
                    "estate_id": unit.estate_id.id,
                    "building_id": unit.building_id.id,
                    "opening": data[unit.id]["opening"],
                    "charges": data[unit.id]["charges"],
                    "charges_vat": vat.get(unit.id, 0.0),
                    "payments": data[unit.id]["payments"],
                    "closing": data[unit.id]["closing"],
                    "overdue": data[unit.id]["overdue"],
                }
                for unit in units
            ]
        )
        self._create_component_lines(lines, data)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Turnover and Balance"),
            "res_model": "msom.unit.turnover.line",
            "view_mode": "list,pivot",
            "domain": [("report_id", "=", self.id)],
            "context": {"msom_report_id": self.id},
        }

    def _vat_by_unit(self, units):
        """{unit id: VAT charged in the period} (the tax lines of the unit's
        posted invoices; credit notes count negative)."""
        Line = self.env["account.move.line"]
        groups = Line._read_group(
            [
                ("move_id.unit_id", "in", units.ids),
                ("tax_line_id", "!=", False),
                ("parent_state", "=", "posted"),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            ["move_id"],
            ["balance:sum"],
        )
        vat = {}
        for move, balance in groups:
            vat[move.unit_id.id] = vat.get(move.unit_id.id, 0.0) - balance
        return vat

    def _create_component_lines(self, lines, data):
        """A line per unit and component charged or paid in the period."""
        components = (
            self.env["msom.charge.component"]
            .with_context(active_test=False)
            .browse(
                {
                    component_id
                    for unit_data in data.values()
                    for key in ("components", "paid")
                    for component_id in unit_data[key]
                }
            )
            .sorted()
        )
        vals_list = []
        for line in lines:
            unit_data = data[line.unit_id.id]
            for component in components:
                charges = unit_data["components"].get(component.id)
                payments = unit_data["paid"].get(component.id)
                if charges is None and payments is None:
                    continue
                vals_list.append(
                    {
                        "report_id": self.id,
                        "line_id": line.id,
                        "unit_id": line.unit_id.id,
                        "estate_id": line.estate_id.id,
                        "building_id": line.building_id.id,
                        "component_id": component.id,
                        "charges": charges or 0.0,
                        "payments": payments or 0.0,
                    }
                )
        self.env["msom.unit.turnover.component"].create(vals_list)

    def _component_totals(self):
        """[(component, charges, payments)] of the report, in the order of
        the components."""
        return self.env["msom.unit.turnover.component"]._read_group(
            [("report_id", "=", self.id)],
            ["component_id"],
            ["charges:sum", "payments:sum"],
        )

    def action_show_components(self):
        """Charges and payments per component, as a pivot table and a list."""
        self.ensure_one()
        if not self.line_ids:
            self.action_compute()
        return self._components_action([("report_id", "=", self.id)])

    def _components_action(self, domain):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Turnover per Component"),
            "res_model": "msom.unit.turnover.component",
            "view_mode": "pivot,list",
            "domain": domain,
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
        totals = self._component_totals()
        headers = [
            self.env._("Unit"),
            self.env._("Opening balance"),
            self.env._("Charges"),
            self.env._("Payments"),
            self.env._("Closing balance"),
            self.env._("Overdue"),
        ]
        for component, _charges, _payments in totals:
            headers += [
                self.env._("%(component)s: charges", component=component.name),
                self.env._("%(component)s: payments", component=component.name),
            ]
        sheet.write_row(0, 0, headers, bold)
        sheet.set_column(0, 0, 45)
        sheet.set_column(1, len(headers) - 1, 16)
        row = 0
        for row, line in enumerate(self.line_ids, start=1):
            by_component = {item.component_id: item for item in line.component_ids}
            values = [line[name] for name in LINE_AMOUNTS]
            for component, _charges, _payments in totals:
                item = by_component.get(component)
                values += [item.charges, item.payments] if item else [0.0, 0.0]
            sheet.write(row, 0, line.unit_id.complete_name or line.unit_id.name)
            for col, value in enumerate(values, start=1):
                sheet.write_number(row, col, value, money)
        sheet.write(row + 1, 0, self.env._("Total"), bold)
        lines = self.line_ids
        values = [sum(lines.mapped(name)) for name in LINE_AMOUNTS]
        for _component, charges, payments in totals:
            values += [charges, payments]
        for col, value in enumerate(values, start=1):
            sheet.write_number(row + 1, col, round(value, 2), money)
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
