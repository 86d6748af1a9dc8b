"""Pure rules of the live board (no ORM): see each module's docstring for why."""
