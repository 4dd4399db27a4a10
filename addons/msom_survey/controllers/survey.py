# Copyright 2026 mSOM contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.addons.survey.controllers.main import Survey


class MsomSurvey(Survey):
    def _check_validity(
        self,
        survey_sudo,
        answer_sudo,
        answer_token,
        ensure_token=True,
        check_partner=True,
    ):
        # Votes are cast on /my/votes only, where eligibility, one ballot per
        # voter and ballot secrecy are kept: to Odoo's survey pages (start,
        # answer, submit, print, retry) a vote does not exist.
        if survey_sudo and survey_sudo.msom_kind == "vote":
            return "survey_wrong"
        return super()._check_validity(
            survey_sudo,
            answer_sudo,
            answer_token,
            ensure_token=ensure_token,
            check_partner=check_partner,
        )
