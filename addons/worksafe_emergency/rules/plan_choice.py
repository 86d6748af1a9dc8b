"""Which response plan an event follows (GB/T 29639-2020: comprehensive, scenario and on-site
plans).

Why: the most specific plan is the one a responder can act on. An on-site plan for the very
unit that is burning beats a scenario plan for the whole site, which beats the comprehensive
plan. A plan for a parent area covers its sub-areas (a plan for "Tank farm" covers
"Tank farm / Dike 2"). Specificity is judged by area first (the plan's area nearest the event's
area wins), then by scenario (a plan written for this scenario beats a plan for any), then by
plan kind (on-site, scenario, comprehensive), then by id (older first) so the choice is stable.
"""
from dataclasses import dataclass

KIND_RANK = {"onsite": 0, "scenario": 1, "comprehensive": 2}


@dataclass(frozen=True)
class PlanCandidate:
    plan_id: int
    kind: str
    scenario_ids: frozenset  # empty: any scenario
    area_ids: frozenset      # empty: the whole site


def plan_rank(plan, scenario_id, area_path):
    """The sort key of `plan` for an event of `scenario_id` in the area whose path (own id
    first, then ancestors) is `area_path`; None when the plan does not cover the event."""
    if plan.scenario_ids and scenario_id not in plan.scenario_ids:
        return None
    if plan.area_ids:
        depths = [depth for depth, area_id in enumerate(area_path) if area_id in plan.area_ids]
        if not depths:
            return None
        area_rank = depths[0]
    else:
        area_rank = len(area_path)  # site-wide: less specific than any area on the path
    scenario_rank = 0 if plan.scenario_ids else 1
    return (area_rank, scenario_rank, KIND_RANK.get(plan.kind, 3), plan.plan_id)


def choose_plan(plans, scenario_id, area_path):
    """The id of the most specific plan covering the event, or None."""
    ranked = [(rank, plan.plan_id) for plan in plans
              if (rank := plan_rank(plan, scenario_id, tuple(area_path))) is not None]
    return min(ranked)[1] if ranked else None
