from . import board
from . import emergency_event
from . import muster_line
from . import muster_point
