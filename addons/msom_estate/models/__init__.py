from . import fsm_location
from . import msom_occupancy
from . import msom_resident_unit_mixin
from . import msom_service_contact
from . import res_partner
from . import msom_registry_generator
from . import ir_rule
from . import ir_actions_report
