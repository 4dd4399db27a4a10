# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _serve_fallback(cls):
        """A path with a NUL byte names no attachment, and PostgreSQL refuses
        it in the lookup: answer 404 (Odoo's answer to an unknown path)
        instead of a 500. Every other path keeps Odoo's fallback."""
        if "\x00" in request.httprequest.path:
            return None
        return super()._serve_fallback()
