from . import test_tools
from . import test_charge_run
from . import test_payments
from . import test_security
from . import test_turnover
from . import test_i18n
from . import test_charge_run_bulk
from . import test_payments_bulk
