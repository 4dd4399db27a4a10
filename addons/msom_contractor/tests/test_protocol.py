# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import hashlib
import io

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import MsomContractorCase, make_jpeg, make_signature


def pdf_text(data):
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@tagged("post_install", "-at_install")
class TestProtocol(MsomContractorCase):
    def setUp(self):
        super().setUp()
        self.job = self._job(description="<p>Cieknie zawór pod zlewem</p>")
        self.mine = self.as_plumber(self.job)
        self.mine._msom_job_accept()
        self.mine._msom_job_start()
        self.Protocol = self.env["msom.completion.protocol"].with_user(
            self.plumber_user
        )

    def _values(self, **extra):
        return dict(
            {
                "work_description": "Wymieniono zawór kulowy ½″ i uszczelkę.",
                "resident_name": "Żaneta Łęcka-Świętochowska",
                "signature": make_signature(),
                "hours": 1.5,
                "materials": [
                    {"name": "Zawór kulowy ½″", "quantity": "1", "uom": "szt."},
                    {"name": "Taśma teflonowa", "quantity": "0,5", "uom": "m"},
                    {"name": "", "quantity": "", "uom": ""},
                ],
            },
            **extra,
        )

    def test_protocol_pdf_and_done(self):
        self.mine._msom_add_photos(
            [
                (f"p{i}.jpg", make_jpeg(1200, 900, color=c))
                for i, c in enumerate(["red", "green"])
            ]
        )
        protocol = self.Protocol._msom_create_for_job(self.mine, self._values())
        protocol = protocol.sudo()
        self.assertTrue(protocol.name.startswith("PZ/"))
        self.assertEqual(len(protocol.material_ids), 2)
        self.assertEqual(protocol.material_ids[1].quantity, 0.5)
        self.assertEqual(len(protocol.photo_ids), 2)
        self.assertEqual(protocol.worker_name, "Marek Hydraulik")
        pdf = protocol.pdf_attachment_id
        self.assertEqual(pdf.mimetype, "application/pdf")
        self.assertIn(pdf, self.job.attachment_ids)
        self.assertEqual(protocol.pdf_sha256, hashlib.sha256(pdf.raw).hexdigest())
        self.assertEqual(protocol.content_hash, protocol._msom_compute_content_hash())
        text = pdf_text(pdf.raw)
        self.assertIn("Żaneta Łęcka-Świętochowska", text)
        self.assertIn("Wymieniono zawór kulowy", text)
        self.assertIn("Taśma teflonowa", text)
        self.assertIn(protocol.name, text)
        self.assertIn(protocol.content_hash[:16], text.replace("\n", ""))
        self.assertIn(b"/DejaVuSans", pdf.raw.replace(b"+", b"/"))  # embedded
        # Sent to the reporter with the PDF.
        message = self.job.message_ids.filtered(lambda m: pdf in m.attachment_ids)
        self.assertIn(self.owner, message.partner_ids | message.notified_partner_ids)
        # Same submission again (double tap): the same protocol.
        again = self.Protocol._msom_create_for_job(self.mine, self._values())
        self.assertEqual(again, protocol)
        self.assertEqual(len(self.job.protocol_ids), 1)
        # Now the job may be done.
        self.assertTrue(self.mine._msom_job_done())
        self.assertEqual(self.job.ticket_state, "done")

    def test_signature_required(self):
        with self.assertRefused(ValidationError, "signature field is empty"):
            self.Protocol._msom_create_for_job(
                self.mine, self._values(signature=make_signature(empty=True))
            )
        with self.assertRefused(ValidationError, "signature is missing"):
            self.Protocol._msom_create_for_job(self.mine, self._values(signature=""))
        with self.assertRefused(ValidationError, "signature is missing"):
            self.Protocol._msom_create_for_job(
                self.mine,
                self._values(
                    signature="data:image/png;base64,"
                    + base64.b64encode(b"xx").decode()
                ),
            )
        with self.assertRefused(ValidationError, "resident's name"):
            self.Protocol._msom_create_for_job(
                self.mine, self._values(resident_name=" ")
            )
        with self.assertRefused(ValidationError, "positive"):
            self.Protocol._msom_create_for_job(
                self.mine, self._values(materials=[{"name": "Rura", "quantity": "-1"}])
            )
        self.assertFalse(self.job.sudo().protocol_ids)

    def test_resident_absent(self):
        with self.assertRefused(ValidationError, "did not sign"):
            self.Protocol._msom_create_for_job(
                self.mine, self._values(resident_absent=True, absence_reason="")
            )
        protocol = self.Protocol._msom_create_for_job(
            self.mine,
            self._values(
                resident_absent=True,
                absence_reason="Nikt nie otworzył drzwi",
                signature="",
            ),
        ).sudo()
        self.assertFalse(protocol.signature)
        self.assertIn(
            "Nikt nie otworzył drzwi", pdf_text(protocol.pdf_attachment_id.raw)
        )

    def test_protocol_only_in_progress(self):
        self.mine._msom_job_hold("Brak części")
        with self.assertRefused(UserError, "in progress"):
            self.Protocol._msom_create_for_job(self.mine, self._values())

    def test_verification(self):
        protocol = self.Protocol._msom_create_for_job(self.mine, self._values()).sudo()
        Protocol = self.env["msom.completion.protocol"]
        pdf = protocol.pdf_attachment_id.raw
        self.assertEqual(
            Protocol._msom_verify(protocol.access_token, pdf=pdf),
            (protocol, "authentic"),
        )
        self.assertEqual(
            Protocol._msom_verify(
                protocol.access_token, hash_value=protocol.content_hash
            ),
            (protocol, "authentic"),
        )
        forged = pdf + b"\n% altered\n"
        self.assertEqual(
            Protocol._msom_verify(protocol.access_token, pdf=forged)[1], "altered"
        )
        self.assertEqual(Protocol._msom_verify(None, pdf=forged)[1], "unknown")
        self.assertEqual(Protocol._msom_verify(None, pdf=pdf), (protocol, "authentic"))
