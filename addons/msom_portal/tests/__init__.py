from . import test_home_pages
from . import test_public_report
from . import test_security
from . import test_tickets
from . import test_tour
