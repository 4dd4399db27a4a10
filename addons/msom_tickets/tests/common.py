# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import new_test_user

from odoo.addons.msom_estate.tests.common import MsomEstateCase


class MsomTicketCase(MsomEstateCase):
    """The estate of msom_estate's tests plus case groups and contractors."""

    @classmethod
    def default_env_context(cls):
        # Reporter notifications are part of the module: keep mail on.
        return {"no_reset_password": True}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Created as the board does: explicitly tickets.
        cls.Ticket = cls.env["fsm.order"].with_context(
            mail_create_nolog=True, default_is_ticket=True
        )
        cls.building.write(
            {"partner_latitude": 52.18843, "partner_longitude": 21.05286}
        )
        Partner = cls.env["res.partner"]
        cls.hydro = Partner.create(
            {"name": "Hydro-Test Sp. z o.o.", "is_company": True, "is_contractor": True}
        )
        cls.elektro = Partner.create(
            {"name": "Elektro-Test s.c.", "is_company": True, "is_contractor": True}
        )
        Category = cls.env["fsm.category"]
        cls.plumbing = Category.create(
            {
                "name": "hydraulika (test)",
                "code": "T-HYD",
                "contractor_id": cls.hydro.id,
                "sla_hours_urgent": 4,
                "sla_hours_high": 24,
                "sla_hours_normal": 72,
                "sla_hours_low": 168,
            }
        )
        cls.electric = Category.create(
            {
                "name": "elektryka (test)",
                "code": "T-ELE",
                "contractor_id": cls.elektro.id,
            }
        )
        Person = cls.env["fsm.person"]
        cls.plumber = Person.create(
            {"name": "Marek Hydraulik", "parent_id": cls.hydro.id, "email": "mh@x.pl"}
        )
        cls.electrician = Person.create(
            {"name": "Ewa Elektryk", "parent_id": cls.elektro.id}
        )
        cls.stage = {
            state: cls.env.ref(f"msom_tickets.fsm_stage_ticket_{state}")
            for state in (
                "new", "accepted", "forwarded", "in_progress", "on_hold", "done",
                "rejected", "closed",
            )
        }  # fmt: skip
        cls.operator = new_test_user(
            cls.env,
            login="t_operator",
            groups="msom_estate.group_msom_operator",
            name="Olga Operator",
            email="olga@example.pl",
        )

    @classmethod
    def _ticket(cls, location=None, **vals):
        return cls.Ticket.create(
            dict(
                {
                    "location_id": (location or cls.unit_1).id,
                    "category_id": cls.plumbing.id,
                    "description": "<p>Cieknie kran w kuchni</p>",
                },
                **vals,
            )
        )
