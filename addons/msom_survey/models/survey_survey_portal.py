# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

# Fields of a survey that open Odoo's answering pages; Odoo lets no portal user
# read surveys at all, ours read the votes of their scope, without these.
ANSWERING_TOKENS = frozenset({"access_token", "session_code"})


class SurveySurvey(models.Model):
    """What residents see of votes in the portal, and what they may not."""

    _inherit = "survey.survey"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _msom_portal_votes(self, user=None):
        """Open and closed votes and surveys the user may see, newest first."""
        user = user or self.env.user
        return (
            self.with_user(user)
            .search(
                Domain("msom_kind", "!=", False)
                & Domain("msom_state", "in", ("open", "closed")),
                order="msom_date_close desc, id desc",
            )
            .sudo(False)
        )

    # ------------------------------------------------------------------
    # Access of portal users
    # ------------------------------------------------------------------

    @api.model
    def _has_field_access(self, field, operation):
        if not super()._has_field_access(field, operation):
            return False
        return (
            field.name not in ANSWERING_TOKENS
            or self.env.su
            or not self.env.user._is_portal()
        )

    def _create_answer(self, *args, **kwargs):
        # A survey answer stores who answered what: a ballot is never one.
        if any(survey.msom_kind == "vote" for survey in self):
            raise UserError(
                self.env._("A vote is cast in the resident portal, not as a survey.")
            )
        return super()._create_answer(*args, **kwargs)

    def _msom_portal_info(self, user=None):
        """What the portal shows for one vote, read with the user's rights."""
        self.ensure_one()
        user = user or self.env.user
        survey = self.with_user(user)
        survey.check_access("read")
        voters = (
            self.env["msom.vote.voter"]
            .with_user(user)
            .search(
                Domain("survey_id", "=", self.id)
                & Domain("partner_id", "=", user.partner_id.id)
            )
        )
        now = fields.Datetime.now()
        is_open = (
            self.msom_state == "open"
            and self.msom_date_open <= now <= self.msom_date_close
        )
        return {
            "survey": self.sudo(),
            "voters": voters,
            "answers": self._msom_vote_answers() if self.msom_kind == "vote" else {},
            # Labels in the resident's language, whatever the answers hold.
            "labels": dict(
                self.with_context(lang=user.lang or self.env.lang)._msom_vote_labels()
            ),
            "is_open": is_open,
            "can_vote": is_open
            and any(not voter.has_voted or self.msom_allow_change for voter in voters),
            "result_lines": self._msom_result_lines()
            if self.msom_state == "closed" and self.msom_kind == "vote"
            else [],
        }
