# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain


class SurveySurvey(models.Model):
    """Who may vote or answer, and when: the checks before a ballot is cast."""

    _inherit = "survey.survey"  # pylint: disable=consider-merging-classes-inherited

    def _msom_check_voting_time(self, paper=False):
        self.ensure_one()
        now = fields.Datetime.now()
        if self.msom_state == "closed" or (
            not paper and self.msom_date_close and now > self.msom_date_close
        ):
            raise UserError(
                self.env._(
                    "“%(title)s” is closed: votes are no longer accepted.",
                    title=self.title,
                )
            )
        if self.msom_state != "open" or now < self.msom_date_open:
            raise UserError(
                self.env._("“%(title)s” is not open for voting yet.", title=self.title)
            )

    def _msom_cast_vote(
        self, answer, user=None, voter=None, channel="portal", reference=False
    ):
        """Record one vote; the single entry point for the portal and paper.

        ``answer`` is a survey.question.answer (or its id) of the resolution;
        ``user`` the voting user (the current one by default). Operators enter
        paper votes with ``channel="paper"``, the ``voter`` record and the
        ``reference`` of the paper card. Every rule is checked here, on the
        server, whatever the caller sent. Returns the ballot (sudo).
        """
        self.ensure_one()
        user = user or self.env.user
        paper = channel == "paper"
        is_operator = self.env.su or self.env.user.has_group(
            "msom_estate.group_msom_operator"
        )
        if paper and not is_operator:
            raise AccessError(self.env._("Only operators can enter paper votes."))
        if not paper and user != self.env.user and not self.env.su:
            raise AccessError(self.env._("You can only cast your own vote."))
        survey = self.sudo()
        if survey.msom_kind != "vote":
            raise UserError(
                self.env._("“%(title)s” is not a vote.", title=survey.title)
            )
        survey._msom_check_voting_time(paper=paper)
        answer_id = answer.id if hasattr(answer, "id") else answer
        answer = self.env["survey.question.answer"].sudo().browse(answer_id).exists()
        if not answer or answer.question_id != survey.msom_question_id:
            raise UserError(
                self.env._("This answer does not belong to “%(title)s”.",
                           title=survey.title)
            )  # fmt: skip
        if paper:
            voter = (
                self.env["msom.vote.voter"]
                .sudo()
                .browse(voter.id if hasattr(voter, "id") else voter)
            )
            if not voter.exists() or voter.survey_id != survey:
                raise UserError(
                    self.env._("Choose an eligible voter of “%(title)s”.",
                               title=survey.title)
                )  # fmt: skip
            if not reference:
                raise UserError(
                    self.env._(
                        "Record where the paper vote comes from (card number, "
                        "meeting, collector)."
                    )
                )
        else:
            voter = self.env["msom.vote.voter"]._msom_find(
                survey, user.partner_id, voter
            )
        return self.env["msom.vote.ballot"]._msom_cast(
            voter, answer, channel, reference
        )

    def _check_answer_creation(
        self,
        user,
        partner,
        email,
        test_entry=False,
        check_attempts=True,
        invite_token=False,
    ):
        """Housing surveys: only eligible persons, only while open."""
        result = super()._check_answer_creation(
            user, partner, email, test_entry=test_entry,
            check_attempts=check_attempts, invite_token=invite_token,
        )  # fmt: skip
        if self.msom_kind == "survey" and not test_entry:
            self._msom_check_voting_time()
            respondent = partner or (user and user.partner_id)
            if not respondent or not self.env["msom.vote.voter"].sudo().search_count(
                Domain("survey_id", "=", self.id)
                & Domain("partner_id", "=", respondent.id),
                limit=1,
            ):
                raise UserError(
                    self.env._(
                        "You are not entitled to answer “%(title)s”.",
                        title=self.title,
                    )
                )
        return result

    def action_msom_paper_vote(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Enter a Paper Vote"),
            "res_model": "msom.vote.paper.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_survey_id": self.id},
        }
