from . import test_meters
from . import test_zsi_import_readings
from . import test_demo
from . import test_meter_i18n
