from . import test_job_flow
