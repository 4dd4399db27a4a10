# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

MAIL_BATCH = 500


class SurveySurvey(models.Model):
    """Invitations, reminders and results, mailed in batches by a cron."""

    _inherit = "survey.survey"  # pylint: disable=consider-merging-classes-inherited

    def _msom_trigger_mailing(self):
        cron = self.env.ref("msom_survey.ir_cron_msom_vote_mailing", False)
        if cron:
            cron.sudo()._trigger()

    def _msom_pending_mail_domains(self):
        """(template xmlid, flag field, domain of voters) still to be mailed."""
        now = fields.Datetime.now()
        Survey = self.sudo()
        open_surveys = Survey.search(Domain("msom_state", "=", "open"))
        reminded = open_surveys.filtered(
            lambda s: (
                s.msom_reminder_days
                and s.msom_date_close - timedelta(days=s.msom_reminder_days)
                <= now
                < s.msom_date_close
            )
        )
        closed_votes = Survey.search(
            Domain("msom_state", "=", "closed") & Domain("msom_kind", "=", "vote")
        )
        with_partner = Domain("partner_id", "!=", False)
        return [
            (
                "msom_survey.mail_template_vote_invitation",
                "invitation_sent",
                Domain("survey_id", "in", open_surveys.ids) & with_partner,
            ),
            (
                "msom_survey.mail_template_vote_reminder",
                "reminder_sent",
                Domain("survey_id", "in", reminded.ids)
                & Domain("has_voted", "=", False)
                & with_partner,
            ),
            (
                "msom_survey.mail_template_vote_result",
                "result_sent",
                Domain("survey_id", "in", closed_votes.ids) & with_partner,
            ),
        ]

    @api.model
    def _msom_send_pending_mails(self, limit=MAIL_BATCH):
        """Queue up to ``limit`` invitations, reminders and result notices.

        Returns how many voters were mailed. Mails go out through Odoo's mail
        queue; every voter is flagged so that nobody gets the same mail twice.
        """
        Voter = self.env["msom.vote.voter"].sudo()
        done = 0
        for xmlid, flag, domain in self._msom_pending_mail_domains():
            if done >= limit:
                break
            voters = Voter.search(domain & Domain(flag, "=", False), limit=limit - done)
            if not voters:
                continue
            template = self.env.ref(xmlid).sudo()
            template.send_mail_batch(voters.ids)
            voters.with_context(msom_vote_internal=True).write({flag: True})
            done += len(voters)
        return done

    @api.model
    def _cron_msom_vote_mailing(self):
        cron = self.env["ir.cron"]
        while True:
            done = self._msom_send_pending_mails()
            if not done or cron._commit_progress(done) <= 0:
                break
