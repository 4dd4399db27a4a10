# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The queue of the contractor's phone: what the job pages captured (offline
or not) arrives here one item at a time, in the order it was captured."""

import base64
import binascii

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.msom_estate.tools import param_datetime, param_id, param_text

from .portal import BASE, ContractorPortal

KINDS = ("action", "photos", "voice", "protocol")
# at most this many files in one item (one tap on "send photos")
MAX_FILES = 20


class ContractorOffline(ContractorPortal):
    @http.route(
        f"{BASE}/zlecenie/<int:job_id>/wyslij",
        type="jsonrpc",
        auth="user",
        methods=["POST"],
    )
    def msom_job_send(
        self, job_id, token=None, proof=None, kind=None, values=None, files=None,
        captured_at=None, offline=False, **kw,
    ):  # fmt: skip
        """Apply one queued item of the job page.

        ``token`` is the item's one-time token: an item sent twice (the
        answer was lost on the way back) gets the first answer and is applied
        once. An item the job does not take any more (cancelled, given to
        someone else, or refused after the worker was offline) is kept on the
        ticket for the office. Answers ``{"state": "applied", "url": ...}``,
        ``{"state": "kept", "message": ...}`` or, for what the worker sent
        while online and can correct, ``{"state": "refused", "error": ...}``.
        """
        self._msom_check_contractor()
        # answers in the worker's language, whatever the site's (a website
        # picks the language from the page address, which a queue has not)
        request.update_context(lang=request.env.user.lang or request.env.lang)
        env = request.env
        token = param_text(token, "token", 64)
        if kind not in KINDS or not token:
            raise UserError(env._("This item cannot be sent: reload the page."))
        values = values if isinstance(values, dict) else {}
        Submission = env["msom.submission"]
        first = Submission._msom_claim(token)
        if first:
            return first
        Order = env["fsm.order"]
        job_id = param_id(job_id, "job_id")
        job = Order.search(Domain("id", "=", job_id) & Order._msom_job_domain())
        captured_at = param_datetime(captured_at, "captured_at")
        if not job:
            # sudo: the job has left the worker; the proof says it was theirs
            job = Order.sudo().browse(job_id).exists().with_env(env)
            if not job or not job._msom_offline_had_job(proof):
                raise NotFound()
            reason = job._msom_offline_lost_reason()
            result = self._msom_keep(job, kind, values, files, captured_at, reason)
            return Submission._msom_done(token, result)
        try:
            with env.cr.savepoint():
                url = self._msom_send_apply(job, kind, values, files)
        except (UserError, ValidationError, AccessError) as error:
            if not offline:
                return {"state": "refused", "error": str(error.args[0])}
            reason = str(error.args[0]).rstrip(".")
            result = self._msom_keep(job, kind, values, files, captured_at, reason)
            return Submission._msom_done(token, result)
        return Submission._msom_done(token, {"state": "applied", "url": url})

    @staticmethod
    def _msom_getlist(values):
        def getlist(name):
            value = values.get(name)
            if isinstance(value, list):
                return value
            return [] if value in (None, "") else [value]

        return getlist

    def _msom_send_apply(self, job, kind, values, files):
        """Apply the item as its form would; the page to show afterwards."""
        env = request.env
        getlist = self._msom_getlist(values)
        if kind == "action":
            action = values.get("action")
            done = self._msom_apply_action(job, action, values.get, getlist)
            return self._msom_action_url(job, action, done)
        if kind == "protocol":
            protocol_values = self._msom_protocol_values(values.get, getlist)
            if "photo_ids" not in values:
                # the form had no photos to choose from: the job's photos,
                # those sent offline before the protocol included
                protocol_values["photo_ids"] = None
            protocol = env["msom.completion.protocol"]._msom_create_for_job(
                job, protocol_values
            )
            return f"{BASE}/zlecenie/{job.id}?ok=protocol&p={protocol.id}"
        decoded = self._msom_decode_files(files)
        if kind == "photos":
            if not decoded:
                raise UserError(env._("Choose or take at least one photo."))
            job._msom_add_photos(decoded)
        else:
            if len(decoded) != 1:
                raise UserError(env._("Record or choose a voice note."))
            job._msom_add_voice(*decoded[0])
        return f"{BASE}/zlecenie/{job.id}?ok={kind}"

    @staticmethod
    def _msom_decode_files(files):
        """[(file name, bytes)] of the item's files ({name, data: base64})."""
        env = request.env
        if files in (None, ""):
            return []
        if not isinstance(files, list) or len(files) > MAX_FILES:
            raise UserError(env._("Too many files in one item: send fewer at once."))
        decoded = []
        for file in files:
            name = param_text(
                isinstance(file, dict) and file.get("name"), "name", truncate=True
            )
            try:
                data = base64.b64decode(file.get("data") or "", validate=True)
            except (AttributeError, TypeError, ValueError, binascii.Error):
                raise UserError(
                    env._("“%(name)s” could not be read.", name=name or "-")
                ) from None
            decoded.append((name or "plik", data))
        return decoded

    def _msom_keep(self, job, kind, values, files, captured_at, reason):
        """Keep the item on the ticket for the office; the worker's message."""
        env = request.env
        labels = {
            "accept": env._("the acceptance of the job"),
            "decline": env._("the refusal of the job"),
            "start": env._("the start of the work"),
            "hold": env._("putting the work on hold"),
            "done": env._("the end of the work"),
            "checklist": env._("the checklist"),
            "details": env._("the time and notes"),
            "photos": env._("photos"),
            "voice": env._("a voice note"),
            "protocol": env._("the completion protocol"),
        }
        what = labels.get(values.get("action") if kind == "action" else kind)
        what = what or labels["details"]
        fields = {
            "reason": env._("Reason given"),
            "notes": env._("Notes written"),
            "planned_start": env._("Planned visit (as entered)"),
            "date_start": env._("Started (as entered)"),
            "date_end": env._("Ended (as entered)"),
            "time_spent": env._("Hours worked"),
            "hours": env._("Hours worked"),
            "work_description": env._("How the work was done"),
            "resident_name": env._("Name of the resident"),
            "absence_reason": env._("Why the resident did not sign"),
            "worker_name": env._("Name of the worker"),
            "material_name": env._("Materials used"),
        }
        getlist = self._msom_getlist(values)
        lines = [
            (
                label,
                ", ".join(str(v) for v in getlist(name) if v)[:10_000].replace(
                    "\x00", ""
                ),
            )
            for name, label in fields.items()
        ]
        try:
            attachments = self._msom_decode_files(files)
        except UserError:
            attachments = []
        signature = kind == "protocol" and self._msom_signature_png(values)
        if signature:
            attachments.append(("podpis.png", signature))
        job._msom_offline_keep(what, reason, lines, attachments, captured_at)
        return {
            "state": "kept",
            "message": env._(
                "Job %(job)s did not take %(what)s: %(reason)s. Nothing is lost: "
                "what you sent is on the ticket and the office has been told.",
                job=job.sudo().name,
                what=what,
                reason=reason,
            ),
        }

    @staticmethod
    def _msom_signature_png(values):
        """The drawn signature of a protocol item (a PNG data URL), or None."""
        signature = values.get("signature")
        if not isinstance(signature, str) or "," not in signature:
            return None
        try:
            return base64.b64decode(signature.split(",", 1)[1], validate=True)
        except (ValueError, binascii.Error):
            return None  # not a drawing: nothing to keep of it
