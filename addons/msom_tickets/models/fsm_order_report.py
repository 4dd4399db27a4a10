# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
from textwrap import shorten

from markupsafe import Markup, escape

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from odoo.addons.msom_estate.tools import check_upload, param_text

from .fsm_order_attachment import ALLOWED_MIMETYPES
from .fsm_stage import OPEN_STATES

# Photos only: the forms take pictures; PDFs come from the office and contractors.
PHOTO_MIMETYPES = ALLOWED_MIMETYPES - {"application/pdf"}
MAX_DESCRIPTION = 4000


class FsmOrder(models.Model):
    """What a reporter sends: the public API of report forms (the resident
    portal, the anonymous form) for checking their input, attaching photos
    and showing likely duplicates before sending."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _msom_report_photos(self, files, max_count):
        """Check uploaded photos; return [(name, data, mimetype)].

        The type is sniffed from the content, not taken from the browser.
        """
        files = [f for f in files if f and getattr(f, "filename", None)]
        if len(files) > max_count:
            raise UserError(
                self.env._("You can attach at most %(count)s photos.", count=max_count)
            )
        limit_mb = self._max_attachment_mb()
        photos = []
        for upload in files:
            data = upload.read(int(limit_mb * 1024 * 1024) + 1)
            mimetype = check_upload(
                self.env,
                upload.filename,
                data,
                limit_mb,
                PHOTO_MIMETYPES,
                self.env._(
                    "“%(name)s” is not a photo. Attach JPEG, PNG, GIF, WebP or "
                    "HEIC images.",
                    name=upload.filename,
                ),
            )
            photos.append((upload.filename[:200], data, mimetype))
        return photos

    @api.model
    def _msom_report_point(self, latitude, longitude):
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
    def _msom_report_description(self, text):
        """The reporter's plain text as the ticket's HTML description."""
        text = param_text(text, self.env._("Description"), MAX_DESCRIPTION)
        if not text:
            raise UserError(self.env._("Describe the problem."))
        paragraphs = [escape(p) for p in text.split("\n")]
        return Markup("<p>%s</p>") % Markup("<br/>").join(paragraphs)

    @api.model
    def _msom_report_time_window(self, date, time_from, time_to):
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

    @api.model
    def _msom_report_duplicates(
        self, location, category, latitude=None, longitude=None
    ):
        """Open tickets a reporter may be about to report again.

        {"tickets": [number, summary, group, place, state, date of each one
        the caller may open], "others": whether tickets they may not open
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
