# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

import pytz
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from .fsm_order import INSPECTION_KINDS

# Ticket states a contractor works with (earlier ones are the operator's).
JOB_STATES = ("forwarded", "in_progress", "on_hold", "done", "closed")
ACTIVE_JOB_STATES = ("forwarded", "in_progress", "on_hold")


class FsmOrder(models.Model):
    """The contractor's job pages: lists, counters and the job's flow."""

    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _msom_job_domain(self):
        """Jobs of the current contractor: their company's, or assigned to them
        (own staff). Record rules apply on top of this."""
        user = self.env.user
        person = self.env["fsm.person"]._msom_for_user(user)
        mine = Domain("contractor_id", "=", user.partner_id.commercial_partner_id.id)
        if person:
            mine |= Domain("person_id", "=", person.id)
        return mine & Domain("ticket_state", "in", JOB_STATES)

    @api.model
    def _msom_tab_domains(self):
        person = self.env["fsm.person"]._msom_for_user()
        return {
            "new": Domain("ticket_state", "=", "forwarded")
            & Domain("contractor_accept_date", "=", False),
            "mine": Domain("person_id", "=", person.id or 0)
            & Domain("ticket_state", "in", ACTIVE_JOB_STATES)
            & Domain("contractor_accept_date", "!=", False),
            "done": Domain("ticket_state", "in", ("done", "closed")),
            "all": Domain("ticket_state", "in", ACTIVE_JOB_STATES),
        }

    @api.model
    def _msom_job_list_domain(self, tab, building_id=0, search=""):
        domain = self._msom_job_domain() & self._msom_tab_domains()[tab]
        if building_id:
            domain &= Domain("building_id", "=", building_id)
        if search:
            domain &= (
                Domain("name", "ilike", search)
                | Domain("street_name", "ilike", search)
                | Domain("location_id", "any!", [("complete_name", "ilike", search)])
                | Domain("description", "ilike", search)
            )
        return domain

    @api.model
    def _msom_job_count(self, tab, building_id=0, search=""):
        return self.search_count(self._msom_job_list_domain(tab, building_id, search))

    @api.model
    def _msom_job_counts(self):
        """The tab counters (new, mine, all) in one scan of the jobs."""
        person = self.env["fsm.person"]._msom_for_user()
        self.flush_model(["ticket_state", "contractor_accept_date", "person_id"])
        query = self._search(
            self._msom_job_domain() & Domain("ticket_state", "in", ACTIVE_JOB_STATES)
        )
        table = SQL.identifier(query.table)
        self.env.cr.execute(
            query.select(
                SQL(
                    """count(*) FILTER (WHERE %(t)s.ticket_state = 'forwarded'
                                          AND %(t)s.contractor_accept_date IS NULL),
                       count(*) FILTER (WHERE %(t)s.person_id = %(person)s
                                          AND %(t)s.contractor_accept_date IS NOT NULL),
                       count(*)""",
                    t=table,
                    person=person.id or 0,
                )
            )
        )
        new, mine, total = self.env.cr.fetchone()
        return {"new": new, "mine": mine, "all": total}

    @api.model
    def _msom_job_list(self, tab, building_id=0, search="", offset=0, limit=20):
        """One page of the contractor's job list, with the tab counters and
        the buildings to filter by (indexed queries, record rules apply)."""
        base = self._msom_job_domain()
        tabs = self._msom_tab_domains()
        counts = self._msom_job_counts()
        buildings = [
            (building.id, building.sudo().display_name)
            for (building,) in self._read_group(base & tabs[tab], ["building_id"])
            if building
        ]
        order = {
            "done": "done_date desc, id desc",
            "all": "category_id, sla_deadline asc, id",
        }.get(tab, "sla_deadline asc, id")
        jobs = self.search_fetch(
            self._msom_job_list_domain(tab, building_id, search),
            [
                "name",
                "category_id",
                "location_id",
                "sla_deadline",
                "ticket_state",
                "contractor_accept_date",
                "priority",
            ],
            order=order,
            offset=offset,
            limit=limit,
        ).sudo()  # found through the rules; shown with their places' names
        return {
            "rows": self._msom_job_rows(jobs),
            "counts": counts,
            "buildings": sorted(buildings, key=lambda b: b[1]),
            "group_by_category": tab == "all",
        }

    @api.model
    def _msom_job_rows(self, jobs):
        """Plain values of the list rows (one query per related model)."""
        tz = pytz.timezone(self.env.user.tz or "Europe/Warsaw")
        now = fields.Datetime.now()
        labels = dict(self._fields["job_stage"]._description_selection(self.env))
        jobs.location_id.fetch(["complete_name"])
        jobs.category_id.fetch(["name"])
        return [
            {
                "id": job.id,
                "name": job.name,
                "group": job.category_id.name or "",
                "group_id": job.category_id.id,
                "place": job.location_id.complete_name,
                "is_new": job.job_stage == "new",
                "urgent": job.priority in ("2", "3"),
                "stage": labels.get(job.job_stage, ""),
                "deadline": job.sla_deadline
                and pytz.utc.localize(job.sla_deadline)
                .astimezone(tz)
                .strftime("%d.%m %H:%M"),
                "overdue": bool(
                    job.sla_deadline
                    and job.sla_deadline < now
                    and job.ticket_state in ACTIVE_JOB_STATES
                ),
            }
            for job in jobs
        ]

    def _msom_check_job(self):
        """The ticket is one of the current contractor's jobs (else AccessError)."""
        self.ensure_one()
        self.check_access("write")
        if not self.filtered_domain(self._msom_job_domain()):
            raise AccessError(
                self.env._(
                    "Ticket %(ticket)s is not one of your jobs.", ticket=self.name
                )
            )

    def _msom_check_editable(self):
        if self.job_stage in ("done", "other"):
            raise UserError(
                self.env._(
                    "Job %(job)s is closed: it can no longer be edited.", job=self.name
                )
            )

    def _msom_state_error(self, target):
        labels = dict(self._fields["job_stage"]._description_selection(self.env))
        return UserError(
            self.env._(
                "Job %(job)s is “%(state)s”: it cannot be changed to “%(target)s” "
                "now. Refresh the page to see its current status.",
                job=self.name,
                state=labels.get(self.job_stage, self.stage_id.name),
                target=labels.get(target, target),
            )
        )

    def _msom_note(self, body):
        self.sudo().message_post(
            body=body,
            author_id=self.env.user.partner_id.id,
            subtype_xmlid="mail.mt_note",
        )

    def _msom_job_accept(self, planned_start=None, planned_hours=None):
        """The contractor takes the job (idempotent: False if already taken)."""
        self._msom_check_job()
        if self.job_stage in ("accepted", "in_progress", "on_hold", "done"):
            return False
        if self.job_stage != "new":
            raise self._msom_state_error("accepted")
        vals = {
            "contractor_accept_date": fields.Datetime.now(),
            "contractor_accept_uid": self.env.uid,
        }
        person = self.env["fsm.person"]._msom_for_user()
        if person and not self.person_id:
            vals["person_id"] = person.id
        vals.update(self._msom_plan_vals(planned_start, planned_hours))
        self._msom_flow().write(vals)
        self._msom_live_notify("job_accepted")
        self._msom_note(
            self.env._(
                "Job accepted by %(worker)s.", worker=self.env.user.partner_id.name
            )
        )
        return True

    def _msom_job_decline(self, reason):
        """Give the job back to the operator with a reason."""
        self._msom_check_job()
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(
                self.env._("Say why you decline the job; the operator will read it.")
            )
        if self.job_stage not in ("new", "accepted"):
            raise self._msom_state_error("other")
        company = self.contractor_id
        operator = self.forwarded_uid
        back = self._stage_for_state("accepted")
        # The reporter is not told: for them the ticket is still being handled.
        self.sudo().with_context(mail_notrack=True).write(
            {
                "stage_id": back.id,
                "contractor_id": False,
                "person_id": False,
                "contractor_accept_date": False,
                "contractor_accept_uid": False,
                "last_decline_reason": reason,
            }
        )
        body = self.env._(
            "Declined by %(worker)s (%(company)s): %(reason)s",
            worker=self.env.user.partner_id.name,
            company=company.name or "-",
            reason=reason,
        )
        self._msom_note(body)
        if operator and operator._is_internal():
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=operator.id,
                summary=self.env._("Job declined by the contractor"),
                note=body,
            )
        return True

    def _msom_job_start(self):
        self._msom_check_job()
        if self.job_stage == "in_progress":
            return False
        if self.job_stage not in ("accepted", "on_hold"):
            raise self._msom_state_error("in_progress")
        if not self.date_start:
            self._msom_flow().write({"date_start": fields.Datetime.now()})
        self._msom_flow().action_msom_start()
        return True

    def _msom_job_hold(self, reason):
        self._msom_check_job()
        if self.job_stage == "on_hold":
            return False
        if self.job_stage != "in_progress":
            raise self._msom_state_error("on_hold")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(self.env._("Say why the work is on hold."))
        self._msom_flow().write({"hold_reason": reason})
        self._msom_flow().action_msom_hold()
        self._msom_note(self.env._("On hold: %(reason)s", reason=reason))
        return True

    def _msom_protocol_required(self):
        self.ensure_one()
        return bool(
            self.category_id.protocol_required or self.work_kind in INSPECTION_KINDS
        )

    def _msom_job_done(self):
        self._msom_check_job()
        if self.job_stage == "done":
            return False
        if self.job_stage != "in_progress":
            raise self._msom_state_error("done")
        missing = self.sudo().order_activity_ids.filtered(
            lambda a: a.required and a.state == "todo"
        )
        if missing:
            raise UserError(
                self.env._(
                    "Tick off the required checklist items of job %(job)s first: "
                    "%(items)s.",
                    job=self.name,
                    items=", ".join(missing.mapped("name")),
                )
            )
        if self._msom_protocol_required() and not self.sudo().protocol_ids:
            raise UserError(
                self.env._(
                    "Job %(job)s needs a completion protocol before it is done: "
                    "fill in the protocol with the resident's signature first.",
                    job=self.name,
                )
            )
        vals = {}
        if not self.date_end:
            vals["date_end"] = fields.Datetime.now()
        if vals:
            self._msom_flow().write(vals)
        if not self.time_spent and self.duration:
            self._msom_flow().write({"time_spent": round(self.duration, 2)})
        self._msom_flow().action_msom_done()
        return True

    def _msom_plan_vals(self, planned_start, planned_hours):
        vals = {}
        if planned_start:
            if planned_start < fields.Datetime.now() - timedelta(days=1):
                raise ValidationError(
                    self.env._("The planned date cannot be in the past.")
                )
            vals["scheduled_date_start"] = planned_start
        if planned_hours not in (None, ""):
            hours = float(planned_hours)
            if not 0 < hours <= 240:
                raise ValidationError(
                    self.env._("The planned duration must be between 0 and 240 hours.")
                )
            vals["scheduled_duration"] = hours
        return vals

    def _msom_job_details(
        self, planned_start=None, planned_hours=None, date_start=None, date_end=None,
        time_spent=None, notes=None,
    ):  # fmt: skip
        """Planned and actual time and the execution notes."""
        self._msom_check_job()
        self._msom_check_editable()
        vals = self._msom_plan_vals(planned_start, planned_hours)
        start = date_start or self.date_start
        end = date_end or self.date_end
        if start and end and end < start:
            raise ValidationError(self.env._("The work cannot end before it starts."))
        if date_start:
            vals["date_start"] = date_start
        if date_end:
            vals["date_end"] = date_end
        if time_spent not in (None, ""):
            hours = float(time_spent)
            if not 0 <= hours <= 1000:
                raise ValidationError(
                    self.env._("The time spent must be between 0 and 1000 hours.")
                )
            vals["time_spent"] = hours
        if notes is not None:
            vals["resolution"] = (
                Markup("<p>%s</p>") % escape(notes.strip()) if notes.strip() else False
            )
        if vals:
            self._msom_flow().write(vals)
        return True

    def _msom_job_checklist(self, done_ids):
        """Tick off checklist items (fieldservice_activity) of the job."""
        self._msom_check_job()
        if self.job_stage not in ("in_progress", "on_hold"):
            raise self._msom_state_error("in_progress")
        items = self.sudo().order_activity_ids
        to_do = items.filtered(lambda a: a.id in set(done_ids) and a.state == "todo")
        if to_do:
            to_do.with_user(self.env.user).sudo().action_done()
        return bool(to_do)
