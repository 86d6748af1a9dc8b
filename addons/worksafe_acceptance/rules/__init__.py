"""Pure rules of acceptance at hand-back (no ORM): what the evidence says about each criterion,
what the acceptor may decide, and what keeps a permit from closing. The ORM adapts records
into the small objects below; the numbers (photo counts, bounds) are data on the templates."""
