"""Pure rules of the permit summary (no ORM): what counts as a deviation."""
