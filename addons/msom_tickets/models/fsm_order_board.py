# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from .fsm_stage import DONE_STATES, OPEN_STATES

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = (
    "&copy; <a href='https://www.openstreetmap.org/copyright'>OpenStreetMap</a>"
)


class FsmOrder(models.Model):
    """The operator's board: stage actions, statistics of the cuts and the map."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _read_group_stage_ids(self, stages, domain, order=None):
        # The ticket board shows the stages of the ticket flow only.
        if self.env.context.get("msom_ticket_board"):
            ticket_stages = Domain("stage_type", "=", "order") & Domain(
                "ticket_state", "!=", False
            )
            return stages.search(ticket_stages, order=order)
        return super()._read_group_stage_ids(stages, domain, order=order)

    # ------------------------------------------------------------------
    # Board actions
    # ------------------------------------------------------------------

    def _move_to_state(self, state):
        stage = self._stage_for_state(state)
        if not stage:
            raise UserError(
                self.env._("No stage is configured for this step of the ticket flow.")
            )
        self.write({"stage_id": stage.id})
        return True

    def action_msom_accept(self):
        return self._move_to_state("accepted")

    def action_msom_forward(self):
        return self._move_to_state("forwarded")

    def action_msom_start(self):
        return self._move_to_state("in_progress")

    def action_msom_hold(self):
        return self._move_to_state("on_hold")

    def action_msom_done(self):
        return self._move_to_state("done")

    def action_msom_close(self):
        return self._move_to_state("closed")

    def action_complete(self):
        # Tickets complete in our flow; plain orders in Field Service's stage.
        tickets = self.filtered("is_ticket")
        if tickets:
            tickets.action_msom_done()
        return super(FsmOrder, self - tickets).action_complete()

    def action_msom_reject(self):
        return self._move_to_state("rejected")

    # ------------------------------------------------------------------
    # Statistics (the board's cuts and the dashboard)
    # ------------------------------------------------------------------

    @api.model
    def _cut_domains(self):
        """The four analysis cuts: today's, all, forwarded today, all forwarded."""
        # "Today" is the office's day, in the same zone as its midnight.
        local_now = pytz.utc.localize(fields.Datetime.now()).astimezone(
            self._board_timezone()
        )
        tz_start = self._local_midnight_utc(
            datetime.combine(local_now.date(), time.min)
        )
        tomorrow = tz_start + timedelta(days=1)
        return {
            "today": Domain("report_date", ">=", tz_start)
            & Domain("report_date", "<", tomorrow),
            "all": Domain.TRUE,
            "forwarded_today": Domain("forwarded_date", ">=", tz_start)
            & Domain("forwarded_date", "<", tomorrow),
            "forwarded": Domain("forwarded_date", "!=", False),
        }

    @api.model
    def _board_timezone(self):
        return pytz.timezone(
            self.env.context.get("tz") or self.env.user.tz or "Europe/Warsaw"
        )

    @api.model
    def _local_midnight_utc(self, naive_local):
        tz = self._board_timezone()
        return tz.localize(naive_local).astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def get_ticket_statistics(self, domain=None):
        """Counters for a domain: total, done, not done, overdue, average
        hours to done and the reopen rate, in one scan (record rules apply)."""
        self.env.flush_all()  # the domain may read any field, of any model
        query = self._search(Domain("is_ticket", "=", True) & Domain(domain or []))
        table = SQL.identifier(query.table)
        self.env.cr.execute(
            query.select(
                SQL(
                    """count(*),
                       count(*) FILTER (WHERE %(t)s.ticket_state IN %(done)s),
                       count(*) FILTER (WHERE %(t)s.ticket_state = 'rejected'),
                       count(*) FILTER (WHERE %(t)s.ticket_state IN %(open)s
                                          AND %(t)s.sla_deadline < %(now)s),
                       avg(%(t)s.resolution_hours)
                           FILTER (WHERE %(t)s.done_date IS NOT NULL),
                       count(*) FILTER (WHERE %(t)s.reopen_count > 0),
                       count(*) FILTER (WHERE %(t)s.done_date IS NOT NULL
                                           OR %(t)s.reopen_count > 0)""",
                    t=table,
                    done=DONE_STATES,
                    open=OPEN_STATES,
                    now=fields.Datetime.now(),
                )
            )
        )
        total, done, rejected, overdue, avg_hours, reopened, ever_done = (
            self.env.cr.fetchone()
        )
        return {
            "total": total,
            "done": done,
            "not_done": total - done - rejected,
            "rejected": rejected,
            "overdue": overdue,
            "avg_hours_to_done": round(float(avg_hours or 0.0), 1),
            "reopened": reopened,
            "reopen_rate": round(100.0 * reopened / ever_done, 1) if ever_done else 0.0,
        }

    @api.model
    def get_board_dashboard(self, domain=None):
        """Statistics of each of the four cuts, for the dashboard."""
        domain = Domain(domain or [])
        return {
            cut: self.get_ticket_statistics(domain & cut_domain)
            for cut, cut_domain in self._cut_domains().items()
        }

    # ------------------------------------------------------------------
    # Map
    # ------------------------------------------------------------------

    @api.model
    def get_map_data(self, bounds=None, limit=10000):
        """Pins of open tickets and the workers' last positions.

        ``bounds`` = [south, west, north, east]. One indexed query per layer,
        bounded by ``limit``.
        """
        limit = min(int(limit or 10000), 10000)
        domain = (
            Domain("is_ticket", "=", True)
            & Domain("ticket_state", "in", OPEN_STATES)
            & Domain("latitude", "!=", 0)
        )
        if bounds:
            south, west, north, east = (float(b) for b in bounds)
            domain &= (
                Domain("latitude", ">=", south)
                & Domain("latitude", "<=", north)
                & Domain("longitude", ">=", west)
                & Domain("longitude", "<=", east)
            )
        self.env.flush_all()
        query = self._search(domain, order="id desc", limit=limit)
        table = SQL.identifier(query.table)
        self.env.cr.execute(
            query.select(
                SQL(
                    "%(t)s.id, %(t)s.name, %(t)s.latitude, %(t)s.longitude, "
                    "%(t)s.stage_id, %(t)s.ticket_state, %(t)s.sla_deadline, "
                    "%(t)s.category_id, %(t)s.person_id",
                    t=table,
                )
            )
        )
        rows = self.env.cr.fetchall()
        stages = self.env["fsm.stage"].browse({row[4] for row in rows if row[4]})
        groups = self.env["fsm.category"].browse({row[7] for row in rows if row[7]})
        group_names = {group.id: group.name for group in groups}
        now = fields.Datetime.now()
        pins = [
            {
                "id": ticket_id,
                "name": name,
                "lat": latitude,
                "lon": longitude,
                "stage_id": stage_id,
                "state": state,
                "overdue": bool(deadline and deadline < now),
                "group": group_names.get(category_id, ""),
                "worker_id": person_id or False,
            }
            for (ticket_id, name, latitude, longitude, stage_id, state, deadline,
                 category_id, person_id) in rows
        ]  # fmt: skip
        workers = []
        if self.env["fsm.person"].has_access("read"):
            people = self.env["fsm.person"].search_fetch(
                [("last_position_time", "!=", False)],
                [
                    "name",
                    "last_latitude",
                    "last_longitude",
                    "last_position_time",
                    "commercial_partner_id",
                ],
                limit=2000,
                order="last_position_time desc",
            )
            workers = people._msom_map_values()
        return {
            **self._map_tile_config(),
            "tickets": pins,
            "stages": {
                str(stage.id): {
                    "color": stage.custom_color or "#3388ff",
                    "name": stage.name,
                }
                for stage in stages
            },
            "workers": workers,
            "truncated": len(rows) >= limit,
        }

    @api.model
    def _map_tile_config(self):
        """The tiles of every map: web_leaflet_lib's `leaflet.tile_url` and
        `leaflet.copyright`. It leaves the URL "False" on a database without
        demo data: OpenStreetMap's tiles then."""
        params = self.env["ir.config_parameter"].sudo()
        url = (params.get_param("leaflet.tile_url") or "").strip()
        if url in ("", "False"):
            url = DEFAULT_TILE_URL
        attribution = (params.get_param("leaflet.copyright") or "").strip()
        return {"tile_url": url, "attribution": attribution or DEFAULT_ATTRIBUTION}

    def action_assign_worker(self, person_id):
        """Assign a worker from the map (also sets the worker's company)."""
        person = self.env["fsm.person"].browse(person_id).exists()
        if not person:
            raise UserError(self.env._("This worker no longer exists."))
        company = person.commercial_partner_id
        vals = {"person_id": person.id}
        if company.is_contractor:
            vals["contractor_id"] = company.id
        self.write(vals)
        return True
