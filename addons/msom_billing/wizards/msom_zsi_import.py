# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io
import logging
import re
import time
from datetime import date, datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.modules import module as odoo_module
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# target field -> (header aliases, required)
TARGETS = {
    "units": {
        "building": (("budynek", "building", "adres budynku"), True),
        "unit_number": (("nr lokalu", "lokal", "unit", "numer lokalu"), True),
        "usable_area": (("powierzchnia", "pow. użytkowa", "area"), True),
        "unit_type": (("rodzaj lokalu", "typ", "type"), False),
        "room_count": (("pokoje", "liczba pokoi", "rooms"), False),
        "floor": (("piętro", "kondygnacja", "floor"), False),
        "registered_persons": (("osoby", "liczba osób", "persons"), False),
    },
    "occupants": {
        "building": (("budynek", "building"), True),
        "unit_number": (("nr lokalu", "lokal", "unit"), True),
        "name": (("nazwisko i imię", "nazwa", "name", "właściciel"), True),
        "role": (("tytuł prawny", "rola", "role"), False),
        "email": (("e-mail", "email"), False),
        "date_from": (("od dnia", "data od", "date from"), False),
    },
    "balances": {
        "building": (("budynek", "building"), True),
        "unit_number": (("nr lokalu", "lokal", "unit"), True),
        "name": (("nazwisko i imię", "nazwa", "name"), True),
        "amount": (("saldo", "kwota", "balance", "amount"), True),
        "date": (("na dzień", "data", "date"), True),
    },
}
UNIT_TYPES = {"m": "residential", "mieszkalny": "residential", "residential":
              "residential", "u": "commercial", "użytkowy": "commercial",
              "commercial": "commercial", "g": "garage", "garaż": "garage",
              "garage": "garage", "k": "storage", "komórka": "storage",
              "storage": "storage"}  # fmt: skip
ROLES = {"właściciel": "owner", "owner": "owner", "współwłaściciel": "co_owner",
         "co_owner": "co_owner", "członek": "member", "member": "member",
         "najemca": "tenant", "tenant": "tenant", "mieszkaniec": "resident",
         "resident": "resident"}  # fmt: skip
CHUNK = 5000


class MsomZsiImport(models.TransientModel):
    """Import of ZSI-style exports (.xls, .xlsx): units, occupants and opening
    balances (msom_meter adds meter readings). A dry run lists the errors per row; the
    import writes a file completely or not at all."""

    _name = "msom.zsi.import"
    _description = "ZSI Import"

    kind = fields.Selection(
        [
            ("units", "Units"),
            ("occupants", "Occupants"),
            ("balances", "Opening balances"),
        ],
        required=True,
        default="units",
    )
    file = fields.Binary(required=True)
    filename = fields.Char()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    mapping_ids = fields.One2many(
        "msom.zsi.import.mapping", "wizard_id", string="Column Mapping"
    )
    error_ids = fields.One2many("msom.zsi.import.error", "wizard_id", string="Errors")
    state = fields.Selection(
        [("draft", "Draft"), ("checked", "Checked"), ("done", "Imported")],
        default="draft",
    )
    row_count = fields.Integer(readonly=True)
    error_count = fields.Integer(readonly=True)
    imported_count = fields.Integer(readonly=True)
    progress = fields.Float(compute="_compute_progress")
    duration = fields.Float(readonly=True)

    @api.model
    def _targets(self):
        """{kind: {target field: (header aliases, required)}}; modules that
        add a kind add its columns."""
        return TARGETS

    # ------------------------------------------------------------ reading

    def _read_rows(self):
        """(headers, rows) of the first sheet; values as Python objects."""
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose a file to import."))
        content = base64.b64decode(self.file)
        name = (self.filename or "").lower()
        try:
            if name.endswith(".xls"):
                rows = self._read_xls(content)
            else:
                rows = self._read_xlsx(content)
        except UserError:
            raise
        except Exception as error:
            raise UserError(
                self.env._(
                    "The file %(name)s is not a readable .xls or .xlsx spreadsheet "
                    "(%(error)s).",
                    name=self.filename or "",
                    error=str(error)[:200],
                )
            ) from error
        if not rows:
            raise UserError(self.env._("The spreadsheet is empty."))
        headers = [str(value or "").strip() for value in rows[0]]
        return headers, rows[1:]

    @api.model
    def _read_xlsx(self, content):
        import openpyxl

        book = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True
        )
        sheet = book.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        book.close()
        return [row for row in rows if any(v not in (None, "") for v in row)]

    @api.model
    def _read_xls(self, content):
        import xlrd

        book = xlrd.open_workbook(file_contents=content)
        sheet = book.sheet_by_index(0)
        rows = []
        for index in range(sheet.nrows):
            row = []
            for cell in sheet.row(index):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                elif cell.ctype == xlrd.XL_CELL_EMPTY:
                    row.append(None)
                else:
                    row.append(cell.value)
            if any(v not in (None, "") for v in row):
                rows.append(row)
        return rows

    def action_detect_columns(self):
        """Propose the column mapping from the header row."""
        for wizard in self:
            headers, _rows = wizard._read_rows()
            lowered = {header.lower(): header for header in headers}
            commands = [Command.clear()]
            for target, (aliases, _required) in wizard._targets()[wizard.kind].items():
                column = next((lowered[a] for a in aliases if a in lowered), False)
                commands.append(Command.create({"target": target, "column": column}))
            wizard.mapping_ids = commands
        return self._reopen()

    def _column_indexes(self, headers):
        mapping = {m.target: m.column for m in self.mapping_ids if m.column}
        if not self.mapping_ids:
            lowered = {header.lower(): header for header in headers}
            for target, (aliases, _required) in self._targets()[self.kind].items():
                column = next((lowered[a] for a in aliases if a in lowered), None)
                if column:
                    mapping[target] = column
        indexes = {}
        problems = []
        for target, (_aliases, required) in self._targets()[self.kind].items():
            column = mapping.get(target)
            if column and column not in headers:
                problems.append(
                    self.env._(
                        "column %(column)s (mapped to %(target)s) is not in the file",
                        column=column,
                        target=target,
                    )
                )
            elif column:
                indexes[target] = headers.index(column)
            elif required:
                problems.append(
                    self.env._("no column is mapped to %(target)s", target=target)
                )
        if problems:
            raise UserError(
                self.env._("Wrong columns: %(problems)s. The file has: %(headers)s.",
                           problems="; ".join(problems), headers=", ".join(headers))
            )  # fmt: skip
        return indexes

    # ---------------------------------------------------------- converting

    @api.model
    def _to_date(self, value):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value or "").strip()
        for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"):
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(self.env._("%(value)s is not a date", value=text))

    @api.model
    def _to_float(self, value):
        if isinstance(value, (int, float)):
            return float(value)
        text = re.sub(r"[\s\xa0]", "", str(value or "")).replace(",", ".")
        try:
            return float(text)
        except ValueError:
            raise ValueError(
                self.env._("%(value)s is not a number", value=value)
            ) from None

    @api.model
    def _to_text(self, value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value if value is not None else "").strip()

    # ------------------------------------------------------------- running

    def action_dry_run(self):
        self._run(dry=True)
        return self._reopen()

    def action_import(self):
        self._run(dry=False)
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _run(self, dry):
        self.ensure_one()
        started = time.perf_counter()
        headers, rows = self._read_rows()
        indexes = self._column_indexes(headers)
        records = []
        errors = []
        for number, row in enumerate(rows, start=2):
            values = {}
            for target, index in indexes.items():
                values[target] = row[index] if index < len(row) else None
            records.append((number, values))
        prepared, errors = getattr(self, "_prepare_%s" % self.kind)(records)
        imported = 0
        if not errors and not dry:
            try:
                with self.env.cr.savepoint():
                    imported = getattr(self, "_write_%s" % self.kind)(prepared)
            except UserError:
                raise
            except Exception as error:
                raise UserError(
                    self.env._(
                        "Nothing was imported: %(error)s", error=str(error)[:300]
                    )
                ) from error
        self.error_ids.unlink()
        self.env["msom.zsi.import.error"].create(
            [
                {"wizard_id": self.id, "row": row, "message": message}
                for row, message in errors[:2000]
            ]
        )
        self.write(
            {
                "row_count": len(records),
                "error_count": len(errors),
                "imported_count": imported,
                "state": "done" if imported else "checked",
                "duration": time.perf_counter() - started,
            }
        )
        if errors and not dry:
            raise UserError(
                self.env._(
                    "Nothing was imported: %(count)s rows have errors (first: row "
                    "%(row)s: %(message)s). Run the check to see them all.",
                    count=len(errors),
                    row=errors[0][0],
                    message=errors[0][1],
                )
            )
        return imported

    def _progress(self, done, total):
        """Progress of a long import, visible to other sessions at once (see
        msom.zsi.import.progress)."""
        percent = 100.0 * done / total if total else 100.0
        _logger.info("ZSI import %s: %s/%s rows", self.id, done, total)
        if not self.id:
            return
        query = SQL(
            """
            INSERT INTO msom_zsi_import_progress (wizard_id, percent, create_uid,
                create_date, write_uid, write_date)
            VALUES (%(wizard)s, %(percent)s, %(uid)s, now() at time zone 'UTC',
                %(uid)s, now() at time zone 'UTC')
            ON CONFLICT (wizard_id) DO UPDATE
               SET percent = EXCLUDED.percent, write_date = EXCLUDED.write_date
            """,
            wizard=self.id,
            percent=round(percent, 1),
            uid=self.env.uid,
        )
        if odoo_module.current_test:  # tests run in one transaction
            self.env.cr.execute(query)
            return
        with self.env.registry.cursor() as cr:
            cr.execute(query)

    def _compute_progress(self):
        # read from the table: the row changes under this transaction
        running = self.filtered(lambda wizard: wizard.id and wizard.state != "done")
        percent = dict(
            self.env.execute_query(
                SQL(
                    "SELECT wizard_id, percent FROM msom_zsi_import_progress"
                    " WHERE wizard_id = ANY(%s)",
                    running.ids,
                )
            )
            if running
            else []
        )
        for wizard in self:
            if wizard.state == "done":
                wizard.progress = 100.0
            else:
                wizard.progress = percent.get(wizard.id, 0.0)

    # ------------------------------------------------------------ lookups

    def _units_by_key(self):
        """{(building name lower, unit number): unit} of the company."""
        self.env.cr.execute(
            SQL("""
            SELECT lower(trim(bp.name)), u.unit_number, u.id
              FROM fsm_location u
              JOIN fsm_location b ON b.id = u.building_id
              JOIN res_partner bp ON bp.id = b.partner_id
             WHERE u.location_level = 'unit' AND u.unit_number IS NOT NULL
            """)
        )
        return {(name, number): uid for name, number, uid in self.env.cr.fetchall()}

    def _buildings_by_name(self):
        buildings = self.env["fsm.location"].search(
            [("location_level", "=", "building")]
        )
        return {b.name.strip().lower(): b for b in buildings}

    def _unit_of(self, values, units):
        building = self._to_text(values.get("building")).lower()
        number = self._to_text(values.get("unit_number"))
        unit_id = units.get((building, number))
        if not unit_id:
            raise ValueError(
                self.env._(
                    "unit %(number)s in building %(building)s does not exist",
                    number=number,
                    building=values.get("building"),
                )
            )
        return unit_id

    # -------------------------------------------------------------- units

    def _prepare_units(self, records):
        buildings = self._buildings_by_name()
        existing = self._units_by_key()
        prepared, errors, seen = [], [], set()
        for number, values in records:
            try:
                name = self._to_text(values["building"])
                building = buildings.get(name.lower())
                if not building:
                    raise ValueError(
                        self.env._("building %(name)s does not exist", name=name)
                    )
                unit_number = self._to_text(values["unit_number"])
                if not unit_number:
                    raise ValueError(self.env._("the unit number is empty"))
                key = (name.lower(), unit_number)
                if key in existing or key in seen:
                    raise ValueError(
                        self.env._("unit %(number)s already exists", number=unit_number)
                    )
                seen.add(key)
                area = self._to_float(values["usable_area"])
                if area <= 0:
                    raise ValueError(self.env._("the usable area must be above zero"))
                kind = self._to_text(values.get("unit_type")).lower() or "m"
                if kind not in UNIT_TYPES:
                    raise ValueError(
                        self.env._("unknown unit type %(type)s", type=kind)
                    )
                vals = {
                    "location_level": "unit",
                    "parent_id": building.id,
                    "unit_number": unit_number,
                    "usable_area": area,
                    "unit_type": UNIT_TYPES[kind],
                }
                for target in ("room_count", "floor", "registered_persons"):
                    if values.get(target) not in (None, ""):
                        vals[target] = int(self._to_float(values[target]))
                prepared.append(vals)
            except ValueError as error:
                errors.append((number, str(error)))
        return prepared, errors

    def _write_units(self, prepared):
        Location = self.env["fsm.location"]
        for start in range(0, len(prepared), CHUNK):
            Location.create(prepared[start : start + CHUNK])
            self._progress(min(start + CHUNK, len(prepared)), len(prepared))
        return len(prepared)

    # ---------------------------------------------------------- occupants

    def _prepare_occupants(self, records):
        units = self._units_by_key()
        prepared, errors = [], []
        for number, values in records:
            try:
                unit_id = self._unit_of(values, units)
                name = self._to_text(values["name"])
                if not name:
                    raise ValueError(self.env._("the name is empty"))
                role = self._to_text(values.get("role")).lower() or "owner"
                if role not in ROLES:
                    raise ValueError(self.env._("unknown role %(role)s", role=role))
                email = self._to_text(values.get("email"))
                if email and "@" not in email:
                    raise ValueError(
                        self.env._("%(email)s is not an e-mail address", email=email)
                    )
                date_from = (
                    self._to_date(values["date_from"])
                    if values.get("date_from")
                    else fields.Date.context_today(self)
                )
                prepared.append(
                    {
                        "unit_id": unit_id,
                        "name": name,
                        "email": email,
                        "role": ROLES[role],
                        "date_from": date_from,
                    }
                )
            except ValueError as error:
                errors.append((number, str(error)))
        return prepared, errors

    def _write_occupants(self, prepared):
        partners = self.env["res.partner"].create(
            [{"name": p["name"], "email": p["email"] or False} for p in prepared]
        )
        self.env["msom.occupancy"].create(
            [
                {
                    "unit_id": p["unit_id"],
                    "partner_id": partner.id,
                    "role": p["role"],
                    "date_from": p["date_from"],
                    "share_numerator": 1,
                    "share_denominator": 1,
                }
                for p, partner in zip(prepared, partners, strict=True)
            ]
        )
        return len(prepared)

    # ----------------------------------------------------------- balances

    def _prepare_balances(self, records):
        units = self._units_by_key()
        prepared, errors = [], []
        for number, values in records:
            try:
                unit_id = self._unit_of(values, units)
                amount = round(self._to_float(values["amount"]), 2)
                day = self._to_date(values["date"])
                name = self._to_text(values["name"])
                occupancy = self.env["msom.occupancy"].search(
                    [("unit_id", "=", unit_id), ("partner_id.name", "=ilike", name)],
                    limit=1,
                )
                if not occupancy:
                    raise ValueError(
                        self.env._("%(name)s is not an occupant of the unit", name=name)
                    )
                if amount:
                    prepared.append(
                        {
                            "unit_id": unit_id,
                            "partner_id": occupancy.partner_id.id,
                            "amount": amount,
                            "date": day,
                        }
                    )
            except ValueError as error:
                errors.append((number, str(error)))
        return prepared, errors

    def _write_balances(self, prepared):
        company = self.company_id
        journal = company._msom_get_charge_journal()
        opening = self.env["account.account"].search(
            [
                ("company_ids", "in", company.id),
                ("account_type", "=", "equity_unaffected"),
            ],
            limit=1,
        )
        if not opening:
            raise UserError(
                self.env._("The chart of accounts has no account for opening balances.")
            )
        Move = self.env["account.move"]
        label = self.env._("Opening balance")
        vals_list = [
            Move._msom_unit_entry_vals(
                journal,
                item["date"],
                self.env["res.partner"].browse(item["partner_id"]),
                self.env["fsm.location"].browse(item["unit_id"]),
                item["amount"],
                opening,
                (label, label),
                date_maturity=item["date"],
            )
            for item in prepared
        ]
        moves = self.env["account.move"].create(vals_list)
        moves.action_post()
        return len(moves)
