from . import fsm_location
from . import fsm_order
from . import msom_public_report_attempt
from . import res_partner
