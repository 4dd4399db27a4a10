# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from contextlib import contextmanager

from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class MsomEstateMixin:
    """An estate with one building, two staircases and three units."""

    @classmethod
    def _setup_registry(cls):
        cls.Location = cls.env["fsm.location"]
        cls.Occupancy = cls.env["msom.occupancy"]
        cls.estate = cls._create_estate("Os. Testowe", cls.env.company)
        cls.building = cls.Location.create(
            {
                "name": "ul. Lipowa 5",
                "location_level": "building",
                "parent_id": cls.estate.id,
                "street": "ul. Lipowa 5",
                "city": "Warszawa",
                "zip": "00-001",
            }
        )
        cls.staircase_1, cls.staircase_2 = cls.Location.create(
            [
                {"name": name, "location_level": "staircase",
                 "parent_id": cls.building.id}
                for name in ("kl. I", "kl. II")
            ]
        )  # fmt: skip
        cls.unit_1 = cls._create_unit(
            cls.staircase_1, "1", area=48.5, share=(485, 1500)
        )
        cls.unit_2 = cls._create_unit(
            cls.staircase_1, "2", area=61.25, share=(6025, 15000)
        )
        cls.unit_12 = cls._create_unit(
            cls.staircase_2, "12", area=41.0, share=(4125, 15000)
        )
        cls.owner = cls.env["res.partner"].create({"name": "Jan Nowak"})
        cls.neighbour = cls.env["res.partner"].create({"name": "Ewa Wójcik"})

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Like assertRaisesRegex, rolling back what the refused call wrote."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    @classmethod
    def _create_estate(cls, name, company):
        return cls.Location.create(
            {
                "name": name,
                "location_level": "estate",
                "company_id": company.id,
                "owner_id": company.partner_id.id,
            }
        )

    @classmethod
    def _create_unit(cls, parent, number, area=50.0, share=(0, 0), **vals):
        return parent.env["fsm.location"].create(
            dict(
                {
                    "location_level": "unit",
                    "parent_id": parent.id,
                    "unit_number": number,
                    "usable_area": area,
                    "common_share_numerator": share[0],
                    "common_share_denominator": share[1],
                },
                **vals,
            )
        )

    @classmethod
    def _occupy(cls, unit, partner, role="owner", share=(1, 1), **vals):
        return cls.Occupancy.create(
            dict(
                {
                    "unit_id": unit.id,
                    "partner_id": partner.id,
                    "role": role,
                    "share_numerator": share[0],
                    "share_denominator": share[1],
                    "date_from": "2020-01-01",
                },
                **vals,
            )
        )

    @classmethod
    def _resident_user(cls, partner, login):
        return new_test_user(
            cls.env,
            login=login,
            groups="msom_estate.group_msom_resident",
            partner_id=partner.id,
        )


def load_polish(env, modules, overwrite=False):
    """Activate Polish and load the Polish terms of `modules`; returns `env`
    in Polish."""
    env["res.lang"]._activate_lang("pl_PL")
    env["ir.module.module"]._load_module_terms(
        list(modules), ["pl_PL"], overwrite=overwrite
    )
    return env(context=dict(env.context, lang="pl_PL"))


class MsomPolishMixin:
    """Polish active and the terms of `polish_modules` loaded; `cls.polish`
    is the test environment in Polish. Put it before the test case class."""

    polish_modules = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.polish = load_polish(cls.env, cls.polish_modules)


class MsomEstateCase(MsomEstateMixin, BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_registry()
