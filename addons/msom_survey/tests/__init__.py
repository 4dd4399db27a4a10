from . import test_eligibility
from . import test_voting
from . import test_result
from . import test_security
from . import test_protocol
from . import test_portal
from . import test_i18n
from . import test_ordinary_surveys
