"""The live board's data: one method returns everything a board shows for a site, in a
fixed number of queries; one hook tells the boards of a company that something changed.

The board never receives records over the bus: a change sends a tiny notification on the
company's board channel (one per transaction and company, however many records changed),
and each open board fetches the whole state again through `get_state` (as its user, so
record rules apply) or the kiosk route (as the kiosk's company only).
"""
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..rules import board as board_rules
from ..rules import shape as shape_rules
from odoo.addons.worksafe_rectification.models.rectification import UNVERIFIED_STATES

# bus: the subchannel of a company's board, and the notification type the boards listen to
BOARD_SUBCHANNEL = "worksafe_board"
NOTIFICATION_TYPE = "worksafe_board/changed"
# precommit data key of the companies whose boards must be told
DIRTY_KEY = "worksafe_board.dirty"
BOARD_GROUP = "worksafe_permit.group_worksafe_watcher"
SENSOR_KINDS = ("gas_portable", "gas_fixed", "temperature", "flame")


class WorksafeBoard(models.AbstractModel):
    _name = "worksafe.board"
    _description = "WorkSafe live board"

    # ------------------------------------------------------------------ push
    @api.model
    def _touch(self, companies):
        """Tell the boards of `companies` that what they show changed. Coalesced: the
        notification goes once per company when the transaction is flushed for commit (a
        precommit hook), so an alarm storm that suspends ten permits sends one."""
        ids = {cid for cid in (companies.ids if companies else []) if cid}
        if not ids:
            return
        data = self.env.cr.precommit.data
        if DIRTY_KEY not in data:
            data[DIRTY_KEY] = set()
            env = self.env(su=True)

            @self.env.cr.precommit.add
            def _notify_boards():
                dirty = data.pop(DIRTY_KEY, set())
                companies = env["res.company"].browse(sorted(dirty))
                for company in companies:
                    env["bus.bus"]._sendone((company, BOARD_SUBCHANNEL), NOTIFICATION_TYPE,
                                            {"company_id": company.id})
        data[DIRTY_KEY].update(ids)

    # ------------------------------------------------------------------ state
    @api.model
    def get_state(self, site_id=False):
        """The board of the current user: a site (a top area) of one of the companies the
        user works in now, everything read as that user."""
        if not self.env.user.has_group(BOARD_GROUP):
            raise AccessError(self.env._("The live board is for watchers, supervisors and "
                                         "safety officers."))
        return self._board_state(self.env.companies, site_id, kiosk=False)

    @api.model
    def _kiosk_company(self, token):
        """The company whose kiosk token is `token`, or an empty recordset."""
        Company = self.env["res.company"].sudo()
        if not isinstance(token, str) or len(token) < 16:
            return Company
        return Company.search([("worksafe_board_token", "=", token)], limit=1)

    @api.model
    def _kiosk_state(self, company, site_id=False):
        """The board of a kiosk: read-only, limited to `company`, read as superuser within
        it (the kiosk has no user)."""
        board = self.sudo().with_company(company).with_context(
            allowed_company_ids=company.ids)
        return board._board_state(company, site_id, kiosk=True)

    def _readable(self, model):
        return model in self.env and self.env[model].has_access("read")

    @api.model
    def _board_state(self, companies, site_id, kiosk):
        """Everything one board shows. The number of queries does not depend on the number
        of permits, alarms or people (tests/test_board_state.py counts them)."""
        _ = self.env._
        now = fields.Datetime.now()
        Area = self.env["worksafe.area"]
        company_ids = companies.ids
        sites = Area.search_fetch(
            [("parent_id", "=", False), ("company_id", "in", company_ids)],
            ["name", "company_id", "parent_path", "board_plan_x", "board_plan_y",
             "board_plan_width", "board_plan_height"], order="company_id, name")
        site = sites.filtered(lambda s: s.id == site_id)[:1] or sites[:1]
        base = {
            "generated_at": fields.Datetime.to_string(now),
            "kiosk": kiosk,
            "sites": [{"id": s.id, "name": s.name} for s in sites],
            "site": False,
        }
        if not site:
            return dict(base, **self._empty_sections())
        company = site.company_id
        settings = company.sudo()
        recent = now - timedelta(hours=settings.worksafe_board_expired_hours or 0)
        has_plan = bool(site.with_context(bin_size=True).board_plan)
        areas = Area.search_fetch(
            [("parent_path", "=like", f"{site.parent_path}%")],
            ["name", "complete_name", "parent_id", "parent_path", "board_shape",
             "hazard_class", "position_x", "position_y", "has_position"])
        area_ids = areas.ids
        shapes = {area.id: area._board_points() for area in areas}
        # where an area's things are drawn: itself, else its nearest ancestor with an outline
        drawn_in = {}
        for area in areas:
            path = [int(x) for x in area.parent_path.strip("/").split("/")]
            drawn_in[area.id] = next((a for a in reversed(path) if shapes.get(a)), False)

        # --- permits
        Permit = self.env["worksafe.permit"]
        permits = Permit.search_fetch(
            [("area_id", "in", area_ids), ("company_id", "=", company.id), "|",
             ("state", "in", ("issued", "active", "suspended", "handed_back")),
             "&", ("state", "=", "expired"), ("planned_end", ">=", recent)],
            ["name", "state", "area_id", "work_type_id", "variant_id", "planned_start",
             "planned_end", "actual_start", "performing_authority_id", "watcher_on_site_id",
             "watcher_on_site_since", "worker_ids", "suspension_reason", "contractor_id",
             "description"], order="planned_end, id")
        state_labels = dict(Permit._fields["state"]._description_selection(self.env))
        permits.work_type_id.fetch(["name"])
        permits.variant_id.fetch(["name", "marking_color", "rank"])
        people = (permits.performing_authority_id | permits.watcher_on_site_id
                  | permits.worker_ids)
        permits.contractor_id.fetch(["name"])

        # --- SIMOPS clashes among the work that occupies its area now
        conflicts = self.env["worksafe.permit.conflict"]
        if self._readable(conflicts._name):
            conflicts = conflicts.search_fetch(
                [("permit_id", "in", permits.ids),
                 ("other_permit_id.state", "in", ("submitted", "approved", "issued", "active",
                                                  "suspended"))],
                ["permit_id", "other_permit_id", "rule_id", "action", "acknowledged_at",
                 "distance_m"])
            conflicts.rule_id.fetch(["name"])
            conflicts.other_permit_id.fetch(["name", "state"])
        clash_permits = set(conflicts.permit_id.ids) | set(conflicts.other_permit_id.ids)

        # --- alarms and sensors
        alarms = self.env["worksafe.iot.alarm"]
        devices = self.env["worksafe.iot.device"]
        if self._readable(alarms._name):
            alarms = alarms.search_fetch(
                [("company_id", "=", company.id), ("state", "!=", "closed"), "|",
                 ("area_id", "in", area_ids), ("permit_id", "in", permits.ids)],
                ["name", "kind", "level", "peak_level", "state", "area_id", "permit_id",
                 "raised_at", "device_id", "worker_id"], order="raised_at desc, id desc")
        if self._readable(devices._name):
            devices = devices.search_fetch(
                [("company_id", "=", company.id), "|", ("kind", "=", "helmet"),
                 "&", ("kind", "in", SENSOR_KINDS), "|", ("area_id", "in", area_ids),
                 ("permit_id", "in", permits.ids)],
                ["name", "code", "kind", "area_id", "permit_id", "worker_id", "online",
                 "last_seen", "reporting_interval", "calibration_due", "bump_test_due",
                 "position_x", "position_y", "has_position", "company_id"])
        people |= alarms.worker_id | devices.worker_id

        # --- exceptions waiting for a safety officer's decision
        exceptions = self.env.get("worksafe.qualification.exception")
        if exceptions is not None and self._readable(exceptions._name):
            exceptions = exceptions.search_fetch(
                [("state", "=", "requested"), ("company_id", "=", company.id),
                 ("permit_id.area_id", "in", area_ids)],
                ["permit_id", "employee_id", "requirement_id", "reason", "create_date"])
            people |= exceptions.employee_id
            exceptions.permit_id.fetch(["name"])
        elif exceptions is not None:
            exceptions = exceptions.browse()
        people.fetch(["name"])

        # --- rectifications (worksafe_rectification, when installed)
        rectifications = self._board_rectifications(company, area_ids, permits, now)

        # ------------------------------------------------------------ assemble
        permit_rows = []
        live_by_area = {}
        crews = []
        for permit in permits:
            overdue = board_rules.is_overdue(permit.state, permit.planned_end, now)
            key = drawn_in.get(permit.area_id.id)
            live_by_area.setdefault(key, []).append(permit.state)
            if permit.state == "active":
                crews.append((key, (permit.performing_authority_id | permit.worker_ids
                                    | permit.watcher_on_site_id).ids))
            elif permit.watcher_on_site_id:
                crews.append((key, permit.watcher_on_site_id.ids))
            permit_rows.append({
                "id": permit.id,
                "name": permit.name,
                "state": permit.state,
                "state_label": state_labels.get(permit.state, permit.state),
                "work_type": permit.work_type_id.name,
                "level": permit.variant_id.name or "",
                "level_color": permit.variant_id.marking_color or "",
                "area_id": permit.area_id.id,
                "area_name": permit.area_id.complete_name,
                "drawn_in": key,
                "planned_end": fields.Datetime.to_string(permit.planned_end),
                "overdue": overdue,
                "clash": permit.id in clash_permits,
                "performing": permit.performing_authority_id.name or "",
                "watcher_on_site": permit.watcher_on_site_id.name or "",
                "contractor": permit.contractor_id.name or "",
                "reason": permit.suspension_reason or "" if permit.state == "suspended" else "",
                "description": (permit.description or "")[:120],
            })

        helmets = []
        helmet_rows = []
        faults = []
        drawn_shapes = {key: pts for key, pts in shapes.items() if pts}
        for device in devices:
            if device.kind == "helmet":
                if not device.online or device.stale or not device.worker_id:
                    continue
                where = shape_rules.locate(drawn_shapes, (device.position_x, device.position_y)) \
                    if device.has_position else None
                where = where or drawn_in.get(device.area_id.id)
                if where is None and device.area_id.id not in drawn_in:
                    continue  # on another site
                helmets.append((where, device.worker_id.id))
                helmet_rows.append({"id": device.id, "code": device.code, "area_id": where,
                                    "person": device.worker_id.name})
            else:
                serves_live = device.permit_id.id in permits.ids or any(
                    p.area_id == device.area_id and p.state in ("active", "suspended")
                    for p in permits)
                if device.health == "fault" and serves_live:
                    faults.append({
                        "id": device.id, "name": device.name, "code": device.code,
                        "area_id": drawn_in.get(device.area_id.id),
                        "area_name": device.area_id.complete_name or "",
                        "reasons": device._fault_reasons(),
                    })
        presence = board_rules.people_on_site(crews, helmets)
        names = {person.id: person.name for person in people}

        alarm_rows = [{
            "id": alarm.id, "name": alarm.name, "kind": alarm.kind,
            "level": alarm.peak_level, "current_level": alarm.level, "state": alarm.state,
            "area_id": drawn_in.get(alarm.area_id.id or alarm.permit_id.area_id.id),
            "area_name": (alarm.area_id or alarm.permit_id.area_id).complete_name or "",
            "permit": alarm.permit_id.name or "",
            "worker": alarm.worker_id.name or "",
            "raised_at": fields.Datetime.to_string(alarm.raised_at),
        } for alarm in alarms]
        alarms_by_area = {}
        for row in alarm_rows:
            alarms_by_area.setdefault(row["area_id"], []).append(row["level"])

        area_rows = []
        for area in areas:
            points = shapes[area.id]
            if not points:
                continue
            x, y = shape_rules.label_point(points)
            area_rows.append({
                "id": area.id, "name": area.name, "complete_name": area.complete_name,
                "points": [list(p) for p in points], "label": [x, y],
                "state": board_rules.area_state(live_by_area.get(area.id, [])),
                "alarm": board_rules.worst_level(alarms_by_area.get(area.id, [])),
                "people": [names.get(p, "") for p in presence.get(area.id, [])],
                "helmets": sum(1 for key, _p in helmets if key == area.id),
                "hazard_class": area.hazard_class,
            })

        return dict(
            base,
            company={"id": company.id, "name": company.name},
            site={
                "id": site.id, "name": site.name, "has_plan": has_plan,
                "extent": [site.board_plan_x, site.board_plan_y, site.board_plan_width,
                           site.board_plan_height],
                "plan_version": fields.Datetime.to_string(site.write_date) if has_plan else "",
            },
            refresh_seconds=settings.worksafe_board_refresh_seconds or 60,
            areas=area_rows,
            unplaced=[{"id": p["id"], "name": p["name"]} for p in permit_rows
                      if not p["drawn_in"]],
            permits=permit_rows,
            clashes=[{
                "id": c.id, "permit_id": c.permit_id.id, "permit": c.permit_id.name,
                "other_id": c.other_permit_id.id, "other": c.other_permit_id.name,
                "rule": c.rule_id.name, "action": c.action,
                "acknowledged": bool(c.acknowledged_at),
                "area_id": drawn_in.get(c.permit_id.area_id.id),
            } for c in conflicts],
            alarms=alarm_rows,
            faults=faults,
            people=[{"area_id": key, "area_name": next(
                (a["complete_name"] for a in area_rows if a["id"] == key), _("Elsewhere")),
                "people": [names.get(p, "") for p in ids]}
                for key, ids in sorted(presence.items(), key=lambda kv: (kv[0] or 0))],
            helmets=helmet_rows,
            exceptions=[{
                "id": e.id, "permit_id": e.permit_id.id, "permit": e.permit_id.name,
                "employee": e.employee_id.name,
                "requirement": e.requirement_id.display_name if e.requirement_id else "",
                "reason": (e.reason or "")[:120],
            } for e in (exceptions or [])],
            rectifications=rectifications,
            counts={
                "active": sum(1 for p in permit_rows if p["state"] == "active"),
                "issued": sum(1 for p in permit_rows if p["state"] == "issued"),
                "suspended": sum(1 for p in permit_rows if p["state"] == "suspended"),
                "overdue": sum(1 for p in permit_rows if p["overdue"]),
                "clashes": len(conflicts),
                "alarms": len(alarm_rows),
                "faults": len(faults),
                "people": len({p for ids in presence.values() for p in ids}),
                "exceptions": len(exceptions or []),
                "rectifications": len(rectifications),
            },
        )

    @api.model
    def _empty_sections(self):
        return {"company": False, "areas": [], "unplaced": [], "permits": [], "clashes": [],
                "alarms": [], "faults": [], "people": [], "helmets": [], "exceptions": [],
                "rectifications": [], "refresh_seconds": 60,
                "counts": dict.fromkeys(("active", "issued", "suspended", "overdue", "clashes",
                                         "alarms", "faults", "people", "exceptions",
                                         "rectifications"), 0)}

    @api.model
    def _board_rectifications(self, company, area_ids, permits, now):
        """Rectifications not verified yet on the site (their area, or their permit's),
        overdue first: a permit with one cannot close."""
        Rectification = self.env["worksafe.rectification"]
        if not self._readable(Rectification._name):
            return []
        records = Rectification.search_fetch(
            [("company_id", "=", company.id), ("state", "in", UNVERIFIED_STATES), "|",
             ("area_id", "in", area_ids), ("permit_id.area_id", "in", area_ids)],
            ["name", "state", "severity", "requirement", "deadline", "area_id", "permit_id",
             "owner_id"], order="deadline, id")
        records.owner_id.fetch(["name"])
        labels = dict(Rectification._fields["state"]._description_selection(self.env))
        rows = [{
            "id": rec.id, "name": rec.name, "state": rec.state,
            "state_label": labels.get(rec.state, rec.state), "severity": rec.severity,
            "requirement": (rec.requirement or "")[:120],
            "deadline": fields.Date.to_string(rec.deadline) if rec.deadline else "",
            "overdue": rec.is_overdue,
            "permit_id": rec.permit_id.id, "permit": rec.permit_id.name or "",
            "area_id": (rec.area_id or rec.permit_id.area_id).id,
            "owner": rec.owner_id.name or "",
        } for rec in records]
        return sorted(rows, key=lambda row: not row["overdue"])
