from . import msom_vote_open_wizard
from . import msom_vote_paper_wizard
