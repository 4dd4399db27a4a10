# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models

# the amounts of a unit line, in the order of the report's columns
LINE_AMOUNTS = ("opening", "charges", "payments", "closing", "overdue")


class ReportUnitTurnoverXlsx(models.AbstractModel):
    """Turnover and balance of units as a spreadsheet: a row per unit with
    its amounts and two columns per charge component, then a total row."""

    _name = "report.msom_billing.report_unit_turnover_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Unit Turnover and Balance (XLSX)"

    def generate_xlsx_report(self, workbook, data, reports):
        header = workbook.add_format({"bold": True})
        for report in reports:
            # amounts in the currency of the report's company, not the user's
            money = workbook.add_format(
                {"num_format": self._report_xlsx_currency_format(report.currency_id)}
            )
            self._write_sheet(workbook, {"header": header, "money": money}, report)

    def _write_sheet(self, workbook, formats, report):
        sheet = workbook.add_worksheet(self.env._("Turnover"))
        totals = report._component_totals()
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
        sheet.write_row(0, 0, headers, formats["header"])
        sheet.set_column(0, 0, 45)
        sheet.set_column(1, len(headers) - 1, 16)
        row = 0
        for row, line in enumerate(report.line_ids, start=1):
            by_component = {item.component_id: item for item in line.component_ids}
            values = [line[name] for name in LINE_AMOUNTS]
            for component, _charges, _payments in totals:
                item = by_component.get(component)
                values += [item.charges, item.payments] if item else [0.0, 0.0]
            sheet.write(row, 0, line.unit_id.complete_name or line.unit_id.name)
            sheet.write_row(row, 1, values, formats["money"])
        lines = report.line_ids
        values = [round(sum(lines.mapped(name)), 2) for name in LINE_AMOUNTS]
        for _component, charges, payments in totals:
            values += [round(charges, 2), round(payments, 2)]
        sheet.write(row + 1, 0, self.env._("Total"), formats["header"])
        sheet.write_row(row + 1, 1, values, formats["money"])
