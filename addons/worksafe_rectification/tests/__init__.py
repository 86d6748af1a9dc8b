from . import (
    test_permit_close_blocked,
    test_rectification_lifecycle,
)
