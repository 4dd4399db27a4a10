from . import test_interest
from . import test_collection
from . import test_collection_i18n
from . import test_batch_run
from . import test_demo
