"""What the board shows about a permit, an area and the people in it.

Why: the same judgement (is this permit overdue? which colour does an area take when it holds
an active hot work and a suspended lifting job?) is made for the backend board, the kiosk and
the tests; kept here it has one definition and tests without a database.
"""

# States a permit is "on the board" in, most urgent first: the area takes the colour of the
# most urgent permit it holds.
BOARD_STATES = ("suspended", "active", "issued", "handed_back", "expired")
LIVE_STATES = ("issued", "active", "suspended")
# Alarm levels, worst first.
ALARM_LEVELS = ("fault", "critical", "alarm", "warning", "normal")


def is_overdue(state, planned_end, now):
    """A live permit past its planned end (the expiry cron has not run yet, or the permit
    is suspended past its end), or an expired one: both need someone to act."""
    if state == "expired":
        return True
    return state in LIVE_STATES and bool(planned_end) and planned_end <= now


def area_state(states):
    """The board state of an area from the states of its permits: the most urgent one, or
    None for an area without permits."""
    for state in BOARD_STATES:
        if state in states:
            return state
    return None


def worst_level(levels):
    """The worst alarm level among `levels`, None when empty."""
    for level in ALARM_LEVELS:
        if level in levels:
            return level
    return None


def people_on_site(crews, helmets):
    """{area key: sorted employee ids} from the crews at work (`crews`: (area key, employee
    ids) pairs — the performing authority, workers and the checked-in watcher of active
    permits, the watcher checked in on an issued one) and the helmets seen online (`helmets`:
    (area key, employee id) pairs). A person counts once per area."""
    result = {}
    for key, people in crews:
        result.setdefault(key, set()).update(p for p in people if p)
    for key, person in helmets:
        if person:
            result.setdefault(key, set()).add(person)
    return {key: sorted(people) for key, people in result.items() if people}
