from . import portal
from . import verification
from . import offline
