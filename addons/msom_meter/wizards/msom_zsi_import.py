# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models

from odoo.addons.msom_billing.tools.sql import execute_values
from odoo.addons.msom_billing.wizards.msom_zsi_import import CHUNK

READING_TARGETS = {
    "serial_number": (("nr licznika", "numer licznika", "serial"), True),
    "date": (("data odczytu", "data", "date"), True),
    "value": (("odczyt", "stan", "value", "reading"), True),
    "building": (("budynek", "building"), False),
    "unit_number": (("nr lokalu", "lokal", "unit"), False),
}


class MsomZsiImport(models.TransientModel):
    """Meter readings in the ZSI import."""

    _inherit = "msom.zsi.import"

    kind = fields.Selection(
        selection_add=[("readings", "Meter readings")],
        ondelete={"readings": "cascade"},
        default="readings",
    )

    @api.model
    def _targets(self):
        return dict(super()._targets(), readings=READING_TARGETS)

    # ----------------------------------------------------------- readings

    def _prepare_readings(self, records):
        meters = {}
        for meter in (
            self.env["msom.meter"]
            .with_context(active_test=False)
            .search([("company_id", "=", self.company_id.id)])
        ):
            if meter.active or meter.serial_number not in meters:
                meters[meter.serial_number] = meter
        units = None
        vals_list, numbers, errors = [], [], []
        for number, values in records:
            try:
                serial = self._to_text(values["serial_number"])
                meter = meters.get(serial)
                if not meter:
                    raise ValueError(
                        self.env._("meter %(serial)s does not exist", serial=serial)
                    )
                if values.get("unit_number") not in (None, ""):
                    if units is None:
                        units = self._units_by_key()
                    if self._unit_of(values, units) != meter.unit_id.id:
                        raise ValueError(
                            self.env._(
                                "meter %(serial)s belongs to another unit",
                                serial=serial,
                            )
                        )
                vals_list.append(
                    {
                        "meter_id": meter.id,
                        "date": self._to_date(values["date"]),
                        "value": self._to_float(values["value"]),
                        "source": "import",
                        "kind": "regular",
                    }
                )
                numbers.append(number)
            except ValueError as error:
                errors.append((number, str(error)))
        by_id = {meter.id: meter for meter in meters.values()}
        check, extra = self.env["msom.meter.reading"]._validate_batch(
            vals_list, meters=by_id
        )
        errors += [(numbers[index], message) for index, message in check]
        for vals, computed in zip(vals_list, extra, strict=True):
            vals.update(computed)
        errors.sort()
        return vals_list, errors

    def _write_readings(self, prepared):
        """Validated readings inserted in bulk (the ORM would spend minutes on
        50,000 rows computing the same related values one by one)."""
        Reading = self.env["msom.meter.reading"]
        Reading.flush_model()
        meters = {
            meter.id: meter
            for meter in self.env["msom.meter"]
            .with_context(active_test=False)
            .browse({vals["meter_id"] for vals in prepared})
        }
        uid, now = self.env.uid, self.env.cr.now()
        for start in range(0, len(prepared), CHUNK):
            rows = []
            for vals in prepared[start : start + CHUNK]:
                meter = meters[vals["meter_id"]]
                rows.append(
                    (meter.id, meter.unit_id.id, meter.meter_type,
                     meter.company_id.id, vals["date"], vals["value"], "regular",
                     1, "import", uid, vals["consumption"], vals["anomaly"],
                     uid, now, uid, now)
                )  # fmt: skip
            execute_values(
                self.env.cr,
                """
                INSERT INTO msom_meter_reading (meter_id, unit_id, meter_type,
                    company_id, date, value, kind, kind_order, source, user_id,
                    consumption, anomaly, create_uid, create_date, write_uid,
                    write_date)
                VALUES %s
                """,
                rows,
                page_size=CHUNK,
            )
            self._progress(min(start + CHUNK, len(prepared)), len(prepared))
        Reading.invalidate_model()
        self.env["msom.meter"].invalidate_model(["reading_ids"])
        return len(prepared)
