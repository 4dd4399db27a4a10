# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models


class MsomUnitTurnover(models.TransientModel):
    """Turnover and balance per unit and period (obroty i salda lokali) of
    the units of one company, in its currency."""

    _name = "msom.unit.turnover"
    _description = "Unit Turnover and Balance"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
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

    def _units(self):
        Location = self.env["fsm.location"]
        return Location.search(
            Location._msom_company_units_domain(
                self.company_id, self.estate_ids, self.building_ids
            ),
            order="complete_name",
        )

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
        """The report as a spreadsheet (report_xlsx), computed first if need be."""
        self.ensure_one()
        if not self.line_ids:
            self.action_compute()
        return self.env.ref(
            "msom_billing.action_report_unit_turnover_xlsx"
        ).report_action(self, config=False)

    def action_print(self):
        self.ensure_one()
        if not self.line_ids:
            self.action_compute()
        return self.env.ref("msom_billing.action_report_unit_turnover").report_action(
            self
        )
