# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io
import os

import pytz
from PIL import Image

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)
PDF_PHOTO_SIDE = 800  # ~250 dpi at the printed 8 cm


def _register_fonts():
    """Register DejaVu Sans (Polish letters) with reportlab, once."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "MsomSans" in pdfmetrics.getRegisteredFontNames():
        return True
    for path in FONT_CANDIDATES:
        bold = path.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
        if os.path.exists(path):
            pdfmetrics.registerFont(TTFont("MsomSans", path))
            pdfmetrics.registerFont(
                TTFont("MsomSans-Bold", bold if os.path.exists(bold) else path)
            )
            pdfmetrics.registerFontFamily(
                "MsomSans", normal="MsomSans", bold="MsomSans-Bold"
            )
            return True
    return False


class MsomCompletionProtocol(models.Model):
    """The protocol's PDF, drawn with reportlab (the project's PDF library
    for it: a signed document whose bytes are hashed, independent of
    wkhtmltopdf)."""

    _inherit = "msom.completion.protocol"  # pylint: disable=consider-merging-classes-inherited

    def _msom_local(self, value):
        if not value:
            return "-"
        tz = pytz.timezone(self.env.user.tz or "Europe/Warsaw")
        return pytz.utc.localize(value).astimezone(tz).strftime("%d.%m.%Y %H:%M")

    def _msom_render_pdf(self, content_hash):  # noqa: C901
        """The PDF bytes (reportlab, DejaVu Sans embedded)."""
        from xml.sax.saxutils import escape as xml_escape

        from reportlab import rl_config
        from reportlab.graphics.barcode.qr import QrCodeWidget
        from reportlab.graphics.shapes import Drawing
        from reportlab.lib import colors
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import cm
        from reportlab.lib.utils import ImageReader
        from reportlab.platypus import (
            Image as PdfImage,
        )
        from reportlab.platypus import (
            KeepTogether,
            Paragraph,
            SimpleDocTemplate,
            Spacer,
            Table,
            TableStyle,
        )

        if not _register_fonts():
            raise UserError(
                self.env._(
                    "The DejaVu Sans font is not installed on the server; the "
                    "protocol cannot be printed with Polish letters."
                )
            )
        ticket = self.ticket_id
        location = ticket.location_id
        base = ParagraphStyle("msom", fontName="MsomSans", fontSize=9.5, leading=12.5)
        small = ParagraphStyle("msom_small", parent=base, fontSize=7.5, leading=9.5)
        title = ParagraphStyle(
            "msom_title", parent=base, fontName="MsomSans-Bold", fontSize=15, leading=19
        )
        heading = ParagraphStyle(
            "msom_heading", parent=base, fontName="MsomSans-Bold", fontSize=11,
            leading=15, spaceBefore=8, spaceAfter=3,
        )  # fmt: skip

        def para(text, style=base):
            return Paragraph(xml_escape(str(text or "-")).replace("\n", "<br/>"), style)

        def image(raw, max_w, max_h, reduce=False):
            if reduce:
                # About 300 dpi at the printed size is plenty; a smaller JPEG
                # is embedded as is (DCT), which keeps the PDF fast and light.
                picture = Image.open(io.BytesIO(raw))
                if max(picture.size) > PDF_PHOTO_SIDE:
                    # JPEG draft mode decodes at a reduced scale: fast.
                    scale = max(1, max(picture.size) // PDF_PHOTO_SIDE)
                    picture.draft(
                        "RGB", (picture.width // scale, picture.height // scale)
                    )
                    picture.thumbnail(
                        (PDF_PHOTO_SIDE, PDF_PHOTO_SIDE), reducing_gap=2.0
                    )
                    out = io.BytesIO()
                    picture.convert("RGB").save(out, "JPEG", quality=80)
                    raw = out.getvalue()
            reader = ImageReader(io.BytesIO(raw))
            width, height = reader.getSize()
            scale = min(max_w / width, max_h / height)
            return PdfImage(io.BytesIO(raw), width * scale, height * scale)

        story = [
            para(ticket.company_id.name, small),
            para(
                self.env._("Completion protocol no. %(number)s", number=self.name),
                title,
            ),
            Spacer(1, 0.2 * cm),
        ]
        rows = [
            (self.env._("Ticket"), ticket.name),
            (self.env._("Case group"), ticket.category_id.name),
            (
                self.env._("Address"),
                ticket.street_name or location.building_id.display_name,
            ),
            (self.env._("Place"), location.display_name),
            (self.env._("Staircase"), ticket.staircase_id.name),
            (
                self.env._("Unit"),
                location.unit_number if location.location_level == "unit" else "-",
            ),
            (self.env._("Reported by"), ticket.reporter_display),
            (self.env._("Reported on"), self._msom_local(ticket.report_date)),
            (self.env._("Problem"), html2plaintext(ticket.description or "").strip()),
            (self.env._("Contractor"), ticket.contractor_id.name),
            (self.env._("Work started"), self._msom_local(self.date_start)),
            (self.env._("Work ended"), self._msom_local(self.date_end)),
            (
                self.env._("Time spent"),
                self.env._("%(hours)s h", hours=f"{self.hours:.2f}".replace(".", ",")),
            ),
        ]
        table_style = TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "MsomSans", 9.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
            ]
        )
        story.append(
            Table(
                [[para(label), para(value)] for label, value in rows],
                colWidths=[4 * cm, 13 * cm],
                style=table_style,
            )
        )
        story += [
            para(self.env._("How the work was done"), heading),
            para(self.work_description),
        ]
        if self.material_ids:
            story.append(para(self.env._("Materials"), heading))
            lines = [
                [
                    para(self.env._("Material")),
                    para(self.env._("Quantity")),
                    para(self.env._("Unit")),
                ]
            ]
            lines += [
                [para(m.name), para(f"{m.quantity:g}".replace(".", ",")), para(m.uom)]
                for m in self.material_ids
            ]
            story.append(
                Table(lines, colWidths=[11 * cm, 3 * cm, 3 * cm], style=table_style)
            )
        if self.photo_ids:
            story.append(para(self.env._("Photos"), heading))
            cells = [
                image(a.raw, 8.3 * cm, 6.2 * cm, reduce=True)
                for a in self.photo_ids
                if a.raw
            ]
            grid = [cells[i : i + 2] for i in range(0, len(cells), 2)]
            if grid and len(grid[-1]) == 1:
                grid[-1].append("")
            story.append(
                Table(
                    grid,
                    colWidths=[8.5 * cm, 8.5 * cm],
                    style=TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                      ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]),
                )
            )  # fmt: skip
        story.append(para(self.env._("Acceptance"), heading))
        if self.resident_absent:
            resident = [
                para(self.env._("The resident was absent and did not sign.")),
                para(self.env._("Reason: %(reason)s", reason=self.absence_reason)),
            ]
        else:
            resident = [para(self.env._("Resident: %(name)s", name=self.resident_name))]
            if self.signature:
                resident.append(image(base64.b64decode(self.signature), 7 * cm, 3 * cm))
        worker = [
            para(self.env._("Worker: %(name)s", name=self.worker_name)),
            para(
                self.env._("Signed on %(date)s", date=self._msom_local(self.signed_on))
            ),
        ]
        story.append(
            Table([[resident, worker]], colWidths=[9 * cm, 8 * cm],
                  style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        )  # fmt: skip
        url = self.verification_url or ""
        widget = QrCodeWidget(f"{url}?h={content_hash}")
        x1, y1, x2, y2 = widget.getBounds()
        size = 3.2 * cm
        drawing = Drawing(
            size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0]
        )
        drawing.add(widget)
        verification = [
            para(self.env._("Verification"), heading),
            para(
                self.env._(
                    "Scan the code or open the address below to check that this "
                    "document is authentic."
                ),
                small,
            ),
            para(url, small),
            para(self.env._("Content SHA-256: %(hash)s", hash=content_hash), small),
        ]
        story.append(
            KeepTogether(
                Table([[drawing, verification]], colWidths=[3.6 * cm, 13.4 * cm],
                      style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            )
        )  # fmt: skip
        out = io.BytesIO()
        doc = SimpleDocTemplate(
            out,
            pagesize=A4,
            leftMargin=2 * cm,
            rightMargin=2 * cm,
            topMargin=1.6 * cm,
            bottomMargin=1.6 * cm,
            title=self.env._("Completion protocol no. %(number)s", number=self.name),
            author=ticket.company_id.name,
            invariant=1,
        )
        # reportlab ASCII85-encodes streams in pure Python unless told not to:
        # binary streams are as valid and several times faster to write.
        use_a85 = rl_config.useA85
        rl_config.useA85 = 0
        try:
            doc.build(story)
        finally:
            rl_config.useA85 = use_a85
        return out.getvalue()
