from . import res_company
from . import fsm_location
from . import survey_question_answer
from . import survey_survey
from . import msom_vote_voter
from . import msom_vote_ballot
from . import msom_vote_tally
