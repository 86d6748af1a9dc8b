from . import test_iot_raises_emergency  # noqa: F401
