from . import test_posting_hook
