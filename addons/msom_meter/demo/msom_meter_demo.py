# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Command

from odoo.addons.msom_estate.tools import demo_env, demo_generated_before


class MsomMeterDemo(models.AbstractModel):
    """Demo: two water meters with a year of readings for every unit the
    billing demo charges, and an open reading campaign of the demo
    resident's estate."""

    _name = "msom.meter.demo"
    _description = "Meter Demo Data"

    @api.model
    def _generate_demo(self):
        if demo_generated_before(self.env, "msom_meter.demo"):
            return
        self.with_env(demo_env(self.env, "msom_meter"))._demo_meters_and_campaign()

    @api.model
    def _demo_meters_and_campaign(self):
        today = fields.Date.context_today(self)
        units = (
            self.env["account.move.line"]
            .search([("unit_id", "!=", False), ("msom_component_id", "!=", False)])
            .unit_id
        )
        if not units:
            return
        self._demo_meters(units, today)
        resident = self.env.ref("msom_estate.partner_demo_resident")
        if resident.email:
            resident.msom_grant_consent("ereading", "portal")
        self._demo_resident_campaign(resident, today)

    @api.model
    def _demo_resident_campaign(self, partner, today):
        """An open reading campaign of the resident's estate (every meter
        type), so that the portal takes readings now. Returns it."""
        units = partner._get_current_units()
        if not units:
            return None
        campaign = self.env["msom.meter.campaign"].create(
            {
                "name": self.env._(
                    "Meter readings %(month)s", month=today.strftime("%m/%Y")
                ),
                "company_id": units[0].company_id.id or self.env.company.id,
                "date_from": today - timedelta(days=3),
                "deadline": today + timedelta(days=14),
                "estate_ids": [Command.set(units.estate_id.ids)],
            }
        )
        campaign.action_open()
        return campaign

    @api.model
    def _demo_meters(self, units, today):
        Meter = self.env["msom.meter"]
        start = today - relativedelta(months=12)
        vals_list = []
        for unit in units:
            for kind, prefix in (("cold_water", "ZW"), ("hot_water", "CW")):
                vals_list.append(
                    {
                        "serial_number": f"{prefix}-{unit.id:06d}",
                        "meter_type": kind,
                        "unit_id": unit.id,
                        "location": self.env._("bathroom"),
                        "install_date": start,
                        "legalisation_date": start + relativedelta(years=5),
                        "initial_reading": 100.0 if kind == "cold_water" else 40.0,
                    }
                )
        meters = Meter.create(vals_list)
        readings = []
        for meter in meters:
            usage = 0.25 if meter.meter_type == "cold_water" else 0.12
            value = meter.initial_reading
            for month in (3, 6, 9, 12):
                day = start + relativedelta(months=month) - timedelta(days=1)
                if day > today:
                    break
                value = round(
                    value + usage * 91 * (meter.unit_id.registered_persons or 1), 3
                )
                readings.append(
                    {
                        "meter_id": meter.id,
                        "date": day,
                        "value": value,
                        "source": "contractor",
                    }
                )
        self.env["msom.meter.reading"].create(readings)
