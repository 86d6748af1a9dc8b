"""When an unacknowledged responder is called again, and when their deputy is called.

Why: mass-notification experience (ServiceNow CEM, Everbridge) is that non-response is the
weak point: re-send only to those who have not answered, then go to someone else. The steps
(60 s: call again; 120 s: call the deputy, proposed figures of next-modules.md) are data
records; this rule only says which steps are due for one notification at `now`. A step is
done once: the cron records it on the notification.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    code: str          # "renotify" or "deputy"
    after_seconds: int


def due_steps(notified_at, acked_at, done_codes, steps, now):
    """The steps (in order) due for a notification sent at `notified_at`: none once it is
    acknowledged, none already done, only those whose delay has run out at `now`."""
    if acked_at or not notified_at:
        return []
    elapsed = (now - notified_at).total_seconds()
    return [step for step in sorted(steps, key=lambda s: s.after_seconds)
            if step.code not in done_codes and elapsed >= step.after_seconds]


def seconds_to_all_acked(notified_at, acked_times):
    """Seconds from the first call to the last acknowledgement; None while one is missing."""
    if not acked_times or any(t is None for t in acked_times):
        return None
    return max(0.0, (max(acked_times) - notified_at).total_seconds())
