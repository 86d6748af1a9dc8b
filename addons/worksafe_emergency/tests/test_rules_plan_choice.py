from odoo.tests import BaseCase

from ..rules.plan_choice import PlanCandidate, choose_plan

FIRE, GAS = 1, 2
# area path of "Site / Unit / Pump bay": own id first
PUMP_BAY_PATH = (30, 20, 10)


def plan(plan_id, kind, scenarios=(), areas=()):
    return PlanCandidate(plan_id, kind, frozenset(scenarios), frozenset(areas))


class TestRulesPlanChoice(BaseCase):
    def test_most_specific_area_wins(self):
        plans = [plan(1, "comprehensive"), plan(2, "scenario", areas=[10]),
                 plan(3, "onsite", areas=[20])]
        self.assertEqual(choose_plan(plans, FIRE, PUMP_BAY_PATH), 3)

    def test_parent_area_plan_covers_children(self):
        plans = [plan(1, "comprehensive"), plan(2, "onsite", areas=[20])]
        self.assertEqual(choose_plan(plans, FIRE, PUMP_BAY_PATH), 2)

    def test_plan_of_another_area_never_chosen(self):
        plans = [plan(1, "comprehensive"), plan(2, "onsite", areas=[99])]
        self.assertEqual(choose_plan(plans, FIRE, PUMP_BAY_PATH), 1)

    def test_scenario_must_match_when_given(self):
        plans = [plan(1, "comprehensive"), plan(2, "scenario", scenarios=[GAS])]
        self.assertEqual(choose_plan(plans, FIRE, PUMP_BAY_PATH), 1)
        self.assertEqual(choose_plan(plans, GAS, PUMP_BAY_PATH), 2)

    def test_same_area_scenario_specific_beats_generic(self):
        plans = [plan(5, "onsite", areas=[30]), plan(6, "scenario", scenarios=[FIRE],
                                                      areas=[30])]
        self.assertEqual(choose_plan(plans, FIRE, PUMP_BAY_PATH), 6)

    def test_same_specificity_kind_then_oldest(self):
        plans = [plan(8, "scenario"), plan(7, "comprehensive"), plan(9, "scenario")]
        self.assertEqual(choose_plan(plans, FIRE, PUMP_BAY_PATH), 8)

    def test_no_plan(self):
        self.assertIsNone(choose_plan([], FIRE, PUMP_BAY_PATH))
        self.assertIsNone(choose_plan([plan(1, "onsite", areas=[99])], FIRE, PUMP_BAY_PATH))
