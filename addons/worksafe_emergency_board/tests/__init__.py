from . import test_emergency_board_state
from . import test_emergency_board_push
from . import test_muster_route
from . import test_rules_route
from . import test_tour_emergency_board
