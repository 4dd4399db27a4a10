# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.exceptions import UserError

# Fields of a survey that open Odoo's answering pages; Odoo lets no portal user
# read surveys at all, ours read the votes of their scope, without these.
ANSWERING_TOKENS = frozenset({"access_token", "session_code"})


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    def _has_field_access(self, field, operation):
        if not super()._has_field_access(field, operation):
            return False
        return (
            field.name not in ANSWERING_TOKENS
            or self.env.su
            or not self.env.user._is_portal()
        )

    @api.depends_context("uid")
    def _compute_msom_turnout(self):
        # Who has voted in a secret vote, watched as it grows, tells residents
        # how their neighbours vote: the live figures are the office's until
        # the vote closes.
        hidden = self.browse()
        if not self.env.su and self.env.user._is_portal():
            hidden = self.filtered(lambda s: s.msom_secret and s.msom_state != "closed")
        super(SurveySurvey, self - hidden)._compute_msom_turnout()
        hidden.update(
            {
                "msom_eligible_count": 0,
                "msom_voted_count": 0,
                "msom_turnout_percent": 0.0,
                "msom_weight_turnout_percent": 0.0,
                "msom_weight_turnout": False,
            }
        )

    def _create_answer(self, *args, **kwargs):
        # A survey answer stores who answered what: a ballot is never one.
        if any(survey.msom_kind == "vote" for survey in self):
            raise UserError(
                self.env._("A vote is cast in the resident portal, not as a survey.")
            )
        return super()._create_answer(*args, **kwargs)
