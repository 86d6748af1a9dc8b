from . import (
    test_acceptance_items,
    test_acceptor_is_another_person,
    test_close_needs_acceptance,
    test_failed_item_opens_rectification,
    test_forged_create,
    test_rules_acceptance,
    test_tour_acceptance_phone,
)
