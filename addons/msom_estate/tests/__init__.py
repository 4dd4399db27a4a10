from . import test_registry
from . import test_occupancy
from . import test_coordinates
from . import test_service_contact
from . import test_security
from . import test_report
from . import test_generator
from . import test_i18n
