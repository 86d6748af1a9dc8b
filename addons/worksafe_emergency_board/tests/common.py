from odoo.addons.worksafe_board.tests.common import BoardCase


class EmergencyBoardCase(BoardCase):
    """The board's test site with two muster points: A serves unit A (its route from bay A1),
    B serves unit B; and a plan for drills."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Point = cls.env["worksafe.emergency.muster.point"]
        cls.point_a = Point.create({
            "name": "Gate A", "code": "MP-A", "area_id": cls.unit_a.id, "capacity": 50,
            "position_x": 95.0, "position_y": 5.0, "route_points": "25,25 25,5 95,5"})
        cls.point_b = Point.create({
            "name": "Car park B", "code": "MP-B", "area_id": cls.unit_b.id,
            "position_x": 195.0, "position_y": 95.0, "route_points": "150,50 195,95"})
        cls.fire = cls.env.ref("worksafe_emergency.scenario_fire")
        cls.drill_plan = cls.env["worksafe.emergency.plan"].create({
            "name": "Board test plan", "kind": "comprehensive", "owner_id": cls.officer.id})

    def raise_alarm(self, area, drill=None):
        return self.env["worksafe.emergency.event"].sudo()._raise_alarm(
            self.fire, area, drill=drill)

    def new_drill(self, area):
        return self.env["worksafe.emergency.drill"].sudo().create({
            "name": "Board drill", "plan_id": self.drill_plan.id, "scenario_id": self.fire.id,
            "area_id": area.id, "planned_at": self.now(), "announced": True})
