# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.msom_estate.tools import param_token

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
        # an unreadable token or hash is an unknown one
        asked = bool(token)
        token = param_token(token, "token")
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
        h = param_token((h or "").strip(), "hash")
        protocol, result = Protocol._msom_verify(token=token, pdf=pdf, hash_value=h)
        if asked and not protocol:
            result = "unknown"
        values = {
            "protocol": protocol.sudo(),
            "result": result if not error else None,
            "error": error,
            "token": token,
        }
        return request.render("msom_contractor.protocol_verification", values)

    @http.route("/protokol/<int:protocol_id>/pdf", type="http", auth="user")
    def msom_protocol_pdf(self, protocol_id, download=None, **kw):
        """The PDF for whoever may read the protocol under the record rules
        (the reporter, the unit's residents, the contractor, the office)."""
        protocol = request.env["msom.completion.protocol"].browse(protocol_id).exists()
        try:
            protocol.check_access("read")
        except AccessError:
            protocol = None
        if not protocol or not protocol.sudo().pdf_attachment_id:
            raise NotFound()
        stream = request.env["ir.binary"]._get_stream_from(
            protocol.sudo().pdf_attachment_id
        )
        return stream.get_response(as_attachment=bool(download))
