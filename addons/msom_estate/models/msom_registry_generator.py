# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging
import random
import time
from datetime import date

from odoo import api, models

_logger = logging.getLogger(__name__)

FIRST_NAMES = [
    "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa",
    "Krystyna", "Elżbieta", "Zofia", "Joanna", "Magdalena", "Monika", "Dorota",
    "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Marcin",
    "Jan", "Grzegorz", "Józef", "Łukasz", "Adam", "Zbigniew", "Jerzy",
    "Stanisław", "Mateusz",
]  # fmt: skip
LAST_NAMES = [
    ("Nowak", "Nowak"), ("Kowalski", "Kowalska"), ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"), ("Kowalczyk", "Kowalczyk"), ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"), ("Mazur", "Mazur"),
    ("Kwiatkowski", "Kwiatkowska"), ("Krawczyk", "Krawczyk"),
    ("Piotrowski", "Piotrowska"), ("Grabowski", "Grabowska"),
    ("Nowakowski", "Nowakowska"), ("Pawłowski", "Pawłowska"),
    ("Michalski", "Michalska"),
    ("Król", "Król"), ("Wieczorek", "Wieczorek"), ("Jabłoński", "Jabłońska"),
    ("Wróbel", "Wróbel"), ("Majewski", "Majewska"), ("Olszewski", "Olszewska"),
    ("Stępień", "Stępień"), ("Malinowski", "Malinowska"), ("Jaworski", "Jaworska"),
]  # fmt: skip
FEMALE_FIRST_NAMES = set(FIRST_NAMES[:14])
STAIRCASE_NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


class MsomRegistryGenerator(models.AbstractModel):
    """Builds a cooperative of any size: used by the demo and the benchmarks.

    A tool with a public API (``generate``) that the benchmarks, the fault
    suite and the tests call; the demo cooperative built with it is in
    ``demo/msom_registry_generator.py``.

    Records are created level by level in large batches, with the location
    partners prepared up front, so that the cost per unit stays flat.
    """

    _name = "msom.registry.generator"
    _description = "Estate Registry Generator"

    _batch_size = 1000

    @api.model
    def generate(
        self, estates, seed=2026, commit=False, occupied_since=None, households=False
    ):
        """Create estates, buildings, staircases, units and occupants.

        ``estates`` is a list of dicts: ``name``, ``city``, ``zip`` and
        ``buildings``, each a dict with ``street``, ``latitude``, ``longitude``,
        ``floors``, ``staircases``, ``units_per_floor`` and optional
        ``commercial`` / ``garages`` counts and ``year``.
        Returns the created units. With ``commit`` each batch is committed, so
        a large run shows progress and keeps what it has done. Title holders
        and tenants are always created; ``households`` adds household members.
        """
        rng = random.Random(seed)
        occupied_since = occupied_since or date(2015, 1, 1)
        # No chatter or tracking for bulk records, and we prepare location
        # partners ourselves (see _create_locations).
        self = self.with_context(  # noqa: PLW0642
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
            creating_fsm_location=True,
        )
        env = self.env
        Location = env["fsm.location"]
        company = env.company
        country = env.ref("base.pl")
        started = time.monotonic()
        units = Location.browse()
        for estate_spec in estates:
            estate = Location.create(
                {
                    "name": estate_spec["name"],
                    "location_level": "estate",
                    "company_id": company.id,
                    "city": estate_spec["city"],
                    "zip": estate_spec["zip"],
                    "country_id": country.id,
                    "owner_id": company.partner_id.id,
                }
            )
            unit_vals = self._estate_unit_vals(estate, estate_spec, rng)
            self._assign_common_shares(unit_vals)
            for start in range(0, len(unit_vals), self._batch_size):
                batch = self._create_locations(
                    unit_vals[start : start + self._batch_size]
                )
                self._create_occupants(batch, rng, occupied_since, households)
                units |= batch
                if commit:
                    env.cr.commit()  # pylint: disable=invalid-commit
                _logger.info(
                    "Registry generator: %s units (%.0f units/s)",
                    len(units),
                    len(units) / (time.monotonic() - started),
                )
        return units

    def _estate_unit_vals(self, estate, estate_spec, rng):
        """Create the estate's buildings and staircases; return its units' values."""
        specs = estate_spec["buildings"]
        addresses = [
            {
                "street": spec["street"],
                "city": estate_spec["city"],
                "zip": spec.get("zip", estate_spec["zip"]),
                "country_id": estate.country_id.id,
                "company_id": estate.company_id.id,
                "owner_id": estate.owner_id.id,
            }
            for spec in specs
        ]
        buildings = self._create_locations(
            [
                dict(
                    address,
                    name=spec["street"],
                    location_level="building",
                    parent_id=estate.id,
                    partner_latitude=spec["latitude"],
                    partner_longitude=spec["longitude"],
                    year_built=spec.get("year", 1978),
                    floor_count=spec["floors"],
                    lift_count=spec.get("lifts", 1 if spec["floors"] > 4 else 0),
                )
                for spec, address in zip(specs, addresses, strict=True)
            ]
        )
        staircases = self._create_locations(
            [
                dict(
                    address,
                    name=f"kl. {STAIRCASE_NUMERALS[index]}",
                    location_level="staircase",
                    parent_id=building.id,
                )
                for building, spec, address in zip(
                    buildings, specs, addresses, strict=True
                )
                for index in range(spec.get("staircases", 1))
            ]
        )
        vals_list = []
        for building, spec, address in zip(buildings, specs, addresses, strict=True):
            building_staircases = staircases.filtered(
                lambda s, b=building: s.parent_id == b
            )
            vals_list += self._building_unit_vals(
                building, building_staircases, spec, address, rng
            )
        return vals_list

    def _building_unit_vals(self, building, staircases, spec, address, rng):
        vals_list = []
        number = 0
        for staircase in staircases:
            for floor in range(spec["floors"]):
                for _position in range(spec["units_per_floor"]):
                    number += 1
                    rooms = rng.choice([1, 2, 2, 3, 3, 3, 4])
                    vals_list.append(
                        dict(
                            address,
                            parent_id=staircase.id,
                            location_level="unit",
                            unit_number=str(number),
                            unit_type="residential",
                            floor=floor,
                            room_count=rooms,
                            usable_area=round(18 + rooms * 14 + rng.uniform(-4, 6), 2),
                            registered_persons=rng.choice([1, 1, 2, 2, 3, 4]),
                            ownership_form=rng.choice(
                                [
                                    "ownership",
                                    "ownership",
                                    "cooperative_ownership",
                                    "cooperative_tenancy",
                                    "rental",
                                ]
                            ),
                        )
                    )
        for index in range(spec.get("commercial", 0)):
            vals_list.append(
                dict(
                    address,
                    parent_id=building.id,
                    location_level="unit",
                    unit_number=f"U{index + 1}",
                    unit_type="commercial",
                    floor=0,
                    room_count=2,
                    usable_area=round(rng.uniform(40, 160), 2),
                    ownership_form="rental",
                )
            )
        for index in range(spec.get("garages", 0)):
            vals_list.append(
                dict(
                    address,
                    parent_id=building.id,
                    location_level="unit",
                    unit_number=f"G{index + 1}",
                    unit_type="garage",
                    floor=-1,
                    usable_area=round(rng.uniform(14, 19), 2),
                    ownership_form="ownership",
                )
            )
        return vals_list

    def _assign_common_shares(self, vals_list):
        """Shares in the common property: usable area over the estate's total."""
        total = sum(round(vals["usable_area"] * 100) for vals in vals_list)
        for vals in vals_list:
            vals["common_share_numerator"] = round(vals["usable_area"] * 100)
            vals["common_share_denominator"] = total

    def _create_locations(self, vals_list):
        """Create units and their address partners in one batch.

        Field Service re-parents each new location partner to its owner one
        record at a time unless it already has that parent; a default parent
        lets the ORM create the partners in one batch with the right parent.
        """
        owner_ids = {vals["owner_id"] for vals in vals_list}
        Location = self.env["fsm.location"]
        if len(owner_ids) == 1:
            Location = Location.with_context(default_parent_id=owner_ids.pop())
        # The default stage is searched for each record otherwise.
        stage = Location._default_stage_id()
        return Location.create([dict(vals, stage_id=stage.id) for vals in vals_list])

    def _create_occupants(self, units, rng, occupied_since, households):
        person_vals = []
        occupancy_plan = []
        for unit in units:
            for role, share, proxy in self._occupancy_roles(unit, rng, households):
                first = rng.choice(FIRST_NAMES)
                last = rng.choice(LAST_NAMES)[1 if first in FEMALE_FIRST_NAMES else 0]
                person_vals.append(
                    {
                        "name": f"{first} {last}",
                        "street": unit.street,
                        "city": unit.city,
                        "zip": unit.zip,
                        "country_id": unit.country_id.id,
                    }
                )
                occupancy_plan.append((unit, role, share, proxy))
        people = self._bulk_create("res.partner", person_vals)
        self._bulk_create(
            "msom.occupancy",
            [
                {
                    "unit_id": unit.id,
                    "partner_id": person.id,
                    "role": role,
                    "share_numerator": share[0],
                    "share_denominator": share[1],
                    "date_from": occupied_since,
                    "is_voting_proxy": proxy,
                }
                for person, (unit, role, share, proxy) in zip(
                    people, occupancy_plan, strict=True
                )
            ],
        )

    def _bulk_create(self, model_name, vals_list):
        """Insert plain records through the ORM's low-level ``_create``.

        Defaults are computed once for the batch instead of once per record,
        and ``create()`` overrides (chatter, hooks) are skipped: fine for the
        people and occupancies generated here, which need neither. Computed
        fields and constraints are handled by the ORM as for any creation.
        """
        Model = self.env[model_name]
        defaults = {
            name: value
            for name, value in Model.default_get(list(Model._fields)).items()
            if Model._fields[name].store and Model._fields[name].column_type
        }
        return Model._create(
            [
                {"stored": {**defaults, **vals}, "inherited": {}, "protected": set()}
                for vals in vals_list
            ]
        )

    def _occupancy_roles(self, unit, rng, households):
        """A plausible mix: owners, co-owning couples, tenants, households."""
        whole = (1, 1)
        household = [("resident", whole, False)] * (
            rng.randint(0, 2) if households else 0
        )
        if unit.unit_type == "commercial":
            return [("tenant", whole, False)]
        if unit.ownership_form == "rental":
            return [("tenant", whole, False), *household]
        if unit.ownership_form in ("cooperative_ownership", "cooperative_tenancy"):
            return [("member", whole, False), *household]
        if unit.unit_type == "residential" and rng.random() < 0.3:
            return [("co_owner", (1, 2), True), ("co_owner", (1, 2), False)]
        return [("owner", whole, False)]
