# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io

from PIL import Image, ImageOps, UnidentifiedImageError

from odoo import Command, api, models
from odoo.exceptions import UserError

from odoo.addons.msom_estate.tools import check_upload, upload_limit_mb

PHOTO_MIMETYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
VOICE_MIMETYPES = {"audio/webm", "audio/ogg", "audio/mpeg", "audio/wav", "audio/mp4"}
PHOTO_MAX_SIDE = 1600
DEFAULT_PHOTO_MAX_MB = 15
DEFAULT_VOICE_MAX_MB = 10


def _audio_mimetype(data):
    """Mimetype of a voice recording from its leading bytes, or None."""
    head = data[:16]
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "audio/webm"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "audio/mpeg"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[4:8] == b"ftyp":
        return "audio/mp4"
    return None


class FsmOrder(models.Model):
    """Photos and voice notes the worker adds to a job."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _msom_prepare_photo(self, filename, data):
        """Checked, EXIF-rotated, resized JPEG of an uploaded photo."""
        not_a_photo = self.env._(
            "“%(name)s” is not a photo: JPEG, PNG, WebP or GIF images are accepted.",
            name=filename,
        )
        limit = upload_limit_mb(
            self.env, "msom_contractor.photo_max_mb", DEFAULT_PHOTO_MAX_MB
        )
        check_upload(self.env, filename, data, limit, PHOTO_MIMETYPES, not_a_photo)
        try:
            image = Image.open(io.BytesIO(data))
            image.load()
        except (
            UnidentifiedImageError,
            OSError,
            ValueError,
            Image.DecompressionBombError,
        ) as error:
            raise UserError(not_a_photo) from error
        image = ImageOps.exif_transpose(image)
        image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), reducing_gap=2.0)
        if image.mode != "RGB":
            background = Image.new("RGB", image.size, "white")
            rgba = image.convert("RGBA")
            background.paste(rgba, mask=rgba.split()[-1])
            image = background
        out = io.BytesIO()
        image.save(out, "JPEG", quality=82, optimize=True)
        base = (filename or "zdjecie").rsplit(".", 1)[0][:80]
        return {"name": f"{base}.jpg", "raw": out.getvalue(), "mimetype": "image/jpeg"}

    def _msom_add_photos(self, files):
        """Add photos [(filename, bytes)]: all checked first, none twice."""
        self._msom_check_job()
        self._msom_check_editable()
        prepared = [self._msom_prepare_photo(name, data) for name, data in files]
        return self._msom_attach(prepared, "work_photo_ids")

    def _msom_attach(self, prepared, field):
        Attachment = self.env["ir.attachment"].sudo()
        existing = set(self.sudo()[field].mapped("checksum"))
        new = Attachment
        for vals in prepared:
            checksum = Attachment._compute_checksum(vals["raw"])
            if checksum in existing:
                continue  # the same file sent again (double submit)
            existing.add(checksum)
            new |= Attachment.create(dict(vals, res_model="fsm.order", res_id=self.id))
        if new:
            self.sudo()._msom_flow().write({field: [Command.link(a.id) for a in new]})
        return new

    @api.model
    def _msom_prepare_voice(self, filename, data):
        limit = upload_limit_mb(
            self.env, "msom_contractor.voice_max_mb", DEFAULT_VOICE_MAX_MB
        )
        mimetype = check_upload(
            self.env,
            filename,
            data,
            limit,
            VOICE_MIMETYPES,
            self.env._(
                "“%(name)s” is not a voice recording: WebM, Ogg, MP3, MP4/M4A "
                "or WAV audio is accepted.",
                name=filename,
            ),
            sniff=_audio_mimetype,
        )
        extension = mimetype.split("/")[1].replace("mpeg", "mp3").replace("mp4", "m4a")
        base = (filename or "notatka").rsplit(".", 1)[0][:80]
        return {"name": f"{base}.{extension}", "raw": data, "mimetype": mimetype}

    def _msom_add_voice(self, filename, data):
        self._msom_check_job()
        self._msom_check_editable()
        return self._msom_attach(
            [self._msom_prepare_voice(filename, data)], "voice_note_ids"
        )
