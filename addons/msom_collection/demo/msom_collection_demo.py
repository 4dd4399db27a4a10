# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io
import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from odoo import api, fields, models
from odoo.fields import Command
from odoo.tools.misc import file_path

from odoo.addons.msom_estate.tools import demo_env, demo_generated_before

_logger = logging.getLogger(__name__)


class MsomCollectionDemo(models.AbstractModel):
    """Demo: interest notes, demands and collection files for the debtors of
    the billing demo, consents and documents."""

    _name = "msom.collection.demo"
    _description = "Debt Collection Demo Data"

    @api.model
    def _generate_demo(self):
        if demo_generated_before(self.env, "msom_collection.demo"):
            return
        self.with_env(demo_env(self.env, "msom_collection"))._demo_collection()

    @api.model
    def _demo_collection(self):
        env = self.env
        today = fields.Date.context_today(self)
        units = (
            env["account.move.line"]
            .search([("unit_id", "!=", False), ("msom_component_id", "!=", False)])
            .unit_id
        )
        if not units:
            return
        resident = env.ref("msom_estate.partner_demo_resident")
        if resident.email:
            resident.msom_grant_consent("einvoice", "office")
        self._demo_resident_portal(resident, today)
        first_of_month = today.replace(day=1)
        interest = env["msom.interest.run"].create(
            {
                "date_from": first_of_month - relativedelta(months=12),
                "date_to": today,
                "date": today,
                "min_amount": 0.01,
            }
        )
        interest.action_compute()
        # three demand runs a month apart: debtors climb the stages
        for months_ago in (2, 1, 0):
            day = today - relativedelta(months=months_ago)
            run = env["msom.payment.demand.run"].create({"date": day})
            run.action_generate()
        cases = env["msom.collection.case"].search(
            [("stage", "=", "final_demand")], limit=3
        )
        if cases:
            first = cases[0]
            court = env["msom.court.case"].create(
                {
                    "case_id": first.id,
                    "reference": "VI Nc-e 1234567/26",
                    "claim_amount": first.amount_claimed or 500.0,
                    "filed_date": today - timedelta(days=20),
                    "order_date": today - timedelta(days=10),
                    "order_served_date": today - timedelta(days=8),
                }
            )
            env["msom.document"].create(
                {
                    "name": env._("Order for payment in summary proceedings"),
                    "document_type": "court",
                    "case_id": first.id,
                    "unit_id": first.unit_id.id,
                    "partner_id": first.partner_id.id,
                    "date": court.order_date,
                }
            )
        if len(cases) > 1:
            agreement = env["msom.installment.agreement"].create(
                {
                    "case_id": cases[1].id,
                    "total_amount": cases[1].amount_claimed or 600.0,
                    "installment_count": 6,
                    "first_due_date": first_of_month + relativedelta(months=1),
                }
            )
            agreement.action_activate()
        _logger.info(
            "Collection demo: %s files", env["msom.collection.case"].search_count([])
        )

    @api.model
    def _demo_resident_portal(self, partner, today):
        """What the demo resident's portal shows: an annex to their contract
        with a PDF. Returns the document."""
        units = partner._get_current_units()
        if not units:
            return None
        unit = units[0]
        signed = today - timedelta(days=20)
        env = self.env
        title = env._("Annex no. 1 to the agreement on the use of the unit")
        text = [
            env._(
                "made on %(date)s between %(company)s and %(partner)s.",
                date=signed.strftime("%d.%m.%Y"),
                company=unit.company_id.name or "",
                partner=partner.name,
            ),
            env._("Unit: %(unit)s.", unit=unit.complete_name or unit.name),
            env._(
                "§ 1. The parties move the due day of the charges to the 10th "
                "day of the month."
            ),
            env._("§ 2. The charges are paid to the unit's individual account."),
            env._("§ 3. The other terms of the agreement remain unchanged."),
        ]
        document = self.env["msom.document"].create(
            {
                "name": title,
                "document_type": "annex",
                "reference": "ANX/%s/001" % today.year,
                "date": signed,
                "company_id": unit.company_id.id or self.env.company.id,
                "unit_id": unit.id,
                "partner_id": partner.id,
                "portal_visible": True,
                "attachment_ids": [
                    Command.create(
                        {
                            "name": env._("annex_1.pdf"),
                            "mimetype": "application/pdf",
                            "raw": self._demo_pdf(title, text),
                        }
                    )
                ],
            }
        )
        return document

    @api.model
    def _demo_pdf(self, title, lines):
        """A one-page PDF with a title and lines of text (Polish letters in
        the Lato font shipped with web)."""
        font = "MsomLato"
        if font not in pdfmetrics.getRegisteredFontNames():
            path = file_path("web/static/fonts/lato/Lato-Reg-webfont.ttf")
            pdfmetrics.registerFont(TTFont(font, path))
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4)
        pdf.setTitle(title)
        pdf.setFont(font, 14)
        pdf.drawString(56, 780, title)
        pdf.setFont(font, 10)
        for index, line in enumerate(lines):
            pdf.drawString(56, 750 - 16 * index, line)
        pdf.showPage()
        pdf.save()
        return buffer.getvalue()
