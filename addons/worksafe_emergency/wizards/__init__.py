from . import raise_alarm_wizard  # noqa: F401
