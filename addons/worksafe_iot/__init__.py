from . import rules
from . import models
from . import controllers
