from . import balances
from . import contact
from . import home
from . import invoices
from . import payment_calendar
from . import public_report
from . import tickets
from . import units
