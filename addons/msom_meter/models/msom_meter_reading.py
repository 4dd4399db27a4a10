# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import bisect
import math
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.msom_estate.tools import serialise_on

KIND_ORDER = {"initial": 0, "regular": 1, "final": 2}
ANOMALY_FACTOR = 3.0
# What a meter of each type can show: the digits of its register (water and
# gas meters of flats have 5 before the decimal point, heat and electricity
# meters 6, electronic allocators count to 99,999 units).
MAX_READING = {
    "cold_water": 99_999.999,
    "hot_water": 99_999.999,
    "gas": 99_999.999,
    "heat": 999_999.999,
    "electricity": 999_999.9,
    "heat_allocator": 99_999.0,
}
# What one unit can use per day at most: a DN15 water meter's overload flow
# (Q4 = 3.125 m³/h) for a whole day is 75 m³; a flat's gas (4 m³/h), heat
# (20 kW ≈ 1.73 GJ) and electricity (a 3×25 A connection ≈ 17 kW) likewise;
# an allocator's scale tops out near 1,000 units per season. A reading above
# that since the previous one is a typing error, not consumption.
MAX_DAILY_USE = {
    "cold_water": 75.0,
    "hot_water": 75.0,
    "gas": 96.0,
    "heat": 1.8,
    "electricity": 420.0,
    "heat_allocator": 50.0,
}


class MsomMeterReading(models.Model):
    """A meter reading with its source; consumption since the previous one."""

    _name = "msom.meter.reading"
    _description = "Meter Reading"
    _order = "meter_id, date desc, kind_order desc, id desc"

    meter_id = fields.Many2one(
        "msom.meter", required=True, index=True, ondelete="cascade"
    )
    unit_id = fields.Many2one(related="meter_id.unit_id", store=True, index=True)
    meter_type = fields.Selection(related="meter_id.meter_type", store=True)
    company_id = fields.Many2one(related="meter_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    value = fields.Float(string="Reading", required=True, digits=(16, 3))
    kind = fields.Selection(
        [("initial", "Initial"), ("regular", "Regular"), ("final", "Final")],
        required=True,
        default="regular",
    )
    kind_order = fields.Integer(compute="_compute_kind_order", store=True)
    source = fields.Selection(
        [
            ("resident", "Resident"),
            ("contractor", "Contractor"),
            ("operator", "Operator"),
            ("import", "Import"),
            ("remote", "Remote reading"),
        ],
        required=True,
        default="operator",
    )
    partner_id = fields.Many2one("res.partner", string="Submitted By")
    user_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user
    )
    campaign_id = fields.Many2one("msom.meter.campaign", index="btree_not_null")
    photo = fields.Image(max_width=1600, max_height=1600, attachment=True)
    consumption = fields.Float(digits=(16, 3), readonly=True)
    anomaly = fields.Boolean(
        readonly=True,
        help="The consumption per day is far above the meter's average.",
    )
    note = fields.Char()

    @api.depends("kind")
    def _compute_kind_order(self):
        for reading in self:
            reading.kind_order = KIND_ORDER[reading.kind or "regular"]

    @api.model
    def _last_readings(self, meter_ids):
        if not meter_ids:
            return {}
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
            SELECT DISTINCT ON (meter_id) meter_id, date, value
              FROM msom_meter_reading WHERE meter_id = ANY(%s)
             ORDER BY meter_id, date DESC, kind_order DESC, id DESC
            """,
                list(meter_ids),
            ),
        )
        return {mid: (day, value) for mid, day, value in self.env.cr.fetchall()}

    @api.model
    def _validate_batch(self, vals_list, meters=None):
        """Check new readings against each other and the stored ones.

        Returns (errors, extra): errors is [(index, message)], extra is
        [{consumption, anomaly}] for each vals. One query for the history of
        all the meters, so it serves a 50,000-row import as well.
        """
        today = fields.Date.context_today(self)
        meter_ids = {vals["meter_id"] for vals in vals_list}
        if meters is None:
            meters = {m.id: m for m in self.env["msom.meter"].with_context(
                active_test=False).browse(meter_ids)}  # fmt: skip
        history = defaultdict(list)
        if meter_ids:
            self.flush_model()
            self.env.cr.execute(
                SQL(
                    """
                SELECT meter_id, date, kind_order, value FROM msom_meter_reading
                 WHERE meter_id = ANY(%s) ORDER BY meter_id, date, kind_order, id
                """,
                    list(meter_ids),
                ),
            )
            for mid, day, order, value in self.env.cr.fetchall():
                history[mid].append((day, order, value))
        errors = []
        extra = [{"consumption": 0.0, "anomaly": False} for _vals in vals_list]
        order = sorted(
            range(len(vals_list)),
            key=lambda i: (
                vals_list[i]["meter_id"],
                fields.Date.to_date(vals_list[i]["date"]),
                KIND_ORDER[vals_list[i].get("kind") or "regular"],
            ),
        )
        for index in order:
            vals = vals_list[index]
            meter = meters[vals["meter_id"]]
            day = fields.Date.to_date(vals["date"])
            value = vals["value"]
            kind = vals.get("kind") or "regular"
            rank = KIND_ORDER[kind]
            message = self._value_problem(meter, day, kind, value, today)
            rows = history[meter.id]
            position = bisect.bisect_right(rows, (day, rank, float("inf")))
            previous = rows[position - 1] if position else None
            following = rows[position] if position < len(rows) else None
            if not message and previous and value < previous[2] - 1e-9:
                message = self.env._(
                    "The reading %(value)s of meter %(serial)s is lower than the "
                    "previous one (%(previous)s on %(date)s); a lower reading is "
                    "only possible on a new meter after a replacement.",
                    value=value,
                    serial=meter.serial_number,
                    previous=previous[2],
                    date=previous[0].strftime("%d.%m.%Y"),
                )
            if not message and following and value > following[2] + 1e-9:
                message = self.env._(
                    "The reading %(value)s of meter %(serial)s is higher than a "
                    "later one (%(next)s on %(date)s).",
                    value=value,
                    serial=meter.serial_number,
                    next=following[2],
                    date=following[0].strftime("%d.%m.%Y"),
                )
            if not message and any(
                row[:2] == (day, rank) and abs(row[2] - value) < 1e-9 for row in rows
            ):
                message = self.env._(
                    "The reading %(value)s of meter %(serial)s on %(date)s is "
                    "already recorded.",
                    value=value,
                    serial=meter.serial_number,
                    date=day.strftime("%d.%m.%Y"),
                )
            if not message and previous:
                message = self._implausible_use(meter, previous, day, value)
            if message:
                errors.append((index, message))
                continue
            if previous:
                used = value - previous[2]
                extra[index]["consumption"] = round(used, 3)
                first = rows[0]
                days_before = (previous[0] - first[0]).days
                days_now = (day - previous[0]).days
                if days_before > 0 and days_now > 0:
                    average = (previous[2] - first[2]) / days_before
                    if average > 0 and used / days_now > ANOMALY_FACTOR * average:
                        extra[index]["anomaly"] = True
            rows.insert(position, (day, rank, value))
        return errors, extra

    @api.model
    def _value_problem(self, meter, day, kind, value, today):
        """What is wrong with a reading on its own (before its history)."""
        if not math.isfinite(value):
            return self.env._("The reading must be a number.")
        if value < 0:
            return self.env._("A reading cannot be negative.")
        if value > MAX_READING.get(meter.meter_type, math.inf):
            return self.env._(
                "The reading %(value)s is more than meter %(serial)s can show "
                "(at most %(max)s %(uom)s): check the digits.",
                value=value,
                serial=meter.serial_number,
                max=MAX_READING[meter.meter_type],
                uom=meter.uom,
            )
        if day > today:
            return self.env._(
                "The reading date %(date)s is in the future.",
                date=day.strftime("%d.%m.%Y"),
            )
        if kind != "initial" and day < meter.install_date:
            return self.env._(
                "Meter %(serial)s was installed on %(date)s, after this reading.",
                serial=meter.serial_number,
                date=meter.install_date.strftime("%d.%m.%Y"),
            )
        if kind == "regular" and meter.removal_date and day > meter.removal_date:
            return self.env._(
                "Meter %(serial)s was replaced on %(date)s: read the new meter.",
                serial=meter.serial_number,
                date=meter.removal_date.strftime("%d.%m.%Y"),
            )
        return None

    @api.model
    def _implausible_use(self, meter, previous, day, value):
        """A message when the use since `previous` (day, rank, value) is more
        than the meter type allows per day, else None."""
        limit = MAX_DAILY_USE.get(meter.meter_type)
        days = max((day - previous[0]).days, 1)
        used = value - previous[2]
        if limit is None or used <= limit * days:
            return None
        return self.env._(
            "The reading %(value)s of meter %(serial)s means %(used)s %(uom)s used "
            "in %(days)s days since %(previous)s on %(date)s, more than such a "
            "meter can measure in that time: check the digits.",
            value=value,
            serial=meter.serial_number,
            used=round(used, 3),
            uom=meter.uom,
            days=days,
            previous=previous[2],
            date=previous[0].strftime("%d.%m.%Y"),
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("meter_id"):
                raise ValidationError(self.env._("A reading needs a meter."))
            vals.setdefault("date", fields.Date.context_today(self))
        if not self.env.context.get("msom_readings_validated"):
            serialise_on(
                self.env["msom.meter"].browse({vals["meter_id"] for vals in vals_list})
            )
            errors, extra = self._validate_batch(vals_list)
            if errors:
                raise ValidationError(errors[0][1])
            for vals, computed in zip(vals_list, extra, strict=True):
                vals.update(computed)
        return super().create(vals_list)

    def write(self, vals):
        if {"value", "date", "meter_id", "kind"} & set(vals):
            raise ValidationError(
                self.env._("A reading cannot be changed; delete it and enter it again.")
            )
        return super().write(vals)
