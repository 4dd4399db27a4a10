from . import fsm_person
from . import msom_completion_protocol
from . import msom_completion_protocol_material
from . import fsm_order
from . import fsm_template
from . import fsm_recurring
from . import fsm_order_offline
