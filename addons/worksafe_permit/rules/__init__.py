"""Pure-Python rule layer of WorkSafe.

Why a separate package: the safety decisions (gas limits, permit levels,
validity windows, SIMOPS conflicts, audit chain, QR tokens, risk matrix) must
be testable without a database and reviewable by a safety engineer without
reading ORM code.  Nothing here imports Odoo; every number a standard fixes
(GB 30871 limits, GB/T 3608 height bands, ...) is passed in by the caller,
because in the product those numbers are data records a site may adapt.

Each module is self-contained (no imports between rule modules), so a single
module can be loaded from its file path in plain pytest runs.  The submodules
only use the standard library, so importing them here is cheap and lets the
ORM code write ``from ..rules import gas``.
"""

from . import (
    audit,
    blockers,
    conditions,
    gas,
    levels,
    risk,
    simops,
    temporary_power,
    token,
    validity,
)

__all__ = [
    "audit",
    "blockers",
    "conditions",
    "gas",
    "levels",
    "risk",
    "simops",
    "temporary_power",
    "token",
    "validity",
]
