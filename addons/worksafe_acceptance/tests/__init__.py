from . import (
    test_acceptance_items,
    test_acceptor_is_another_person,
    test_forged_create,
    test_rules_acceptance,
)
