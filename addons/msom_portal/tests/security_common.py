# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who attacks whom in the security suites.

Seven roles: anonymous, resident A (Jan, building ul. Lipowa 5), resident B
(Zofia, another building), the workers of two contractor companies, an
operator and an accountant. The records attacked are Ewa's (a third resident,
unit 12) and each contractor company's job.
"""

import base64
from datetime import timedelta

from odoo import fields
from odoo.http import Request
from odoo.tests import new_test_user

from .common import MsomPortalCase
from .test_billing_pages import MsomPortalBillingMixin

ROLES = (
    "anonymous",
    "resident_a",
    "resident_b",
    "contractor_1",
    "contractor_2",
    "operator",
    "accountant",
)


class MsomSecurityCase(MsomPortalBillingMixin, MsomPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_billing_pages()
        env = cls.env
        # resident B lives in another building of the estate
        cls.building_b = cls.Location.create(
            {"name": "ul. Klonowa 9", "location_level": "building",
             "parent_id": cls.estate.id, "street": "ul. Klonowa 9",
             "city": "Warszawa", "zip": "00-002"}
        )  # fmt: skip
        cls.unit_b = cls._create_unit(cls.building_b, "3", area=50.0)
        cls.resident_b = env["res.partner"].create(
            {"name": "Zofia Mazur", "email": "zofia.mazur@example.pl"}
        )
        cls._occupy(cls.unit_b, cls.resident_b)
        cls.zofia = cls._portal_user(cls.resident_b, "sec_zofia")
        # two contractor companies, one worker each
        Partner = env["res.partner"]
        cls.elektro = Partner.create(
            {"name": "Elektro-Sec s.c.", "is_company": True, "is_contractor": True}
        )
        cls.electric = env["fsm.category"].create(
            {"name": "elektryka (sec)", "code": "S-ELE", "portal_visible": True,
             "contractor_id": cls.elektro.id}
        )  # fmt: skip
        cls.general = env["fsm.category"].create(
            {"name": "sprawy ogólne (sec)", "code": "S-GEN", "portal_visible": True}
        )
        Person = env["fsm.person"]
        cls.workers = {}
        for role, company, name in (
            ("contractor_1", cls.hydro, "Marek Hydraulik"),
            ("contractor_2", cls.elektro, "Edward Elektryk"),
        ):
            person = Person.create({"name": name, "parent_id": company.id})
            cls.workers[role] = new_test_user(
                env,
                login=f"sec_{role}",
                groups="msom_estate.group_msom_contractor",
                partner_id=person.partner_id.id,
                name=name,
                tz="Europe/Warsaw",
            )
        cls.users = {
            "resident_a": cls.jan,
            "resident_b": cls.zofia,
            **cls.workers,
            "operator": new_test_user(
                env, login="sec_operator",
                groups="msom_estate.group_msom_operator",
            ),
            "accountant": new_test_user(
                env, login="sec_accountant",
                groups="msom_estate.group_msom_accountant",
            ),
        }  # fmt: skip
        # Ewa's private ticket (no contractor yet), with a photo
        cls.ticket_ewa = cls._ticket(
            cls.unit_12,
            cls.neighbour,
            category_id=cls.general.id,
            description="<p>SEKRET-EWY klucz pod wycieraczką, tel. 600100200</p>",
        )
        cls.photo_ewa = env["ir.attachment"].create(
            {"name": "kuchnia-ewy.png", "datas": base64.b64encode(b"\x89PNG Ewy"),
             "res_model": "fsm.order", "res_id": cls.ticket_ewa.id}
        )  # fmt: skip
        # one forwarded job per contractor company
        forwarded = env.ref("msom_tickets.fsm_stage_ticket_forwarded")
        cls.jobs = {}
        for role, category, text in (
            ("contractor_1", cls.plumbing, "SEKRET-HYDRO pion wodny"),
            ("contractor_2", cls.electric, "SEKRET-ELEKTRO rozdzielnia"),
        ):
            job = cls._ticket(
                cls.unit_12, cls.neighbour, category_id=category.id,
                description=f"<p>{text}</p>",
            )  # fmt: skip
            job.stage_id = forwarded
            cls.jobs[role] = job
        cls.announcement_ewa = env["msom.announcement"].create(
            {"name": "SEKRET-OGLOSZENIE klatka II",
             "body": "<p>Tylko dla klatki II</p>",
             "location_ids": [(6, 0, cls.staircase_2.ids)],
             "attachment_ids": [(6, 0, cls.file_ewa.ids)]}
        )  # fmt: skip
        cls.announcement_ewa.action_publish()
        # an open vote of resident B's building: nobody else may see or cast it
        cls.vote_b = cls._open_vote(
            cls.building_b, "SEKRET-UCHWALA ul. Klonowa 9", "9/2026",
            "<p>SEKRET-UCHWALA treść</p>",
        )  # fmt: skip
        cls.chat_ewa = env["msom.resident.conversation"]._get_for_partner(cls.neighbour)
        cls.chat_ewa._portal_post("SEKRET-CZAT Ewy")

    @classmethod
    def _open_vote(cls, building, title, number, resolution):
        """A vote of the building's owners, open since yesterday for a week."""
        now = fields.Datetime.now()
        vote = cls.env["survey.survey"].create(
            {"title": title, "msom_kind": "vote", "msom_scope": "building",
             "msom_location_id": building.id,
             "msom_date_open": now - timedelta(days=1),
             "msom_date_close": now + timedelta(days=7),
             "msom_target_group": "owners", "msom_weighting": "unit",
             "msom_majority": "eligible", "msom_resolution_number": number,
             "msom_resolution_text": resolution}
        )  # fmt: skip
        vote._msom_open()
        return vote

    def _login_role(self, role):
        """A fresh session as `role` (a public one for anonymous)."""
        user = self.users.get(role)
        self.authenticate(user.login if user else None, user and user.login)

    def _request(self, method, url, data):
        """GET with `data` as the query, or POST it as a form with the
        session's CSRF token; redirects are not followed."""
        if method == "POST":
            return self.url_open(
                url,
                data=dict(data, csrf_token=Request.csrf_token(self)),
                allow_redirects=False,
            )
        return self.url_open(url, params=data, allow_redirects=False)
