"""Pure rules of the emergency module (no ORM): each with its "why" and its own tests."""
from . import accident, escalation, muster, plan_choice  # noqa: F401
