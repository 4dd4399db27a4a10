# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.msom_estate.tools import serialise_on

METER_TYPES = [
    ("cold_water", "Cold water"),
    ("hot_water", "Hot water"),
    ("heat", "Heat meter"),
    ("heat_allocator", "Heat cost allocator"),
    ("gas", "Gas"),
    ("electricity", "Electricity"),
]
METER_UOM = {
    "cold_water": "m³",
    "hot_water": "m³",
    "heat": "GJ",
    "heat_allocator": "j.",
    "gas": "m³",
    "electricity": "kWh",
}


class MsomMeter(models.Model):
    """A meter of a unit; a replaced meter stays in the history."""

    _name = "msom.meter"
    _description = "Meter"
    _inherit = ["mail.thread"]
    _order = "unit_id, meter_type, install_date desc, id desc"
    _rec_name = "serial_number"

    serial_number = fields.Char(required=True, index=True, tracking=True)
    meter_type = fields.Selection(METER_TYPES, string="Type", required=True)
    uom = fields.Char(string="Unit", compute="_compute_uom")
    unit_id = fields.Many2one(
        "fsm.location",
        string="Housing Unit",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("location_level", "=", "unit")],
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True)
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    location = fields.Char(
        string="Place", help="Where the meter is: kitchen, bathroom, riser…"
    )
    legalisation_date = fields.Date(string="Legalisation Valid Until", tracking=True)
    install_date = fields.Date(required=True, default=fields.Date.context_today)
    initial_reading = fields.Float(digits=(16, 3))
    removal_date = fields.Date(readonly=True)
    final_reading = fields.Float(digits=(16, 3), readonly=True)
    active = fields.Boolean(default=True)
    replaced_meter_id = fields.Many2one(
        "msom.meter", string="Replaces", readonly=True, index="btree_not_null"
    )
    replacement_id = fields.Many2one("msom.meter", string="Replaced By", readonly=True)
    reading_ids = fields.One2many("msom.meter.reading", "meter_id", string="Readings")
    last_reading_value = fields.Float(
        compute="_compute_last_reading", digits=(16, 3), string="Last Reading"
    )
    last_reading_date = fields.Date(compute="_compute_last_reading")

    _serial_unique = models.UniqueIndex(
        "(company_id, meter_type, serial_number) WHERE active",
        lambda env, diag: env._("An active meter with this serial number exists."),
    )

    @api.depends("meter_type")
    def _compute_uom(self):
        for meter in self:
            meter.uom = METER_UOM.get(meter.meter_type, "")

    def _compute_last_reading(self):
        last = self.env["msom.meter.reading"]._last_readings(self.ids)
        for meter in self:
            date, value = last.get(meter.id, (False, 0.0))
            meter.last_reading_date = date
            meter.last_reading_value = value

    @api.constrains("unit_id")
    def _check_unit(self):
        for meter in self:
            if meter.unit_id.location_level != "unit":
                raise ValidationError(self.env._("A meter belongs to a unit."))

    @api.model_create_multi
    def create(self, vals_list):
        meters = super().create(vals_list)
        Reading = self.env["msom.meter.reading"]
        Reading.create(
            [
                {
                    "meter_id": meter.id,
                    "date": meter.install_date,
                    "value": meter.initial_reading,
                    "kind": "initial",
                    "source": "operator",
                }
                for meter in meters
            ]
        )
        return meters

    def action_replace(
        self, date, final_reading, new_serial, initial_reading=0.0, legalisation=None
    ):
        """Replace this meter: final reading of the old one, initial reading of
        the new one; consumption runs on across the two."""
        self.ensure_one()
        if not self.active:
            raise UserError(
                self.env._("The meter %(serial)s was already replaced.",
                           serial=self.serial_number)
            )  # fmt: skip
        date = fields.Date.to_date(date)
        self.env["msom.meter.reading"].create(
            {
                "meter_id": self.id,
                "date": date,
                "value": final_reading,
                "kind": "final",
                "source": "operator",
            }
        )
        new = self.create(
            {
                "serial_number": new_serial,
                "meter_type": self.meter_type,
                "unit_id": self.unit_id.id,
                "company_id": self.company_id.id,
                "location": self.location,
                "legalisation_date": legalisation,
                "install_date": date,
                "initial_reading": initial_reading,
                "replaced_meter_id": self.id,
            }
        )
        self.write(
            {
                "active": False,
                "removal_date": date,
                "final_reading": final_reading,
                "replacement_id": new.id,
            }
        )
        return new

    def _value_on(self, day):
        """The last reading on or before `day` (date, value) or (None, None)."""
        self.ensure_one()
        reading = self.env["msom.meter.reading"].search(
            [("meter_id", "=", self.id), ("date", "<=", day)],
            order="date desc, kind_order desc, id desc",
            limit=1,
        )
        return (reading.date, reading.value) if reading else (None, None)

    # ---------------------------------------------------------- portal API

    @api.model
    def msom_portal_meters(self, partner):
        """The active meters of the units the partner currently occupies."""
        units = partner._get_current_units()
        return self.sudo().search([("unit_id", "in", units.ids)])

    def _msom_open_campaigns(self, day=None):
        """{meter id: the open reading campaign covering the meter on the day
        (type and estates respected), or an empty recordset}; one query."""
        day = day or fields.Date.context_today(self)
        campaigns = (
            self.env["msom.meter.campaign"]
            .sudo()
            .search(
                [
                    ("state", "=", "open"),
                    ("company_id", "in", self.company_id.ids),
                    ("date_from", "<=", day),
                    ("deadline", ">=", day),
                ]
            )
        )
        return {
            meter.id: campaigns.filtered(
                lambda c, m=meter: (
                    c.company_id == m.company_id
                    and c.meter_type in (False, m.meter_type)
                    and (not c.estate_ids or m.estate_id in c.estate_ids)
                )
            )[:1]
            for meter in self
        }

    def msom_portal_history(self, limit=24):
        """[{date, value, consumption, source, anomaly}] newest first."""
        self.ensure_one()
        readings = (
            self.env["msom.meter.reading"]
            .sudo()
            .search([("meter_id", "=", self.id)], limit=limit)
        )
        return [
            {
                "date": r.date,
                "value": r.value,
                "consumption": r.consumption,
                "source": r.source,
                "kind": r.kind,
                "anomaly": r.anomaly,
            }
            for r in readings
        ]

    def msom_submit_reading(self, partner, value, date=None, photo=None, unit=None):
        """A resident submits a reading (e-reading consent, own unit only).

        Returns {reading, consumption, anomaly, warning}; raises a Polish
        UserError/ValidationError for bad input, saving nothing.
        """
        self.ensure_one()
        meter = self.sudo()
        if unit is not None and meter.unit_id != unit:
            raise UserError(
                self.env._(
                    "Meter %(serial)s does not belong to the unit %(unit)s.",
                    serial=meter.serial_number,
                    unit=unit.display_name,
                )
            )
        if meter.unit_id not in partner._get_current_units():
            raise UserError(
                self.env._("You can only read the meters of your own units.")
            )
        if not meter.active:
            raise UserError(self.env._("This meter was replaced: read the new meter."))
        if not partner._msom_has_consent("ereading"):
            raise UserError(
                self.env._(
                    "Submitting readings needs the e-reading consent; grant it in "
                    "the portal first."
                )
            )
        # residents read within a reading period (okres odczytowy) only: each
        # of their readings belongs to a campaign the office checks
        campaign = meter._msom_open_campaigns()[meter.id]
        if not campaign:
            raise UserError(
                self.env._(
                    "Readings are accepted only during a reading campaign; "
                    "there is no open campaign for this meter now."
                )
            )
        try:
            value = float(str(value).replace(",", "."))
        except ValueError as error:
            raise UserError(self.env._("The reading must be a number.")) from error
        date = date or fields.Date.context_today(self)
        serialise_on(meter)
        # the same reading sent twice (a double click, two sessions): the
        # second submission gets the first one's result
        same = meter.env["msom.meter.reading"].search(
            [
                ("meter_id", "=", meter.id),
                ("date", "=", date),
                ("value", "=", value),
                ("partner_id", "=", partner.id),
            ],
            limit=1,
        )
        if same:
            return self._msom_reading_result(same)
        reading = (
            self.env["msom.meter.reading"]
            .sudo()
            .create(
                {
                    "meter_id": meter.id,
                    "date": date,
                    "value": value,
                    "source": "resident",
                    "partner_id": partner.id,
                    "photo": photo,
                    "campaign_id": campaign.id,
                }
            )
        )
        return self._msom_reading_result(reading)

    def _msom_reading_result(self, reading):
        return {
            "reading": reading,
            "consumption": reading.consumption,
            "anomaly": reading.anomaly,
            "warning": reading.anomaly
            and self.env._(
                "The consumption is much higher than usual: please check the reading."
            ),
        }

    def _consumption(self, date_from, date_to):
        """Use of this meter between two days (its readings at each end)."""
        self.ensure_one()
        if self.install_date > date_to or (
            self.removal_date and self.removal_date < date_from
        ):
            return 0.0
        start_date, start = self._value_on(date_from)
        if start is None:
            start = self.initial_reading
        _end_date, end = self._value_on(date_to)
        if end is None:
            return 0.0
        return max(0.0, end - start)
