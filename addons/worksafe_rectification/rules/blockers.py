"""Blocker codes worksafe_rectification adds to worksafe_permit's (rules.blockers there).

Why a prefix of our own: worksafe_permit lists its codes once; each addon names its own next
to them so that a code says which addon refuses and none collide.
"""

# --- close: a rectification of the permit is not verified yet (open, in progress or done)
UNVERIFIED = "rectification.unverified"
