# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import math
from textwrap import shorten

from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import html2plaintext
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.msom_estate.tools import geodesic_distance_m, param_text
from odoo.addons.msom_tickets.models.fsm_order_attachment import ALLOWED_MIMETYPES
from odoo.addons.msom_tickets.models.fsm_stage import OPEN_STATES

# Photos only: the forms take pictures; PDFs come from the office and contractors.
PHOTO_MIMETYPES = ALLOWED_MIMETYPES - {"application/pdf"}
NEAREST_BUILDING_M = 300
MAX_DESCRIPTION = 4000
DEFAULT_MAX_PHOTOS = 5


def int_param(env, key, default):
    """An integer system parameter, ``default`` when unset or not a number."""
    value = env["ir.config_parameter"].sudo().get_param(key, default)
    try:
        return int(value)
    except ValueError:
        return default


class FsmOrder(models.Model):
    _inherit = "fsm.order"

    # Residents answer on their tickets from the portal chatter: reading the
    # ticket (granted by msom_tickets' record rules) is enough to post on it.
    _mail_post_access = "read"

    msom_entry_permission = fields.Boolean(
        string="Entry When Absent",
        tracking=True,
        help="The reporter allows the contractor to enter the unit when nobody "
        "is at home (with the administration's key).",
    )

    def _msom_resident_report_fields(self):
        return super()._msom_resident_report_fields() | {"msom_entry_permission"}

    # ------------------------------------------------------------------
    # Input from the portal forms (resident and anonymous)
    # ------------------------------------------------------------------

    @api.model
    def _msom_portal_max_photos(self):
        return int_param(self.env, "msom_portal.report_max_photos", DEFAULT_MAX_PHOTOS)

    @api.model
    def _msom_portal_read_photos(self, files):
        """Check uploaded photos; return [(name, data, mimetype)].

        The type is sniffed from the content, not taken from the browser.
        """
        files = [f for f in files if f and getattr(f, "filename", None)]
        if len(files) > self._msom_portal_max_photos():
            raise UserError(
                self.env._(
                    "You can attach at most %(count)s photos.",
                    count=self._msom_portal_max_photos(),
                )
            )
        limit_mb = self._max_attachment_mb()
        photos = []
        for upload in files:
            data = upload.read(int(limit_mb * 1024 * 1024) + 1)
            if len(data) > limit_mb * 1024 * 1024:
                raise UserError(
                    self.env._(
                        "The photo “%(name)s” is larger than %(limit)s MB.",
                        name=upload.filename,
                        limit=limit_mb,
                    )
                )
            mimetype = guess_mimetype(data, default="")
            if mimetype not in PHOTO_MIMETYPES:
                raise UserError(
                    self.env._(
                        "“%(name)s” is not a photo. Attach JPEG, PNG, GIF, WebP or "
                        "HEIC images.",
                        name=upload.filename,
                    )
                )
            photos.append((upload.filename[:200], data, mimetype))
        return photos

    @api.model
    def _msom_portal_parse_point(self, latitude, longitude):
        """(lat, lon) from form strings, or (None, None) when no pin is set."""
        if not latitude and not longitude:
            return None, None
        try:
            lat, lon = float(latitude), float(longitude)
        except (TypeError, ValueError) as error:
            raise UserError(
                self.env._("The map pin is not a valid position; set it again.")
            ) from error
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise UserError(
                self.env._("The map pin is not a valid position; set it again.")
            )
        return lat, lon

    @api.model
    def _msom_nearest_building(self, latitude, longitude, company_ids=None):
        """The nearest registry building within NEAREST_BUILDING_M of a pin."""
        dlat = NEAREST_BUILDING_M / 111_320.0
        dlon = dlat / max(math.cos(math.radians(latitude)), 0.01)
        domain = (
            Domain("location_level", "=", "building")
            & Domain("partner_latitude", ">=", latitude - dlat)
            & Domain("partner_latitude", "<=", latitude + dlat)
            & Domain("partner_longitude", ">=", longitude - dlon)
            & Domain("partner_longitude", "<=", longitude + dlon)
        )
        if company_ids:
            domain &= Domain("company_id", "in", list(company_ids) + [False])
        buildings = self.env["fsm.location"].sudo().search(domain, limit=200)
        best, best_distance = self.env["fsm.location"], NEAREST_BUILDING_M
        for building in buildings:
            distance = geodesic_distance_m(
                latitude,
                longitude,
                building.partner_latitude,
                building.partner_longitude,
            )
            if distance <= best_distance:
                best, best_distance = building, distance
        return best

    @api.model
    def _msom_portal_description(self, text):
        text = param_text(text, self.env._("Description"), MAX_DESCRIPTION)
        if not text:
            raise UserError(self.env._("Describe the problem."))
        paragraphs = [escape(p) for p in text.split("\n")]
        return Markup("<p>%s</p>") % Markup("<br/>").join(paragraphs)

    @api.model
    def _msom_portal_time_window(self, date, time_from, time_to):
        """Proposed visit date and hour window from the form."""
        vals = {}
        if date:
            try:
                day = fields.Date.to_date(date)
            except ValueError as error:
                raise UserError(
                    self.env._("The proposed date is not valid.")
                ) from error
            if day < fields.Date.context_today(self):
                raise UserError(self.env._("The proposed date is in the past."))
            vals["proposed_date"] = day
        if time_from or time_to:
            try:
                start = self._msom_hour(time_from)
                end = self._msom_hour(time_to)
            except ValueError as error:
                raise UserError(
                    self.env._("Give the proposed hours as HH:MM.")
                ) from error
            if not (0 <= start < end <= 24):
                raise UserError(
                    self.env._(
                        "The proposed time window must start before it ends, "
                        "between 0:00 and 24:00."
                    )
                )
            vals.update(proposed_time_from=start, proposed_time_to=end)
        return vals

    @staticmethod
    def _msom_hour(value):
        hours, _sep, minutes = (value or "").partition(":")
        return int(hours) + int(minutes or 0) / 60.0

    def _msom_attach_photos(self, photos):
        """Store checked photos on the ticket (as superuser: the reporter may
        not write the ticket), linked to it so they follow its access."""
        self.ensure_one()
        if not photos:
            return self.env["ir.attachment"]
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "datas": base64.b64encode(data),
                        "mimetype": mimetype,
                        "res_model": "fsm.order",
                        "res_id": self.id,
                    }
                    for name, data, mimetype in photos
                ]
            )
        )
        self.sudo().attachment_ids = [Command.link(a.id) for a in attachments]
        return attachments

    # ------------------------------------------------------------------
    # Portal reads
    # ------------------------------------------------------------------

    @api.model
    def _msom_portal_duplicates(
        self, location, category, latitude=None, longitude=None
    ):
        """Open tickets a resident may be about to report again.

        {"tickets": [number, summary, group, place, state, date of each one
        the resident may open], "others": whether tickets they may not open
        exist}: of those, not even the number is shown.
        """
        if not location or not category:
            return {"tickets": [], "others": False}
        probe = self.sudo().new(
            {
                "is_ticket": True,
                "location_id": location.id,
                "category_id": category.id,
                "company_id": location.company_id.id or self.env.company.id,
            }
        )
        if latitude is not None:
            probe.latitude, probe.longitude = latitude, longitude
        found = probe._find_duplicates(limit=5).filtered(
            lambda ticket: ticket.ticket_state in OPEN_STATES
        )
        readable = found.with_env(self.env)._filtered_access("read").sudo()
        return {
            "tickets": [
                {
                    "name": ticket.name,
                    "summary": shorten(
                        html2plaintext(ticket.description or ""), 80, placeholder="…"
                    ),
                    "group": ticket.category_id.name,
                    "place": ticket.location_id.display_name,
                    "state": ticket.stage_id.name,
                    "date": fields.Date.to_string(ticket.report_date.date()),
                }
                for ticket in readable
            ],
            "others": len(readable) < len(found),
        }

    def _msom_portal_history(self):
        """Stage changes of the ticket: [(date, old stage, new stage)]."""
        self.ensure_one()
        self.check_access("read")
        values = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "fsm.order"),
                    ("mail_message_id.res_id", "=", self.id),
                    ("field_id.name", "=", "stage_id"),
                ],
                order="id",
            )
        )
        return [
            (value.create_date, value.old_value_char, value.new_value_char)
            for value in values
        ]

    def _msom_portal_documents(self):
        """Photos, protocols and other files attached to the ticket."""
        self.ensure_one()
        self.check_access("read")
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", "fsm.order"), ("res_id", "=", self.id)],
                order="id",
            )
        )
