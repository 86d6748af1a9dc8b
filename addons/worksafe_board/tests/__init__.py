from . import (
    test_board_kiosk,
    test_board_push,
    test_board_state,
    test_rules_shape,
    test_tour_board,
)
