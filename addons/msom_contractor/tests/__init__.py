from . import test_job_flow
from . import test_security
from . import test_media
from . import test_protocol
from . import test_portal_http
from . import test_tour
from . import test_crew
from . import test_live_tour
