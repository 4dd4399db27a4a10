# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import base64
import secrets
from collections import defaultdict
from fractions import Fraction

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools.sql import create_index

from ..tools import PL2000_ZONES, POLAND_BOUNDS, SUPPORTED_EPSG, planar_to_wgs84

LOCATION_LEVELS = [
    ("estate", "Estate"),
    ("building", "Building"),
    ("staircase", "Staircase"),
    ("unit", "Unit"),
]
# Which level may hang below which: a staircase is optional.
ALLOWED_PARENT_LEVELS = {
    "estate": {False},
    "building": {"estate"},
    "staircase": {"building"},
    "unit": {"building", "staircase"},
}
COORDINATE_FIELDS = ("coordinate_epsg", "coordinate_northing", "coordinate_easting")


class FsmLocation(models.Model):
    """The estate registry lives on the OCA Field Service location tree.

    Estates, buildings, staircases and units are levels of ``fsm.location`` so
    that tickets, work orders and the registry point at the same records.
    """

    _inherit = "fsm.location"

    location_level = fields.Selection(
        LOCATION_LEVELS,
        string="Registry Level",
        index=True,
        help="Level of this location in the estate registry.",
    )
    estate_id = fields.Many2one(
        "fsm.location",
        compute="_compute_registry_ancestors",
        store=True,
        index=True,
        recursive=True,
    )
    building_id = fields.Many2one(
        "fsm.location",
        compute="_compute_registry_ancestors",
        store=True,
        index=True,
        recursive=True,
    )
    staircase_id = fields.Many2one(
        "fsm.location",
        compute="_compute_registry_ancestors",
        store=True,
        index="btree_not_null",
        recursive=True,
    )
    # Building
    year_built = fields.Integer()
    floor_count = fields.Integer(string="Floors")
    lift_count = fields.Integer(string="Lifts")
    coordinate_epsg = fields.Integer(
        string="Coordinate System (EPSG)",
        help="Planar coordinates entered in PL-1992 (EPSG:2180) or PL-2000 "
        "(EPSG:2176-2179) are converted to WGS84 latitude and longitude.",
    )
    coordinate_northing = fields.Float(
        string="Northing (x)", digits=(12, 2), help="Official x axis: northing."
    )
    coordinate_easting = fields.Float(
        string="Easting (y)", digits=(12, 2), help="Official y axis: easting."
    )
    # Unit
    unit_number = fields.Char(index="btree_not_null")
    unit_type = fields.Selection(
        [
            ("residential", "Residential"),
            ("commercial", "Commercial"),
            ("garage", "Garage"),
            ("storage", "Storage Room"),
        ],
        default="residential",
    )
    usable_area = fields.Float(string="Usable Area (m²)", digits=(10, 2))
    room_count = fields.Integer(string="Rooms")
    floor = fields.Integer()
    registered_persons = fields.Integer(
        help="Number of persons registered in the unit, used by per-person charge keys."
    )
    common_share_numerator = fields.Integer(string="Share Numerator")
    common_share_denominator = fields.Integer(string="Share Denominator")
    common_share = fields.Float(
        string="Share in Common Property",
        digits=(16, 10),
        compute="_compute_common_share",
        store=True,
        precompute=True,
        help="Share of the unit in the common property, as a decimal.",
    )
    ownership_form = fields.Selection(
        [
            ("ownership", "Separate Ownership"),
            ("cooperative_ownership", "Cooperative Ownership Right"),
            ("cooperative_tenancy", "Cooperative Tenancy Right"),
            ("rental", "Rental"),
        ]
    )
    occupancy_ids = fields.One2many("msom.occupancy", "unit_id")
    current_occupancy_ids = fields.One2many(
        "msom.occupancy",
        "unit_id",
        string="Current Occupants",
        domain=lambda self: self.env["msom.occupancy"]._current_domain(),
    )
    unit_count = fields.Integer(compute="_compute_registry_counts", string="Units")
    occupant_count = fields.Integer(
        compute="_compute_registry_counts", string="Occupants"
    )
    public_report_token = fields.Char(
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
        default=lambda self: secrets.token_urlsafe(12),
        help="Random token in the printed QR codes that open the public report "
        "form with this location filled in.",
    )

    _unit_number_per_building = models.Constraint(
        "UNIQUE(building_id, unit_number)",
        lambda env, diag: env._(
            "This unit number already exists in the building. Unit numbers must "
            "be unique within a building."
        ),
    )
    _positive_unit_figures = models.Constraint(
        "CHECK(usable_area >= 0 AND room_count >= 0 AND registered_persons >= 0)",
        lambda env, diag: env._(
            "Usable area, rooms and registered persons cannot be negative."
        ),
    )

    def init(self):
        # the _inherits link is unindexed upstream; record rules on partners
        # (a resident's addresses) look their locations up by it
        create_index(
            self.env.cr, "fsm_location__partner_id_index", self._table, ["partner_id"]
        )
        return super().init()

    @api.depends(
        "location_level",
        "parent_id",
        "parent_id.estate_id",
        "parent_id.building_id",
        "parent_id.staircase_id",
    )
    def _compute_registry_ancestors(self):
        for location in self:
            parent = location.parent_id
            level = location.location_level
            location.estate_id = location if level == "estate" else parent.estate_id
            location.building_id = (
                location if level == "building" else parent.building_id
            )
            location.staircase_id = (
                location if level == "staircase" else parent.staircase_id
            )

    @api.depends("common_share_numerator", "common_share_denominator")
    def _compute_common_share(self):
        for unit in self:
            unit.common_share = (
                unit.common_share_numerator / unit.common_share_denominator
                if unit.common_share_denominator
                else 0.0
            )

    def _compute_registry_counts(self):
        units = self.env["fsm.location"]
        occupancies = self.env["msom.occupancy"]
        unit_counts = defaultdict(int)
        occupant_counts = defaultdict(int)
        # A location is its own estate/building/staircase, so one grouped
        # query per level counts everything below each record of self.
        for ancestor in ("estate_id", "building_id", "staircase_id", "unit_id"):
            if ancestor != "unit_id":
                for parent, count in units._read_group(
                    Domain("location_level", "=", "unit")
                    & Domain(ancestor, "in", self.ids),
                    [ancestor],
                    ["__count"],
                ):
                    unit_counts[parent.id] += count
            for parent, count in occupancies._read_group(
                occupancies._current_domain() & Domain(ancestor, "in", self.ids),
                [ancestor],
                ["__count"],
            ):
                occupant_counts[parent.id] += count
        for location in self:
            location.unit_count = unit_counts[location.id]
            location.occupant_count = occupant_counts[location.id]

    @api.constrains("location_level", "parent_id")
    def _check_registry_parent(self):
        labels = dict(self._fields["location_level"]._description_selection(self.env))
        for location in self.filtered("location_level"):
            parent_level = location.parent_id.location_level or False
            if parent_level not in ALLOWED_PARENT_LEVELS[location.location_level]:
                raise ValidationError(
                    self.env._(
                        "%(level)s “%(name)s” cannot be placed under “%(parent)s”.",
                        level=labels[location.location_level],
                        name=location.name,
                        parent=location.parent_id.display_name or self.env._("nothing"),
                    )
                )

    @api.constrains("common_share_numerator", "common_share_denominator")
    def _check_common_share(self):
        for unit in self:
            numerator = unit.common_share_numerator
            denominator = unit.common_share_denominator
            if not numerator and not denominator:
                continue
            if denominator <= 0 or numerator < 0 or numerator > denominator:
                raise ValidationError(
                    self.env._(
                        "The share in the common property of %(unit)s must be a "
                        "fraction between 0 and 1 (got %(num)s/%(den)s).",
                        unit=unit.display_name,
                        num=numerator,
                        den=denominator,
                    )
                )

    @api.constrains("partner_latitude", "partner_longitude")
    def _check_coordinates_in_poland(self):
        (south, west), (north, east) = POLAND_BOUNDS
        for location in self:
            lat, lon = location.partner_latitude, location.partner_longitude
            if not lat and not lon:
                continue
            if not (south <= lat <= north and west <= lon <= east):
                raise ValidationError(
                    self.env._(
                        "The coordinates of %(name)s (%(lat).6f, %(lon).6f) are "
                        "outside Poland. Check the coordinate system and the "
                        "order of the axes (northing, easting).",
                        name=location.display_name,
                        lat=lat,
                        lon=lon,
                    )
                )

    @api.model
    def default_get(self, fields):
        # ``default_parent_id`` would also become the parent of the location's
        # new partner, so the registry passes the parent location under its
        # own key.
        defaults = super().default_get(fields)
        parent_id = self.env.context.get("msom_default_parent_id")
        if parent_id and "parent_id" in fields:
            defaults["parent_id"] = parent_id
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._prepare_registry_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        if any(field in vals for field in COORDINATE_FIELDS):
            for location in self:
                location_vals = dict(vals)
                for field in COORDINATE_FIELDS:
                    location_vals.setdefault(field, location[field])
                super(FsmLocation, location).write(
                    self._prepare_registry_vals(location_vals)
                )
            return True
        return super().write(self._prepare_registry_vals(vals))

    @api.model
    def _prepare_registry_vals(self, vals):
        """Name units after their number and convert planar coordinates."""
        if vals.get("location_level") == "unit" and not vals.get("name"):
            if vals.get("unit_number"):
                vals["name"] = self.env._("unit %s", vals["unit_number"])
        if vals.get("coordinate_epsg"):
            vals.update(self._coordinates_to_wgs84(vals))
        return vals

    @api.model
    def _coordinates_to_wgs84(self, vals):
        epsg = vals["coordinate_epsg"]
        if epsg not in SUPPORTED_EPSG:
            raise ValidationError(
                self.env._(
                    "Unknown coordinate system EPSG:%(epsg)s. Use PL-1992 "
                    "(EPSG:2180) or PL-2000 (EPSG:2176, 2177, 2178, 2179).",
                    epsg=epsg,
                )
            )
        northing = vals.get("coordinate_northing")
        easting = vals.get("coordinate_easting")
        if not northing or not easting:
            raise ValidationError(
                self.env._(
                    "Enter both the northing (x) and the easting (y) in EPSG:%(epsg)s.",
                    epsg=epsg,
                )
            )
        zone = PL2000_ZONES.get(epsg)
        if zone and int(easting) // 1_000_000 != zone:
            raise ValidationError(
                self.env._(
                    "In PL-2000 zone %(zone)s (EPSG:%(epsg)s) the easting (y) starts "
                    "with %(zone)s, e.g. %(zone)s500000. Check the order of the axes.",
                    zone=zone,
                    epsg=epsg,
                )
            )
        latitude, longitude = planar_to_wgs84(epsg, northing, easting)
        return {"partner_latitude": latitude, "partner_longitude": longitude}

    def _get_service_contacts(self):
        """Office and emergency contacts for this location, nearest first.

        A contact defined on the building wins over the estate's, which wins
        over the company-wide one, for each kind of contact.
        """
        self.ensure_one()
        scopes = [self.building_id, self.estate_id, self.env["fsm.location"]]
        contacts = self.env["msom.service.contact"].search(
            Domain("company_id", "=", self.company_id.id or self.env.company.id)
            & Domain(
                "location_id", "in", [scope.id for scope in scopes if scope] + [False]
            )
        )
        rank = {scope.id or False: position for position, scope in enumerate(scopes)}
        nearest = {}
        for contact in contacts.sorted(
            lambda c: (rank.get(c.location_id.id or False, 99), c.sequence)
        ):
            nearest.setdefault(contact.kind, contact)
        return self.env["msom.service.contact"].union(*nearest.values())

    def _get_public_report_url(self):
        """The address of the public report form for this location, or False.

        The registry only keeps the location's secret token: the form and its
        route belong to the module that serves them (msom_portal), which
        overrides this method to give their address.
        """
        self.ensure_one()
        return False

    def _get_public_report_qr(self):
        """PNG (base64) of the QR code that opens the report form for this
        location, or False while no installed module serves the form."""
        self.ensure_one()
        url = self._get_public_report_url()
        if not url:
            return False
        png = self.env["ir.actions.report"].barcode("QR", url, width=300, height=300)
        return base64.b64encode(png)

    def _get_qr_sheet_locations(self, per_row=3):
        """The building, its staircases and units, in rows for the QR sheet."""
        self.ensure_one()
        locations = self | self.search(
            Domain("building_id", "=", self.id) & Domain("id", "!=", self.id),
            order="complete_name",
        )
        return [locations[i : i + per_row] for i in range(0, len(locations), per_row)]

    def _get_total_common_share(self):
        """Exact sum of the shares of the units below this location."""
        self.ensure_one()
        units = self.search(
            Domain("location_level", "=", "unit")
            & Domain(f"{self.location_level}_id", "=", self.id)
        )
        return sum(
            (
                Fraction(unit.common_share_numerator, unit.common_share_denominator)
                for unit in units
                if unit.common_share_denominator
            ),
            Fraction(0),
        )

    def action_view_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "msom_estate.action_msom_unit"
        )
        action["domain"] = [
            ("location_level", "=", "unit"),
            (f"{self.location_level}_id", "=", self.id),
        ]
        action["context"] = {
            "msom_default_parent_id": self.id,
            "default_location_level": "unit",
        }
        return action

    def action_view_occupants(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "msom_estate.action_msom_occupancy"
        )
        field = (
            "unit_id"
            if self.location_level == "unit"
            else (f"unit_id.{self.location_level}_id")
        )
        action["domain"] = [(field, "=", self.id)]
        action["context"] = {"search_default_current": 1}
        if self.location_level == "unit":
            action["context"]["default_unit_id"] = self.id
        return action
