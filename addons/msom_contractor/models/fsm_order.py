# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io
import logging
from datetime import timedelta

import pytz
from markupsafe import Markup, escape
from PIL import Image, ImageOps, UnidentifiedImageError

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.msom_estate.tools import demo_generated_before

_logger = logging.getLogger(__name__)

# Ticket states a contractor works with (earlier ones are the operator's).
JOB_STATES = ("forwarded", "in_progress", "on_hold", "done", "closed")
ACTIVE_JOB_STATES = ("forwarded", "in_progress", "on_hold")
# Fields a contractor's portal user may write directly (RPC); everything else
# goes through the job methods below, which check the flow.
CONTRACTOR_WRITABLE = {"resolution", "message_main_attachment_id"}
# Set by the job methods; an object, so no RPC context can forge it.
FLOW = object()
PHOTO_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
PHOTO_MAX_SIDE = 1600
DEFAULT_PHOTO_MAX_MB = 15
DEFAULT_VOICE_MAX_MB = 10
WORK_KINDS = [
    ("ticket", "Resident Ticket"),
    ("maintenance", "Planned Maintenance"),
    ("inspection_gas", "Yearly Gas Inspection"),
    ("inspection_chimney", "Yearly Chimney Inspection"),
    ("inspection_building", "Five-yearly Building Inspection"),
    ("inspection_electrical", "Five-yearly Electrical Inspection"),
]
INSPECTION_KINDS = {kind for kind, _label in WORK_KINDS if kind.startswith("insp")}


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
    _inherit = "fsm.order"

    work_kind = fields.Selection(
        WORK_KINDS,
        default="ticket",
        required=True,
        index=True,
        help="Resident tickets, or work orders of the own crews: planned "
        "maintenance and the periodic inspections the building law requires.",
    )
    contractor_accept_date = fields.Datetime(
        string="Accepted by Contractor On", copy=False, readonly=True, tracking=True
    )
    contractor_accept_uid = fields.Many2one(
        "res.users", string="Accepted by", copy=False, readonly=True
    )
    last_decline_reason = fields.Text(copy=False, readonly=True)
    hold_reason = fields.Text(string="On Hold Because", copy=False, tracking=True)
    time_spent = fields.Float(
        string="Time Spent (h)", copy=False, help="Working time reported by the worker."
    )
    work_photo_ids = fields.Many2many(
        "ir.attachment",
        "fsm_order_msom_work_photo_rel",
        "order_id",
        "attachment_id",
        string="Work Photos",
        copy=False,
        help="Photos taken by the worker, resized on upload.",
    )
    voice_note_ids = fields.Many2many(
        "ir.attachment",
        "fsm_order_msom_voice_rel",
        "order_id",
        "attachment_id",
        string="Voice Notes",
        copy=False,
    )
    voice_notes_html = fields.Html(
        string="Voice Note Playback",
        compute="_compute_voice_notes_html",
        sanitize=False,
    )
    protocol_ids = fields.One2many(
        "msom.completion.protocol", "ticket_id", string="Completion Protocols"
    )
    protocol_count = fields.Integer(compute="_compute_protocol_count")
    job_stage = fields.Selection(
        [
            ("new", "New"),
            ("accepted", "Accepted"),
            ("in_progress", "In Progress"),
            ("on_hold", "On Hold"),
            ("done", "Done"),
            ("other", "Not for the Contractor"),
        ],
        string="Job Status",
        compute="_compute_job_stage",
        help="The ticket as the contractor sees it.",
    )

    _contractor_jobs_idx = models.Index(
        "(contractor_id, sla_deadline) WHERE ticket_state IN "
        "('forwarded', 'in_progress', 'on_hold')"
    )

    @api.depends("voice_note_ids")
    def _compute_voice_notes_html(self):
        for order in self:
            order.voice_notes_html = Markup("").join(
                Markup(
                    '<div class="mb-2"><audio controls="controls" preload="none" '
                    'src="/web/content/%s"></audio> <span>%s</span></div>'
                )
                % (note.id, escape(note.name or ""))
                for note in order.voice_note_ids
            )

    def _compute_protocol_count(self):
        counts = dict(
            self.env["msom.completion.protocol"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for order in self:
            order.protocol_count = counts.get(order, 0)

    @api.depends("ticket_state", "contractor_accept_date")
    def _compute_job_stage(self):
        for order in self:
            state = order.ticket_state
            if state == "forwarded":
                order.job_stage = "accepted" if order.contractor_accept_date else "new"
            elif state in ("in_progress", "on_hold"):
                order.job_stage = state
            elif state in ("done", "closed"):
                order.job_stage = "done"
            else:
                order.job_stage = "other"

    # ------------------------------------------------------------------
    # Write guard and new-job notification
    # ------------------------------------------------------------------

    def _msom_is_contractor_user(self):
        user = self.env.user
        return user._is_portal() and user.has_group("msom_estate.group_msom_contractor")

    def _msom_flow(self):
        return self.with_context(msom_contractor_flow=FLOW)

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.filtered(lambda o: o.ticket_state == "forwarded")._msom_notify_new_job()
        return orders

    def write(self, vals):
        if (
            not self.env.su
            and self.env.context.get("msom_contractor_flow") is not FLOW
            and set(vals) - CONTRACTOR_WRITABLE
            and self._msom_is_contractor_user()
        ):
            raise AccessError(
                self.env._(
                    "Contractors change their jobs through the job pages only "
                    "(fields: %(fields)s).",
                    fields=", ".join(sorted(set(vals) - CONTRACTOR_WRITABLE)),
                )
            )
        watched = {"stage_id", "contractor_id", "person_id"} & set(vals)
        before = {}
        if watched:
            before = {
                order.id: (order.ticket_state, order.contractor_id, order.person_id)
                for order in self
            }
        result = super().write(vals)
        if watched:
            fresh = self.filtered(
                lambda o: (
                    o.ticket_state == "forwarded"
                    and not o.contractor_accept_date
                    and before.get(o.id)
                    != (o.ticket_state, o.contractor_id, o.person_id)
                )
            )
            fresh._msom_notify_new_job()
        return result

    def _msom_job_recipients(self):
        """Portal users to tell about this job: the worker, else the company."""
        self.ensure_one()
        Users = self.env["res.users"].sudo()
        group = self.env.ref("msom_estate.group_msom_contractor")
        if self.person_id:
            domain = Domain("partner_id", "=", self.person_id.partner_id.id)
        elif self.contractor_id:
            domain = Domain(
                "partner_id.commercial_partner_id", "=", self.contractor_id.id
            )
        else:
            return Users
        return Users.search(domain & Domain("group_ids", "in", group.ids))

    def _msom_notify_new_job(self):
        """Web push to the phones that subscribed, e-mail to the others."""
        if self.env.context.get("tracking_disable") or self.env.context.get(
            "msom_no_job_notification"
        ):
            return
        thread = self.env["mail.thread"].sudo()
        template = self.env.ref(
            "msom_contractor.mail_template_new_job", raise_if_not_found=False
        )
        for order in self:
            users = order._msom_job_recipients()
            if not users:
                continue
            devices, private_key, public_key = thread._web_push_get_partners_parameters(
                users.partner_id.ids
            )
            pushed = devices.partner_id if private_key else self.env["res.partner"]
            if pushed:
                payload = {
                    "title": self.env._("New job %(job)s", job=order.name),
                    "options": {
                        "body": "%s, %s"
                        % (
                            order.category_id.name or "",
                            order.location_id.display_name,
                        ),
                        "data": {"url": f"/wykonawca/zlecenie/{order.id}"},
                        "tag": f"msom-job-{order.id}",
                    },
                }
                thread._web_push_send_notification(
                    devices, private_key, public_key, payload=payload
                )
            to_mail = users.partner_id - pushed
            to_mail = to_mail.filtered("email")
            if template and to_mail:
                template.sudo().send_mail(
                    order.id,
                    email_values={
                        "recipient_ids": [Command.link(p.id) for p in to_mail]
                    },
                )

    # ------------------------------------------------------------------
    # The contractor's jobs
    # ------------------------------------------------------------------

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

    # ------------------------------------------------------------------
    # Photos and voice notes
    # ------------------------------------------------------------------

    @api.model
    def _msom_check_upload(self, filename, data, param, default_mb):
        """Refuse an empty or oversized upload (limit in MB: a parameter)."""
        value = self.env["ir.config_parameter"].sudo().get_param(param, default_mb)
        try:
            limit = float(value)
        except ValueError:
            limit = default_mb
        if not data:
            raise UserError(self.env._("The file “%(name)s” is empty.", name=filename))
        if len(data) > limit * 1024 * 1024:
            raise UserError(
                self.env._(
                    "The file “%(name)s” is %(size).1f MB; files up to %(limit)s MB "
                    "are accepted here.",
                    name=filename,
                    size=len(data) / 1024 / 1024,
                    limit=limit,
                )
            )

    @api.model
    def _msom_prepare_photo(self, filename, data):
        """Checked, EXIF-rotated, resized JPEG of an uploaded photo."""
        self._msom_check_upload(
            filename, data, "msom_contractor.photo_max_mb", DEFAULT_PHOTO_MAX_MB
        )
        try:
            image = Image.open(io.BytesIO(data))
            image_format = image.format
            image.load()
        except (
            UnidentifiedImageError,
            OSError,
            ValueError,
            Image.DecompressionBombError,
        ):
            image_format = None
        if image_format not in PHOTO_FORMATS:
            raise UserError(
                self.env._(
                    "“%(name)s” is not a photo: JPEG, PNG, WebP or GIF images are "
                    "accepted.",
                    name=filename,
                )
            )
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
        self._msom_check_upload(
            filename, data, "msom_contractor.voice_max_mb", DEFAULT_VOICE_MAX_MB
        )
        mimetype = _audio_mimetype(data)
        if not mimetype:
            raise UserError(
                self.env._(
                    "“%(name)s” is not a voice recording: WebM, Ogg, MP3, MP4/M4A "
                    "or WAV audio is accepted.",
                    name=filename,
                )
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

    # ------------------------------------------------------------------
    # Backend
    # ------------------------------------------------------------------

    def action_view_protocols(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "msom_contractor.action_msom_completion_protocol"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    @api.model
    def _msom_contractor_demo(self):
        """Own-crew work orders for the demo: inspections of a demo building."""
        if demo_generated_before(self.env, "msom_contractor"):
            return
        person = self.env.ref(
            "msom_tickets.person_demo_marek", raise_if_not_found=False
        )
        building = self.env["fsm.location"].search(
            [("location_level", "=", "building")], order="id", limit=1
        )
        stage = self._stage_for_state("forwarded")
        if not person or not building or not stage:
            return
        now = fields.Datetime.now()
        orders = [
            ("inspection_gas", "Roczny przegląd instalacji gazowej (art. 62 Prawa "
             "budowlanego): szczelność instalacji, kurki, wentylacja."),
            ("inspection_chimney", "Roczna kontrola przewodów kominowych: dymowych, "
             "spalinowych i wentylacyjnych; sprawdzenie ciągu."),
        ]  # fmt: skip
        self.with_context(msom_no_job_notification=True).create(
            [
                {
                    "location_id": building.id,
                    "work_kind": kind,
                    "channel": "operator",
                    "description": Markup("<p>%s</p>") % text,
                    "contractor_id": person.commercial_partner_id.id,
                    "person_id": person.id,
                    "stage_id": stage.id,
                    "scheduled_date_start": now + timedelta(days=3 + i),
                    "scheduled_duration": 4.0,
                }
                for i, (kind, text) in enumerate(orders)
            ]
        )
