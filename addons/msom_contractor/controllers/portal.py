# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import json

import pytz
from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request
from odoo.tools import html2plaintext

from odoo.addons.msom_estate.tools import (
    param_datetime,
    param_float,
    param_id,
    param_ids,
    param_text,
)
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

PAGE_SIZE = 20
TABS = ("new", "mine", "done", "all")
BASE = "/wykonawca"
# Thumbnails the job pages show.
THUMBNAIL_SIZES = {"120x120": (120, 120), "160x160": (160, 160)}


class ContractorPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _msom_check_contractor(self):
        user = request.env.user
        if user._is_public() or not user.has_group("msom_estate.group_msom_contractor"):
            raise Forbidden()

    def _msom_job(self, job_id):
        """The current contractor's job, or 404 (another company's job too)."""
        self._msom_check_contractor()
        Order = request.env["fsm.order"]
        job = Order.search(
            Domain("id", "=", param_id(job_id, "job_id")) & Order._msom_job_domain(),
            limit=1,
        )
        if not job:
            raise NotFound()
        return job

    @staticmethod
    def _msom_parse_datetime(value, label):
        """A datetime-local input (the user's time zone) as naive UTC."""
        return param_datetime(value, label, tz=request.env.user.tz or "Europe/Warsaw")

    @staticmethod
    def _msom_local_input(value):
        if not value:
            return ""
        tz = pytz.timezone(request.env.user.tz or "Europe/Warsaw")
        return pytz.utc.localize(value).astimezone(tz).strftime("%Y-%m-%dT%H:%M")

    @staticmethod
    def _msom_job_files(job):
        """Photos and voice notes of the job its contractor may open: none
        once the job is closed. Portal users have no access to attachments:
        the job, found through the record rules, is the permission."""
        job = job.sudo()
        if job.ticket_state == "closed":
            return job.env["ir.attachment"]
        return (
            job.attachment_ids.filtered(
                lambda a: (a.mimetype or "").startswith("image/")
            )
            | job.work_photo_ids
            | job.voice_note_ids
        )

    @staticmethod
    def _msom_file_url(job, attachment, size=None):
        url = f"{BASE}/zlecenie/{job.id}/plik/{attachment.id}"
        return f"{url}?size={size}" if size else url

    @staticmethod
    def _msom_hours(value, label):
        """Hours of work: a finite number a day's work can hold."""
        return param_float(value, label, minimum=0, maximum=10_000)

    def _msom_job_values(self, job, **extra):
        sudo_job = job.sudo()
        files = self._msom_job_files(job)
        reporter = sudo_job.reporter_partner_id
        show_contact = job.job_stage in ("accepted", "in_progress", "on_hold")
        messages = sudo_job.message_ids.filtered(
            lambda m: (
                m.message_type in ("comment", "notification")
                and not (
                    m.subtype_id
                    and m.subtype_id.internal
                    and m.message_type == "notification"
                )
            )
        )[:30]
        return dict(
            {
                "page_name": "msom_job",
                # Found through the record rules: display its (and its
                # place's) data without the registry's own rules.
                "job": sudo_job,
                "reporter_name": sudo_job.reporter_display,
                "reporter_phone": show_contact
                and (reporter.phone or sudo_job.reporter_phone),
                "reporter_email": show_contact
                and (reporter.email or sudo_job.reporter_email),
                "description": html2plaintext(sudo_job.description or ""),
                "notes": html2plaintext(sudo_job.resolution or ""),
                "resident_photos": files & sudo_job.attachment_ids,
                "work_photos": files & sudo_job.work_photo_ids,
                "voice_notes": files & sudo_job.voice_note_ids,
                "protocols": sudo_job.protocol_ids,
                "messages": messages,
                "protocol_required": job._msom_protocol_required(),
                "local_input": self._msom_local_input,
                "file_url": lambda attachment, size=None: self._msom_file_url(
                    job, attachment, size
                ),
                "plain": html2plaintext,
                "person": request.env["fsm.person"]._msom_for_user(),
                # the page while queued actions wait (outbox.js)
                "offline_proof": job._msom_offline_proof(),
                "stage_labels": json.dumps(
                    dict(job._fields["job_stage"]._description_selection(job.env))
                ),
                "stage_class": lambda stages: (
                    "" if job.job_stage in stages.split(",") else "d-none"
                ),
            },
            **extra,
        )

    # ------------------------------------------------------------------
    # Portal home
    # ------------------------------------------------------------------

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "msom_job_count" in counters:
            user = request.env.user
            count = 0
            if user.has_group("msom_estate.group_msom_contractor"):
                Order = request.env["fsm.order"]
                count = Order.search_count(
                    Order._msom_job_domain()
                    & Domain("ticket_state", "=", "forwarded")
                    & Domain("contractor_accept_date", "=", False)
                )
            values["msom_job_count"] = count
        return values

    # ------------------------------------------------------------------
    # Job list
    # ------------------------------------------------------------------

    @http.route(
        [BASE, f"{BASE}/page/<int:page>"], type="http", auth="user", website=True
    )
    def msom_jobs(self, page=1, tab="new", building=None, search=None, **kw):
        self._msom_check_contractor()
        Order = request.env["fsm.order"]
        tab = tab if tab in TABS else "new"
        building_id = param_id(building, "building", default=0)
        search = param_text(search, "search", max_length=200)
        total = Order._msom_job_count(tab, building_id, search)
        pager = portal_pager(
            url=BASE,
            url_args={"tab": tab, "building": building_id or "", "search": search},
            total=total,
            page=page,
            step=PAGE_SIZE,
        )
        data = Order._msom_job_list(
            tab, building_id, search, offset=pager["offset"], limit=PAGE_SIZE
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "msom_jobs",
                **data,
                "tab": tab,
                "building_id": building_id,
                "search": search,
                "pager": pager,
                "person": request.env["fsm.person"]._msom_for_user(),
            }
        )
        return request.render("msom_contractor.portal_jobs", values)

    # ------------------------------------------------------------------
    # Job page and actions
    # ------------------------------------------------------------------

    @http.route(f"{BASE}/zlecenie/<int:job_id>", type="http", auth="user", website=True)
    def msom_job(self, job_id, ok=None, **kw):
        job = self._msom_job(job_id)
        values = self._prepare_portal_layout_values()
        values.update(self._msom_job_values(job, ok=ok))
        return request.render("msom_contractor.portal_job", values)

    def _msom_render_error(
        self, job, error, template="msom_contractor.portal_job", **extra
    ):
        request.env.cr.rollback()
        job = self._msom_job(job.id)
        values = self._prepare_portal_layout_values()
        values.update(self._msom_job_values(job, error=error, **extra))
        return request.render(template, values, status=400)

    @http.route(
        f"{BASE}/zlecenie/<int:job_id>/plik/<int:attachment_id>",
        type="http",
        auth="user",
    )
    def msom_job_file(self, job_id, attachment_id, size=None, **kw):
        """A photo or voice note of the job, while the job is the
        contractor's and not closed (no lasting link to the file)."""
        job = self._msom_job(job_id)
        attachment = self._msom_job_files(job).filtered(lambda a: a.id == attachment_id)
        if not attachment or (size and size not in THUMBNAIL_SIZES):
            raise NotFound()
        Binary = request.env["ir.binary"]
        if size:
            width, height = THUMBNAIL_SIZES[size]
            stream = Binary._get_image_stream_from(
                attachment, width=width, height=height, crop=True
            )
        else:
            stream = Binary._get_stream_from(attachment)
        return stream.get_response()

    @http.route(
        f"{BASE}/zlecenie/<int:job_id>/akcja",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def msom_job_action(self, job_id, action=None, **post):
        job = self._msom_job(job_id)
        try:
            done = self._msom_apply_action(
                job, action, post.get, request.httprequest.form.getlist
            )
        except (UserError, ValidationError, AccessError) as error:
            return self._msom_render_error(job, str(error.args[0]))
        return request.redirect(self._msom_action_url(job, action, done))

    @staticmethod
    def _msom_action_url(job, action, done):
        """Where the page goes after `action` (`done`: it changed something)."""
        if action == "decline":
            return f"{BASE}?ok=declined"
        return f"{BASE}/zlecenie/{job.id}?ok={action if done else 'unchanged'}"

    def _msom_apply_action(self, job, action, get, getlist):
        """Apply a job page action read through `get(name)` (one value) and
        `getlist(name)` (a multi-value field): from the page's form, or from
        the phone's queue of what was done offline. True if it changed the job."""
        if action == "accept":
            return job._msom_job_accept(
                self._msom_parse_datetime(get("planned_start"), "planned_start"),
                self._msom_hours(get("planned_hours"), "planned_hours"),
            )
        if action == "decline":
            return job._msom_job_decline(param_text(get("reason"), "reason", 2000))
        if action == "start":
            return job._msom_job_start()
        if action == "hold":
            return job._msom_job_hold(param_text(get("reason"), "reason", 2000))
        if action == "done":
            return job._msom_job_done()
        if action == "checklist":
            return job._msom_job_checklist(
                param_ids(getlist("activity_ids"), "activity_ids")
            )
        if action == "details":
            return job._msom_job_details(
                planned_start=self._msom_parse_datetime(
                    get("planned_start"), "planned_start"
                ),
                planned_hours=self._msom_hours(get("planned_hours"), "planned_hours"),
                date_start=self._msom_parse_datetime(get("date_start"), "date_start"),
                date_end=self._msom_parse_datetime(get("date_end"), "date_end"),
                time_spent=self._msom_hours(get("time_spent"), "time_spent"),
                notes=param_text(get("notes"), "notes", 10_000),
            )
        raise UserError(request.env._("Unknown action."))

    def _msom_upload(self, job_id, add, ok):
        job = self._msom_job(job_id)
        try:
            add(job)
        except (UserError, ValidationError) as error:
            return self._msom_render_error(job, str(error.args[0]))
        return request.redirect(f"{BASE}/zlecenie/{job.id}?ok={ok}")

    @http.route(
        f"{BASE}/zlecenie/<int:job_id>/zdjecia",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def msom_job_photos(self, job_id, **post):
        files = [f for f in request.httprequest.files.getlist("photos") if f.filename]

        def add(job):
            if not files:
                raise UserError(request.env._("Choose or take at least one photo."))
            job._msom_add_photos([(f.filename, f.read()) for f in files])

        return self._msom_upload(job_id, add, "photos")

    @http.route(
        f"{BASE}/zlecenie/<int:job_id>/notatka-glosowa",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def msom_job_voice(self, job_id, **post):
        upload = request.httprequest.files.get("voice")

        def add(job):
            if not upload or not upload.filename:
                raise UserError(request.env._("Record or choose a voice note."))
            job._msom_add_voice(upload.filename, upload.read())

        return self._msom_upload(job_id, add, "voice")

    # ------------------------------------------------------------------
    # Completion protocol
    # ------------------------------------------------------------------

    @http.route(
        f"{BASE}/zlecenie/<int:job_id>/protokol",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def msom_job_protocol(self, job_id, **post):
        job = self._msom_job(job_id)
        if request.httprequest.method == "POST":
            try:
                protocol = request.env["msom.completion.protocol"]._msom_create_for_job(
                    job,
                    self._msom_protocol_values(
                        post.get, request.httprequest.form.getlist
                    ),
                )
            except (UserError, ValidationError, AccessError) as error:
                return self._msom_render_error(
                    job,
                    str(error.args[0]),
                    template="msom_contractor.portal_protocol",
                    form=post,
                )
            return request.redirect(
                f"{BASE}/zlecenie/{job.id}?ok=protocol&p={protocol.id}"
            )
        values = self._prepare_portal_layout_values()
        values.update(self._msom_job_values(job, form={}))
        return request.render("msom_contractor.portal_protocol", values)

    def _msom_protocol_values(self, get, getlist):
        """The protocol form's values (read as in `_msom_apply_action`)."""
        materials = [
            {
                "name": param_text(name, "material_name"),
                "quantity": param_float(
                    quantity, "material_quantity", minimum=0, maximum=1e9
                ),
                "uom": param_text(uom, "material_uom", 32),
            }
            for name, quantity, uom in zip(
                getlist("material_name"),
                getlist("material_quantity"),
                getlist("material_uom"),
                strict=False,
            )
        ]
        return {
            "work_description": param_text(
                get("work_description"), "work_description", 10_000
            ),
            "date_start": self._msom_parse_datetime(get("date_start"), "date_start"),
            "date_end": self._msom_parse_datetime(get("date_end"), "date_end"),
            "hours": self._msom_hours(get("hours"), "hours"),
            "materials": materials,
            "photo_ids": param_ids(getlist("photo_ids"), "photo_ids"),
            "resident_absent": bool(get("resident_absent")),
            "resident_name": param_text(get("resident_name"), "resident_name"),
            "absence_reason": param_text(get("absence_reason"), "absence_reason", 2000),
            # a PNG data URL of the drawn signature
            "signature": param_text(get("signature"), "signature", 2_000_000),
            "worker_name": param_text(get("worker_name"), "worker_name"),
        }

    # ------------------------------------------------------------------
    # Location
    # ------------------------------------------------------------------

    @http.route(f"{BASE}/lokalizacja", type="http", auth="user", methods=["POST"])
    def msom_location_sharing(self, enabled=None, **post):
        self._msom_check_contractor()
        person = request.env["fsm.person"]._msom_for_user()
        if not person:
            raise NotFound()
        person._msom_set_location_sharing(enabled == "1")
        return request.redirect(BASE)

    @http.route(f"{BASE}/pozycja", type="jsonrpc", auth="user", methods=["POST"])
    def msom_position(self, latitude=None, longitude=None, **kw):
        self._msom_check_contractor()
        person = request.env["fsm.person"]._msom_for_user()
        if not person:
            return {"stored": False, "error": request.env._("You are not a worker.")}
        try:
            stored = person._msom_ping(latitude, longitude)
        except UserError as error:
            return {"stored": False, "error": str(error.args[0])}
        return {"stored": stored}
