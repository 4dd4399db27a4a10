# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import binascii
import hashlib
import io
import json
import uuid

from PIL import Image, UnidentifiedImageError

from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

SIGNATURE_MAX_BYTES = 2 * 1024 * 1024
SIGNATURE_MIN_INK = 30  # dark pixels; fewer is an empty pad or a stray tap
LOCKED_FIELDS = {
    "name", "ticket_id", "work_description", "date_start", "date_end", "hours",
    "material_ids", "photo_ids", "resident_name", "resident_absent",
    "absence_reason", "signature", "worker_name", "person_id", "signed_on",
    "content_hash", "pdf_sha256", "pdf_attachment_id", "access_token",
}  # fmt: skip


class MsomCompletionProtocol(models.Model):
    _name = "msom.completion.protocol"
    _description = "Completion Protocol"
    _order = "signed_on desc, id desc"
    _rec_names_search = ["name", "ticket_id"]

    name = fields.Char(string="Number", required=True, readonly=True, copy=False)
    ticket_id = fields.Many2one(
        "fsm.order", required=True, ondelete="restrict", index=True
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    location_id = fields.Many2one(related="ticket_id.location_id", store=True)
    contractor_id = fields.Many2one(related="ticket_id.contractor_id")
    work_description = fields.Text(string="Work Done", required=True)
    date_start = fields.Datetime(string="Work Started")
    date_end = fields.Datetime(string="Work Ended")
    hours = fields.Float(string="Time Spent (h)")
    material_ids = fields.One2many(
        "msom.completion.protocol.material", "protocol_id", string="Materials"
    )
    photo_ids = fields.Many2many(
        "ir.attachment",
        "msom_completion_protocol_photo_rel",
        "protocol_id",
        "attachment_id",
        string="Photos",
    )
    resident_name = fields.Char()
    resident_absent = fields.Boolean()
    absence_reason = fields.Text(string="Why Not Signed")
    signature = fields.Binary(string="Resident's Signature", attachment=True)
    worker_name = fields.Char(required=True)
    person_id = fields.Many2one("fsm.person", string="Worker")
    signed_on = fields.Datetime(required=True, default=fields.Datetime.now)
    submission_key = fields.Char(index=True, copy=False)
    content_hash = fields.Char(
        string="Content SHA-256",
        index=True,
        copy=False,
        help="SHA-256 of the protocol's content, printed on the PDF.",
    )
    pdf_sha256 = fields.Char(
        string="PDF SHA-256", index=True, copy=False, help="SHA-256 of the PDF file."
    )
    pdf_attachment_id = fields.Many2one("ir.attachment", string="PDF", copy=False)
    access_token = fields.Char(copy=False, index=True)
    verification_url = fields.Char(compute="_compute_verification_url")
    pdf_url = fields.Char(
        string="PDF Address",
        compute="_compute_verification_url",
        help="Download address for whoever may read the protocol (the "
        "resident's portal links to it).",
    )

    _token_uniq = models.Constraint(
        "UNIQUE(access_token)",
        lambda env, diag: env._("The verification token must be unique."),
    )

    def _compute_verification_url(self):
        base = self.get_base_url()
        for protocol in self:
            protocol.verification_url = (
                f"{base}/protokol/weryfikacja/{protocol.access_token}"
                if protocol.access_token
                else False
            )
            protocol.pdf_url = f"/protokol/{protocol.id}/pdf" if protocol.id else False

    @api.constrains("resident_absent", "resident_name", "absence_reason", "signature")
    def _check_signature(self):
        for protocol in self:
            if protocol.resident_absent:
                if not (protocol.absence_reason or "").strip():
                    raise ValidationError(
                        self.env._("Say why the resident did not sign the protocol.")
                    )
            elif not (protocol.resident_name or "").strip() or not protocol.signature:
                raise ValidationError(
                    self.env._(
                        "The protocol needs the resident's name and signature, or "
                        "“resident absent” with a reason."
                    )
                )

    def write(self, vals):
        if not self.env.context.get("msom_protocol_generation") and (
            LOCKED_FIELDS & set(vals)
        ):
            raise UserError(
                self.env._(
                    "A completion protocol cannot be changed once it is signed. "
                    "Make a new protocol if something was wrong."
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Creation from the contractor's pages
    # ------------------------------------------------------------------

    @api.model
    def _msom_decode_signature(self, data_url):
        """PNG bytes of a signature drawn on the phone; refuses empty pads."""
        data_url = (data_url or "").strip()
        if data_url.startswith("data:"):
            header, _sep, data_url = data_url.partition(",")
            if "image/png" not in header:
                data_url = ""
        try:
            raw = base64.b64decode(data_url, validate=True) if data_url else b""
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) > SIGNATURE_MAX_BYTES:
            raise ValidationError(self.env._("The signature image is too large."))
        try:
            image = Image.open(io.BytesIO(raw))
            image_format = image.format
            image.load()
        except (UnidentifiedImageError, OSError, ValueError):
            image_format = None
        if image_format != "PNG":
            raise ValidationError(
                self.env._("The resident's signature is missing: ask them to sign.")
            )
        flat = Image.new("RGBA", image.size, "white")
        flat.alpha_composite(image.convert("RGBA"))
        ink = flat.convert("L").point(lambda p: 255 if p < 160 else 0)
        if sum(ink.histogram()[255:]) < SIGNATURE_MIN_INK:
            raise ValidationError(
                self.env._(
                    "The signature field is empty: ask the resident to sign with "
                    "their finger, or mark them as absent."
                )
            )
        return raw

    @api.model
    def _msom_create_for_job(self, ticket, values):
        """Create, render and send the protocol of ``ticket`` (a contractor's
        job in progress). A second submission of the same content returns the
        first protocol."""
        ticket._msom_check_job()
        if ticket.job_stage != "in_progress":
            raise UserError(
                self.env._(
                    "A protocol is made while the job is in progress (job %(job)s "
                    "is “%(state)s”).",
                    job=ticket.name,
                    state=ticket.stage_id.name,
                )
            )
        work = (values.get("work_description") or "").strip()
        if not work:
            raise ValidationError(self.env._("Describe how the work was done."))
        absent = bool(values.get("resident_absent"))
        signature = False
        if absent:
            if not (values.get("absence_reason") or "").strip():
                raise ValidationError(
                    self.env._("Say why the resident did not sign the protocol.")
                )
        else:
            if not (values.get("resident_name") or "").strip():
                raise ValidationError(self.env._("Enter the resident's name."))
            signature = self._msom_decode_signature(values.get("signature"))
        start, end = values.get("date_start"), values.get("date_end")
        if start and end and end < start:
            raise ValidationError(self.env._("The work cannot end before it starts."))
        materials = []
        for line in values.get("materials") or []:
            name = (line.get("name") or "").strip()
            if not name:
                continue
            try:
                quantity = float(str(line.get("quantity") or "1").replace(",", "."))
            except ValueError:
                quantity = 0
            if quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "The quantity of “%(material)s” must be a positive number.",
                        material=name,
                    )
                )
            materials.append(
                {
                    "name": name[:200],
                    "quantity": quantity,
                    "uom": (line.get("uom") or "")[:20],
                }
            )
        photos = ticket.sudo().work_photo_ids
        if values.get("photo_ids") is not None:
            photos = photos.filtered(lambda a: a.id in values["photo_ids"])
        person = self.env["fsm.person"]._msom_for_user()
        vals = {
            "ticket_id": ticket.id,
            "work_description": work,
            "date_start": start or ticket.date_start,
            "date_end": end or ticket.date_end or fields.Datetime.now(),
            "hours": float(values.get("hours") or ticket.time_spent or 0.0),
            "resident_absent": absent,
            "resident_name": (values.get("resident_name") or "").strip()[:120],
            "absence_reason": (values.get("absence_reason") or "").strip() or False,
            "signature": base64.b64encode(signature) if signature else False,
            "worker_name": (values.get("worker_name") or "").strip()[:120]
            or person.name
            or self.env.user.partner_id.name,
            "person_id": person.id,
            "material_ids": [Command.create(m) for m in materials],
            "photo_ids": [Command.set(photos.ids)],
        }
        if not 0 <= vals["hours"] <= 1000:
            raise ValidationError(
                self.env._("The time spent must be between 0 and 1000 hours.")
            )
        key_source = dict(
            vals,
            signature=hashlib.sha256(signature or b"").hexdigest(),
            material_ids=materials,
            photo_ids=photos.ids,
            date_start=str(vals["date_start"] or ""),
            date_end=str(start and end or ""),
        )
        key = hashlib.sha256(
            json.dumps(key_source, sort_keys=True, default=str).encode()
        ).hexdigest()
        existing = self.sudo().search(
            [("ticket_id", "=", ticket.id), ("submission_key", "=", key)], limit=1
        )
        if existing:
            return existing.with_env(self.env)
        sequence = self.env["ir.sequence"].sudo()
        vals.update(
            name=sequence.next_by_code("msom.completion.protocol") or "/",
            submission_key=key,
            access_token=uuid.uuid4().hex,
        )
        protocol = self.sudo().create(vals)
        protocol._msom_generate_pdf()
        protocol._msom_send_to_reporter()
        if not ticket.time_spent and vals["hours"]:
            ticket._msom_flow().write({"time_spent": vals["hours"]})
        return protocol.with_env(self.env)

    # ------------------------------------------------------------------
    # Content hash and PDF
    # ------------------------------------------------------------------

    def _msom_content(self):
        """The protocol's content as canonical data (what the hash covers)."""
        self.ensure_one()
        ticket = self.ticket_id
        return {
            "number": self.name,
            "ticket": ticket.name,
            "location": ticket.location_id.display_name,
            "work": self.work_description,
            "start": fields.Datetime.to_string(self.date_start) or "",
            "end": fields.Datetime.to_string(self.date_end) or "",
            "hours": round(self.hours, 2),
            "materials": [
                [m.name, round(m.quantity, 3), m.uom or ""] for m in self.material_ids
            ],
            "photos": [a.checksum for a in self.photo_ids],
            "resident": self.resident_name or "",
            "absent": self.resident_absent,
            "absence_reason": self.absence_reason or "",
            "signature": hashlib.sha256(
                base64.b64decode(self.signature) if self.signature else b""
            ).hexdigest(),
            "worker": self.worker_name,
            "signed_on": fields.Datetime.to_string(self.signed_on),
        }

    def _msom_compute_content_hash(self):
        self.ensure_one()
        canonical = json.dumps(
            self._msom_content(),
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def _msom_generate_pdf(self):
        """Render the PDF with reportlab, attach it to the ticket."""
        self.ensure_one()
        protocol = self.sudo().with_context(lang=self.ticket_id._get_reporter_lang())
        content_hash = protocol._msom_compute_content_hash()
        pdf = protocol._msom_render_pdf(content_hash)
        ticket = protocol.ticket_id
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": "%s %s.pdf"
                    % (protocol.env._("Protocol"), protocol.name.replace("/", "-")),
                    "raw": pdf,
                    "mimetype": "application/pdf",
                    "res_model": "fsm.order",
                    "res_id": ticket.id,
                }
            )
        )
        protocol.with_context(msom_protocol_generation=True).write(
            {
                "content_hash": content_hash,
                "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
                "pdf_attachment_id": attachment.id,
            }
        )
        ticket._msom_flow().write({"attachment_ids": [Command.link(attachment.id)]})
        return attachment

    def _msom_send_to_reporter(self):
        """Post the PDF to the reporter (portal + e-mail)."""
        self.ensure_one()
        # As the superuser: mail drops attachments a portal user posts.
        ticket = self.ticket_id.with_user(SUPERUSER_ID)
        attachment = self.pdf_attachment_id
        lang = ticket._get_reporter_lang()
        body = self.with_context(lang=lang).env._(
            "The work on your ticket %(ticket)s is finished. The completion "
            "protocol %(number)s is attached.",
            ticket=ticket.name,
            number=self.name,
        )
        if ticket.reporter_partner_id:
            ticket.message_post(
                body=body,
                attachment_ids=attachment.ids,
                partner_ids=ticket.reporter_partner_id.ids,
                author_id=self.env.user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )
        else:
            ticket.message_post(
                body=body,
                attachment_ids=attachment.ids,
                author_id=self.env.user.partner_id.id,
                subtype_xmlid="mail.mt_note",
            )
            if ticket.reporter_email:
                self.env["mail.mail"].sudo().create(
                    {
                        "subject": self.env._(
                            "Completion protocol %(number)s", number=self.name
                        ),
                        "body_html": body,
                        "email_to": ticket.reporter_email,
                        "email_from": ticket.company_id.email_formatted
                        or self.env.user.email_formatted,
                        "attachment_ids": [Command.link(attachment.id)],
                    }
                )

    # ------------------------------------------------------------------
    # Verification
    # ------------------------------------------------------------------

    @api.model
    def _msom_verify(self, token=None, pdf=None, hash_value=None):
        """(protocol, result) where result is 'authentic', 'altered' or 'unknown'."""
        Protocol = self.sudo()
        protocol = (
            Protocol.search([("access_token", "=", token)], limit=1)
            if token
            else Protocol
        )
        if pdf is not None:
            digest = hashlib.sha256(pdf).hexdigest()
            match = Protocol.search([("pdf_sha256", "=", digest)], limit=1)
        elif hash_value:
            digest = hash_value.strip().lower()
            match = Protocol.search(
                ["|", ("pdf_sha256", "=", digest), ("content_hash", "=", digest)],
                limit=1,
            )
        else:
            return protocol, None
        if match and (not protocol or match == protocol):
            return match, "authentic"
        return protocol, "altered" if protocol else "unknown"
