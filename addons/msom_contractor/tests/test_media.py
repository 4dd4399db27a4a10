# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io

from PIL import Image

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MsomContractorCase, make_jpeg

WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 200
OGG = b"OggS" + b"\x00" * 200


@tagged("post_install", "-at_install")
class TestMedia(MsomContractorCase):
    def setUp(self):
        super().setUp()
        self.job = self._job()
        self.mine = self.as_plumber(self.job)
        self.mine._msom_job_accept()

    def test_photos_resized_and_rotated(self):
        # Orientation 6: the camera held upright; stored 2400x1200 landscape.
        added = self.mine._msom_add_photos(
            [("IMG_1.jpg", make_jpeg(2400, 1200, orientation=6)),
             ("IMG_2.png", make_jpeg(300, 200, color="blue"))]
        )  # fmt: skip
        self.assertEqual(len(added), 2)
        self.assertEqual(self.job.work_photo_ids, added)
        first = Image.open(io.BytesIO(added[0].raw))
        self.assertEqual(first.format, "JPEG")
        self.assertEqual(first.size, (800, 1600))  # rotated, longest side 1600
        self.assertEqual(added[0].res_model, "fsm.order")
        self.assertEqual(added[0].res_id, self.job.id)
        # The same photo sent twice (stale page) is stored once.
        again = self.mine._msom_add_photos(
            [("IMG_1.jpg", make_jpeg(2400, 1200, orientation=6))]
        )
        self.assertFalse(again)
        self.assertEqual(len(self.job.work_photo_ids), 2)

    def test_bad_photos_refused(self):
        with self.assertRefused(UserError, "not a photo"):
            self.mine._msom_add_photos(
                [("ok.jpg", make_jpeg(100, 100)), ("x.jpg", b"%PDF-1.4 fake")]
            )
        self.assertFalse(self.job.work_photo_ids)  # nothing half-saved
        self.env["ir.config_parameter"].sudo().set_param(
            "msom_contractor.photo_max_mb", "0.01"
        )
        with self.assertRefused(UserError, "MB"):
            self.mine._msom_add_photos([("big.jpg", make_jpeg(1500, 1500))])
        with self.assertRefused(UserError, "empty"):
            self.mine._msom_add_photos([("e.jpg", b"")])

    def test_voice_notes(self):
        note = self.mine._msom_add_voice("notatka.webm", WEBM)
        self.assertEqual(note.mimetype, "audio/webm")
        self.assertIn(f"/web/content/{note.id}", self.job.voice_notes_html)
        self.assertFalse(self.mine._msom_add_voice("notatka.webm", WEBM))  # twice
        self.assertEqual(self.mine._msom_add_voice("n.ogg", OGG).mimetype, "audio/ogg")
        with self.assertRefused(UserError, "not a voice recording"):
            self.mine._msom_add_voice("virus.exe", b"MZ\x90\x00" * 50)
        self.env["ir.config_parameter"].sudo().set_param(
            "msom_contractor.voice_max_mb", "0.0001"
        )
        with self.assertRefused(UserError, "MB"):
            self.mine._msom_add_voice("long.ogg", OGG * 10)
        self.assertEqual(len(self.job.voice_note_ids), 2)

    def test_closed_job_not_editable(self):
        self.plumbing.protocol_required = False
        self.mine._msom_job_start()
        self.mine._msom_job_done()
        with self.assertRefused(UserError, "closed"):
            self.mine._msom_add_photos([("a.jpg", make_jpeg(100, 100))])
