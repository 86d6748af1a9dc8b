"""Refusals of the acceptance that carry their reasons as data (rules.blockers.Blocker items
of worksafe_permit, with this addon's codes from rules/acceptance.py)."""

from odoo.exceptions import AccessError, ValidationError


class AcceptorRefused(AccessError):
    """This user may not check this permit's items on site: `blockers` says why."""

    def __init__(self, message, blockers=()):
        super().__init__(message)
        self.blockers = tuple(blockers)


class DecisionRefused(ValidationError):
    """This result cannot be recorded on this item now: `blockers` says why."""

    def __init__(self, message, blockers=()):
        super().__init__(message)
        self.blockers = tuple(blockers)
