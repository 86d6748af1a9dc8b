"""The live board, with the emergencies: the open events of the site (drill or real) with
their roll-call counts, the muster points on the plan and the routes of the points that
serve an open event. Read in a fixed number of queries, whatever the number of events,
roll-call lines or points (tests/test_emergency_board_state.py counts them)."""
from odoo import api, fields, models

from ..rules import route as route_rules
from ..rules import serving as serving_rules
from odoo.addons.worksafe_emergency.rules import muster as muster_rules


class WorksafeBoard(models.AbstractModel):
    _inherit = "worksafe.board"

    @api.model
    def _board_state(self, companies, site_id, kiosk):
        state = super()._board_state(companies, site_id, kiosk)
        if not state.get("site"):
            return state
        state.update(self._board_emergency(state))
        return state

    @api.model
    def _empty_sections(self):
        sections = super()._empty_sections()
        sections.update(emergencies=[], muster_points=[])
        sections["counts"] = dict(sections["counts"], emergencies=0)
        return sections

    @api.model
    def _board_emergency(self, state):
        Area = self.env["worksafe.area"]
        Event = self.env["worksafe.emergency.event"]
        Point = self.env["worksafe.emergency.muster.point"]
        Line = self.env["worksafe.emergency.muster.line"]
        company_id = state["company"]["id"]
        site = Area.browse(state["site"]["id"])
        # the site's areas, with their parent_path, are in the cache already (the base
        # state read them): no query of its own for them
        in_site = f"{site.parent_path}%"
        drawn = {row["id"] for row in state["areas"]}

        events = Event.browse()
        if self._readable(Event._name):
            events = Event.search_fetch(
                [("company_id", "=", company_id), ("state", "=", "active"),
                 ("area_id.parent_path", "=like", in_site)],
                ["name", "is_drill", "scenario_id", "area_id", "started_at", "source"],
                order="started_at desc, id desc")
            events.scenario_id.fetch(["name"])
        tallies = {}
        at_point = {}
        if events and self._readable(Line._name):
            for event, status, point, count in Line._read_group(
                    [("event_id", "in", events.ids)],
                    ["event_id", "status", "muster_point_id"], ["__count"]):
                tallies.setdefault(event.id, []).extend([status] * count)
                if point and status == "accounted":
                    at_point[point.id] = at_point.get(point.id, 0) + count

        points = Point.browse()
        if self._readable(Point._name):
            points = Point.search_fetch(
                [("company_id", "=", company_id), "|", ("area_id.parent_path", "=like", in_site),
                 ("area_id", "=", False)],
                ["name", "code", "area_id", "position_x", "position_y", "capacity",
                 "route_points"], order="name, id")
        extent = state["site"]["extent"]
        event_paths = [event.area_id.parent_path for event in events]

        emergency_rows = []
        for event in events:
            tally = muster_rules.counts(tallies.get(event.id, []))
            area_id = event.area_id.id
            emergency_rows.append({
                "id": event.id, "name": event.name, "drill": event.is_drill,
                "scenario": event.scenario_id.name or "",
                "area_id": area_id if area_id in drawn else self._drawn_ancestor(
                    event.area_id.parent_path, drawn),
                "area_name": event.area_id.complete_name or "",
                "started_at": fields.Datetime.to_string(event.started_at),
                "population": tally.population, "accounted": tally.accounted,
                "missing": tally.missing, "need_help": tally.need_help,
                "percent": tally.percent,
            })
        point_rows = []
        for point in points:
            position = (point.position_x, point.position_y)
            route = point._board_route()
            point_path = point.area_id.parent_path if point.area_id else False
            affected = any(serving_rules.serves(point_path, path) for path in event_paths)
            point_rows.append({
                "id": point.id, "name": point.name, "code": point.code or "",
                "area_id": point.area_id.id,
                "x": position[0], "y": position[1],
                "placed": serving_rules.inside(extent, position),
                "capacity": point.capacity,
                "affected": affected,
                "accounted": at_point.get(point.id, 0),
                "route": [list(p) for p in route] if affected else [],
                "route_svg": route_rules.format_route(route) if affected and route else "",
            })
        counts = dict(state["counts"], emergencies=len(emergency_rows))
        return {"emergencies": emergency_rows, "muster_points": point_rows, "counts": counts}

    @staticmethod
    def _drawn_ancestor(parent_path, drawn):
        """The nearest area of `parent_path` (itself first) that is drawn on the plan."""
        for area_id in reversed(serving_rules.path_ids(parent_path)):
            if area_id in drawn:
                return area_id
        return False
