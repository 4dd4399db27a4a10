# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the contractor's phone sends after working offline."""

from markupsafe import Markup

from odoo import models
from odoo.tools.misc import consteq, format_datetime, hmac

PROOF_SCOPE = "msom_contractor.offline_job"


class FsmOrder(models.Model):
    # one concern per file, as account's journal dashboard
    _inherit = "fsm.order"  # pylint: disable=consider-merging-classes-inherited

    def _msom_offline_proof(self):
        """A proof, given with the job page, that the current user had this
        job: the phone sends it with what it queued, so that what was
        captured reaches the office even if the job has left the worker
        meanwhile (and nobody else can post on tickets that were never theirs)."""
        self.ensure_one()
        return hmac(self.env(su=True), PROOF_SCOPE, (self.id, self.env.uid))

    def _msom_offline_had_job(self, proof):
        return isinstance(proof, str) and consteq(proof, self._msom_offline_proof())

    def _msom_offline_lost_reason(self):
        """Why the job no longer takes the current worker's changes."""
        self.ensure_one()
        job = self.sudo()
        if job.ticket_state == "rejected":
            return self.env._("the office cancelled the job")
        if job.ticket_state in ("done", "closed"):
            return self.env._("the job is already closed")
        return self.env._("the office gave the job to someone else")

    def _msom_offline_keep(self, what, reason, lines, files, captured_at=None):
        """Keep on the ticket what the worker captured offline and the job did
        not take: an internal note with the files, and a to-do for the
        operator who forwarded the ticket.

        :param what: what was sent ("photos", "completion protocol" …)
        :param reason: why the job did not take it
        :param lines: [(label, text)] of what the worker wrote
        :param files: [(file name, bytes)]
        """
        self.ensure_one()
        ticket = self.sudo()
        worker = self.env.user.partner_id
        when = "-"
        if captured_at:
            tz = self.env.user.tz or "Europe/Warsaw"
            when = format_datetime(self.env, captured_at, tz=tz)
        summary = self.env._(
            "%(worker)s sent from the phone %(what)s captured offline (%(when)s); "
            "it was not applied to the job: %(reason)s.",
            worker=worker.name,
            what=what,
            when=when,
            reason=reason,
        )
        body = Markup("<p>%s</p>") % summary + Markup("").join(
            Markup("<p><strong>%s:</strong> %s</p>") % (label, text)
            for label, text in lines
            if text
        )
        ticket.message_post(
            body=body,
            author_id=worker.id,
            subtype_xmlid="mail.mt_note",
            attachments=list(files),
        )
        operator = ticket.forwarded_uid or ticket.user_id
        title = self.env._("Check what the contractor sent offline")
        if (
            operator
            and operator._is_internal()
            and title not in ticket.activity_ids.mapped("summary")
        ):
            ticket.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=operator.id,
                summary=title,
                note=summary,
            )
