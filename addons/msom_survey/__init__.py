from . import controllers
from . import models
from . import demo
from . import tools
from . import wizards
