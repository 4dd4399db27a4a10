# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.exceptions import ValidationError

ALLOWED_MIMETYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/heic",
    "image/heif",
    "application/pdf",
}
DEFAULT_MAX_ATTACHMENT_MB = 10


class FsmOrder(models.Model):
    """Photos and documents attached to a ticket."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    @api.constrains("attachment_ids")
    def _check_attachments(self):
        limit_mb = self._max_attachment_mb()
        for attachment in self.attachment_ids:
            if attachment.mimetype not in ALLOWED_MIMETYPES:
                raise ValidationError(
                    self.env._(
                        "The file “%(name)s” (%(type)s) cannot be attached to a "
                        "ticket. Allowed are photos (JPEG, PNG, GIF, WebP, HEIC) "
                        "and PDF documents.",
                        name=attachment.name,
                        type=attachment.mimetype or "?",
                    )
                )
            if attachment.file_size > limit_mb * 1024 * 1024:
                raise ValidationError(
                    self.env._(
                        "The file “%(name)s” is %(size).1f MB; a ticket accepts "
                        "files up to %(limit)s MB.",
                        name=attachment.name,
                        size=attachment.file_size / 1024 / 1024,
                        limit=limit_mb,
                    )
                )

    @api.model
    def _max_attachment_mb(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("msom_tickets.attachment_max_mb", DEFAULT_MAX_ATTACHMENT_MB)
        )
        try:
            return float(value)
        except ValueError:
            return DEFAULT_MAX_ATTACHMENT_MB
