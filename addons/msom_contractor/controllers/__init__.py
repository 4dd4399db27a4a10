from . import portal
from . import verification
