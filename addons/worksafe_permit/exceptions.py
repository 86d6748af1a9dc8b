"""Refusals that carry their reasons as data (rules.blockers.Blocker items), so callers and
tests act on codes while people read the message."""

from odoo.exceptions import AccessError, ValidationError


class BlockedError(ValidationError):
    """A permit cannot pass a stage (submit, issue, start, resume): `blockers` says why."""

    def __init__(self, message, blockers=()):
        super().__init__(message)
        self.blockers = tuple(blockers)


class ApprovalRefused(AccessError):
    """This user may not decide this approval step: `blockers` says why, `candidates` (the
    users) who can."""

    def __init__(self, message, blockers=(), candidates=None):
        super().__init__(message)
        self.blockers = tuple(blockers)
        self.candidates = candidates
