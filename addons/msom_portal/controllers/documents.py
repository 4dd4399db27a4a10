# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .home import MsomPortalHome, attachment_response, is_resident

# model -> (report action, route segment)
PDF_REPORTS = {
    "msom.interest.note": "msom_collection.action_report_interest_note",
    "msom.payment.demand": "msom_collection.action_report_payment_demand",
}
PDF_ROUTES = {"interest-note": "msom.interest.note", "demand": "msom.payment.demand"}


def readable(model, record_id):
    """The record if the resident may read it (record rules), else 404."""
    record = request.env[model].browse(record_id).exists()
    try:
        record.check_access("read")
    except (AccessError, MissingError):
        raise request.not_found() from None
    if not record:
        raise request.not_found()
    return record


def pdf_response(pdf, name):
    name = (name or "dokument").replace("/", "_")
    return request.make_response(
        pdf,
        headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", len(pdf)),
            ("Content-Disposition", f'inline; filename="{name}.pdf"'),
        ],
    )


class MsomPortalDocuments(CustomerPortal):
    """Documents, interest notes, payment demands and the debt-collection file.

    Everything is read as the resident: msom_billing's record rules decide
    what is shown (portal-visible documents of the current units, posted
    notes, sent demands, the resident's own collection files)."""

    @http.route("/my/documents", type="http", auth="user", website=True, readonly=True)
    def msom_my_documents(self, **kw):
        env = request.env
        # the office's users would see every document of the company here
        domain = [] if is_resident() else [("id", "=", 0)]
        notes = env["msom.interest.note"].search(domain, limit=50)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_documents",
            documents=env["msom.document"].search(domain),
            notes=notes,
            open_amounts=notes.move_id._msom_open_amounts(),
            demands=env["msom.payment.demand"].search(domain, limit=50),
            cases=env["msom.collection.case"].search(domain),
        )
        return request.render("msom_portal.portal_my_documents", values)

    @http.route(
        "/my/documents/<int:document_id>/attachment/<int:attachment_id>",
        type="http",
        auth="user",
        website=True,
    )
    def msom_document_attachment(self, document_id, attachment_id, download=None, **kw):
        """A file of a document. Portal users have no access to attachments
        themselves: reading the document is the permission."""
        document = readable("msom.document", document_id)
        return attachment_response(
            document.msom_portal_attachments(), attachment_id, bool(download)
        )

    @http.route(
        "/my/documents/<string:kind>/<int:record_id>/pdf",
        type="http",
        auth="user",
        website=True,
    )
    def msom_document_pdf(self, kind, record_id, **kw):
        """The PDF of an interest note or a payment demand of the resident."""
        model = PDF_ROUTES.get(kind)
        if not model:
            raise request.not_found()
        record = readable(model, record_id)
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(PDF_REPORTS[model], record.ids)
        )
        return pdf_response(pdf, record.name)

    @http.route(
        "/my/documents/file/<int:case_id>", type="http", auth="user", website=True
    )
    def msom_collection_file(self, case_id, **kw):
        """The debt-collection file: stages, court and enforcement records,
        instalment schedule, as far as the record rules allow."""
        case = readable("msom.collection.case", case_id)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="msom_collection_file",
            case=case,
            events=case.event_ids,
            court_cases=case.court_case_ids,
            enforcements=case.enforcement_ids,
            agreements=case.agreement_ids,
            demands=case.demand_ids,
            documents=request.env["msom.document"].search([("case_id", "=", case.id)]),
        )
        return request.render("msom_portal.portal_my_collection_file", values)


class MsomPortalHomeDocuments(MsomPortalHome):
    def _msom_home_tiles(self):
        tiles = super()._msom_home_tiles()
        if not is_resident():
            return tiles
        env = request.env
        count = (
            env["msom.document"].search_count([])
            + env["msom.interest.note"].search_count([])
            + env["msom.payment.demand"].search_count([])
        )
        tiles.append(
            {
                "key": "documents",
                "sequence": 70,
                "title": env._("Documents"),
                "value": str(count),
                "text": env._("Contracts, notes, demands and your files"),
                "url": "/my/documents",
                "icon": "fa-folder-open",
                "variant": "secondary",
            }
        )
        return sorted(tiles, key=lambda tile: tile["sequence"])
