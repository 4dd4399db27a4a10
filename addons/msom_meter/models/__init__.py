from . import msom_meter
from . import msom_meter_reading
from . import msom_meter_campaign
from . import msom_meter_settlement
from . import msom_meter_settlement_line
from . import account_move
from . import fsm_location
