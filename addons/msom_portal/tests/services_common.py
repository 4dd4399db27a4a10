# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests import new_test_user

from odoo.addons.msom_estate.tests.common import MsomEstateMixin


class MsomPortalMixin(MsomEstateMixin):
    """Two residents on two staircases, a tenant of a commercial unit and an
    operator: Jan Nowak owns unit 1 (kl. I), Ewa Wójcik unit 12 (kl. II),
    Adam Lis rents the commercial unit 2 (kl. I)."""

    @classmethod
    def _setup_portal(cls):
        cls._setup_registry()
        cls.unit_2.unit_type = "commercial"
        cls.tenant = cls.env["res.partner"].create(
            {"name": "Adam Lis", "email": "adam.lis@example.com"}
        )
        cls.owner.email = "jan.nowak@example.com"
        cls.neighbour.email = "ewa.wojcik@example.com"
        cls._occupy(cls.unit_1, cls.owner)
        cls._occupy(cls.unit_12, cls.neighbour)
        cls._occupy(cls.unit_2, cls.tenant, role="tenant")
        cls.user_owner = cls._resident_user(cls.owner, "portal2_jan")
        cls.user_neighbour = cls._resident_user(cls.neighbour, "portal2_ewa")
        cls.user_operator = new_test_user(
            cls.env,
            login="portal2_operator",
            groups="base.group_user,msom_estate.group_msom_operator",
        )

    @classmethod
    def _announcement(cls, **vals):
        return cls.env["msom.announcement"].create(
            dict(
                {
                    "name": "Wyłączenie wody",
                    "body": "<p>W piątek od 8:00 do 12:00 nie będzie wody.</p>",
                },
                **vals,
            )
        )
