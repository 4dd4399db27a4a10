# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import io

from PIL import Image, ImageDraw

from odoo.tests import HttpCase, new_test_user

from odoo.addons.msom_tickets.tests.common import MsomTicketCase


def make_jpeg(width=2400, height=1200, orientation=None, color="red"):
    image = Image.new("RGB", (width, height), color)
    out = io.BytesIO()
    exif = None
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
    image.save(out, "JPEG", quality=90, **({"exif": exif} if exif else {}))
    return out.getvalue()


def make_signature(empty=False):
    image = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    if not empty:
        draw = ImageDraw.Draw(image)
        draw.line(
            [(30, 150), (120, 40), (200, 160), (320, 50), (560, 120)],
            fill="navy",
            width=4,
        )
    out = io.BytesIO()
    image.save(out, "PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


class MsomContractorMixin:
    """A plumbing company with a worker who has a portal login, and a rival."""

    @classmethod
    def _setup_contractor(cls):
        cls.plumber_user, cls.electrician_user = (
            new_test_user(
                cls.env,
                login=login,
                groups="msom_estate.group_msom_contractor",
                partner_id=person.partner_id.id,
                name=person.name,
                tz="Europe/Warsaw",
            )
            for login, person in (
                ("c_plumber", cls.plumber),
                ("c_electrician", cls.electrician),
            )
        )
        cls.plumbing.protocol_required = True

    @classmethod
    def _job(cls, location=None, **vals):
        """A ticket forwarded to Hydro-Test's plumber."""
        vals.setdefault("reporter_partner_id", cls.owner.id)
        ticket = cls._ticket(location, **vals)
        ticket.write({"stage_id": cls.stage["forwarded"].id})
        return ticket

    def as_plumber(self, ticket):
        return ticket.with_user(self.plumber_user)


class MsomContractorHttpCase(MsomContractorMixin, MsomTicketCase, HttpCase):
    """The same in an HttpCase, with the owner of unit 1 as a resident."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_contractor()
        cls._occupy(cls.unit_1, cls.owner)


class MsomContractorCase(MsomContractorMixin, MsomTicketCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_contractor()
