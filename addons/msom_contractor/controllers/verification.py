# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.http import request

MAX_PDF_BYTES = 30 * 1024 * 1024


class ProtocolVerification(http.Controller):
    @http.route(
        ["/protokol/weryfikacja", "/protokol/weryfikacja/<string:token>"],
        type="http",
        auth="public",
        methods=["GET", "POST"],
        sitemap=False,
        website=True,
    )
    def msom_verify(self, token=None, h=None, **post):
        """Public check of a protocol: its QR code leads here with the content
        hash; anyone can upload the PDF or paste a hash to check it."""
        Protocol = request.env["msom.completion.protocol"]
        pdf = None
        error = None
        if request.httprequest.method == "POST":
            upload = request.httprequest.files.get("pdf")
            if upload and upload.filename:
                pdf = upload.read(MAX_PDF_BYTES + 1)
                if len(pdf) > MAX_PDF_BYTES or not pdf.startswith(b"%PDF"):
                    error = request.env._("This is not a protocol PDF.")
                    pdf = None
            h = post.get("hash") or None
        protocol, result = Protocol._msom_verify(token=token, pdf=pdf, hash_value=h)
        if token and not protocol:
            result = "unknown"
        values = {
            "protocol": protocol.sudo(),
            "result": result if not error else None,
            "error": error,
            "token": token,
        }
        return request.render("msom_contractor.protocol_verification", values)
