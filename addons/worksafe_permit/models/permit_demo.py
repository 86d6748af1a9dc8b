"""Demo data only: take the demo permits through their lifecycle.

demo/worksafe_demo.xml creates the demo permits as drafts, then calls
``worksafe.permit.demo._demo_advance_lifecycles`` once (at install, with demo data). Each permit
is driven to its target state through the same methods the user interface uses (submit,
approval wizard, measure confirmation, issue, gas tests, steps with photos, briefing
signatures, watcher check-in and start with the QR token, hand back, close...), each call
made as the person who would make it on site. The audit trail and the chatter are therefore
genuine. Nothing here is used outside the demo data.
"""

import base64
import io
import logging
import textwrap
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Command
from odoo.tools.misc import file_open, file_path

_logger = logging.getLogger(__name__)

_X = "worksafe_permit."
_OXYGEN, _COMBUSTIBLE = "gas_o2", "gas_combustible"

# Gas readings: (gas xmlid, value, unit).
_HOT_WORK_AIR = [(_OXYGEN, 20.9, "%vol"), (_COMBUSTIBLE, 0.03, "%vol")]

# In processing order: the permits that end earlier come first, so that when a later one
# is submitted only the work meant to overlap it still occupies the site (SIMOPS).
# Keys: target (a permit state, or "rejected": submitted then sent back to draft),
# approvals (how many steps to approve for "submitted"), comments (approval comments in
# order), gas (tests before the gas steps), prep_steps (preparation steps done when the
# target stops before the start), measures_no (measures that do not apply), issuer,
# briefing, notes (step-name fragment -> note), handover, and the reasons.
DEMO_PERMITS = [
    ("demo_permit_la2_hot_work", {
        "target": "closed",
        "comments": ["Blinds at both ends of the spool checked with the shift leader.",
                     "Extinguishers, fire blanket and drain covers checked on site."],
        "gas": [{"minutes": 12, "point": "Inside the open spool ends and at 1 m around",
                 "readings": [(_OXYGEN, 20.9, "%vol"), (_COMBUSTIBLE, 0.04, "%vol")]}],
        "briefing": "Toluene vapour from LA-1 and the trucks: loading stopped on both arms. "
                    "Blinds B-03/B-04 in place. Escape route to the east gate. Fire watch 60 "
                    "minutes after the last weld.",
        "notes": {"Weather": "Wind 2 m/s from the north-east, dry."},
        "measures_no": ["cylinders"],
    }),
    ("demo_permit_p105_loto", {
        "target": "closed",
        "issuer": "safety2",
        "comments": ["Isolation list checked against drawing E-1105: Q7 plus XV-1051/XV-1052.",
                     "OK for the tank farm; T-101 filling switched to P-106."],
        "briefing": "Isolation points Q7 (MCC-1), XV-1051 and XV-1052; personal locks for "
                    "everyone; try-start before work; hot surfaces on the pump casing.",
        "closer": "safety2",
    }),
    ("demo_permit_warehouse_roof_height", {
        "target": "expired",
        "comments": ["Aisle 6 closed to forklifts for the job.",
                     "Lifeline certificate and MEWP inspection checked.",
                     "Skylight crawling boards available."],
        "prep_steps": 2,
        "measures_no": ["Radio contact"],
        "notes": {"Weather": "Forecast gusts up to force 5 in the afternoon: start in the "
                             "morning only."},
        "expire_note": "The crew was moved to the PR-3 scaffold when the wind picked up; "
                       "the skylight job will be re-planned on a new permit.",
    }),
    ("demo_permit_warehouse_excavation", {
        "target": "withdrawn",
        "comments": ["Digging area marked; forklift route moved to aisle 2.",
                     "Fire-water ring valved off between H-7 and H-8; fire brigade informed.",
                     "Gas test plan and trench box checked.",
                     "Buried-services drawing BS-04 checked: no cables shown at the pit."],
        "gas": [{"minutes": 8, "point": "Pit bottom (1.6 m) and north wall",
                 "readings": [(_OXYGEN, 20.9, "%vol"), (_COMBUSTIBLE, 0.0, "%vol"),
                              ("gas_h2s", 0.0, "mg/m3"), ("gas_co", 1.2, "mg/m3")]}],
        "briefing": "Hand digging below 1.0 m; trench box from 1.2 m; spoil 1 m back; ladder "
                    "in the pit; stop at once if anything not on drawing BS-04 shows up.",
        "withdraw_reason": "Unmarked armoured cable found at 0.9 m, not on the buried-services "
                           "drawing. Digging stopped and the pit barricaded; a cable survey and "
                           "a new permit are needed.",
    }),
    ("demo_permit_workshop_hot_work", {
        "target": "cancelled",
        "comments": ["Yard clear, no solvent work planned in the workshop.",
                     "Approved."],
        "cancel_note": "Cancelled: Hengtai will prefabricate the dosing-skid frame in their own "
                       "yard, no hot work on site is needed.",
        "measures_no": ["cylinders"],
    }),
    ("demo_permit_substation_trench", {
        "target": "rejected",
        "reject_reason": "The cable route drawing and the 10 kV outage plan are missing. "
                         "Attach them and submit again.",
    }),
    ("demo_permit_t101_hot_work", {
        "target": "active",
        "comments": [("T-101 gas-freed and blinded at all nozzles; T-102 transfers stopped "
                      "until the job is finished."),
                     ("Written plan, camera and continuous monitor checked; fire brigade "
                      "informed."),
                     "Visited the dike with the foreman: monitor M-3 manned, camera covers N3."],
        "gas": [{"minutes": 10, "point": "N3 nozzle, inside the tank at 0.5 m and outside at "
                                         "the weld point",
                 "readings": _HOT_WORK_AIR}],
        "briefing": "Toluene in T-102 next door: stop at any LEL alarm. Escape over the dike "
                    "stairs S-2 (upwind). Fire-water monitor M-3 manned. Slag and spatter "
                    "contained by the blanket at the manway.",
        "notes": {"Weather": "Wind 3 m/s from the south-east, away from T-102 vents."},
        "measures_no": ["cylinders"],
    }),
    ("demo_permit_r200_confined_space", {
        "target": "active",
        "comments": [("Blinds on all nozzles, agitator locked out, rescue tripod and two SCBA "
                      "at M1 checked."),
                     "Unit released for entry; operators informed."],
        "gas": [{"minutes": 45, "point": "M1, vessel middle (3 m) and bottom",
                 "readings": [(_OXYGEN, 19.1, "%vol"), (_COMBUSTIBLE, 0.0, "%vol"),
                              ("gas_h2s", 1.4, "mg/m3"), ("gas_co", 2.0, "mg/m3")]},
                {"minutes": 9, "point": "M1, vessel middle (3 m) and bottom, after 40 min "
                                        "more ventilation",
                 "readings": [(_OXYGEN, 20.7, "%vol"), (_COMBUSTIBLE, 0.02, "%vol"),
                              ("gas_h2s", 0.4, "mg/m3"), ("gas_co", 1.0, "mg/m3"),
                              ("gas_benzene", 0.6, "mg/m3")]}],
        "briefing": "Oxygen deficiency after the nitrogen purge: nobody enters before a "
                    "passing test. Two people inside at most, entry log at M1. Rescue tripod "
                    "and SCBA at M1; alarm by air horn. 12 V lamps only.",
        "handover": {"incoming": "demo_employee_ht_pandong",
                     "notes": "Blades 1 and 2 replaced; blade 3 hub bolts torqued to 50 %. Fan "
                              "F-2 running, monitor at M1 reading O2 20.7 %, LEL 0. Nobody "
                              "inside at handover; the tool log matches."},
    }),
    ("demo_permit_r200_hot_work", {
        "target": "active",
        "acknowledge": "Hot work and the confined-space entry are the same job: welding only "
                       "while the entry watcher is at M1 and the fan runs.",
        "comments": ["Same job as the R-200 entry; ventilation and monitor confirmed.",
                     ("Welding cables and machine outside the vessel; fire blanket under the "
                      "hub."),
                     "Inspected the vessel from M1 with the welder."],
        "gas": [{"minutes": 7, "point": "At the shaft hub inside R-200",
                 "readings": [(_OXYGEN, 20.8, "%vol"), (_COMBUSTIBLE, 0.01, "%vol")]}],
        "briefing": "Welding inside R-200 under the entry permit: fan F-2 must run, stop at "
                    "any monitor alarm, fume extraction at the hub, cables through M1 only.",
        "measures_no": ["cylinders"],
    }),
    ("demo_permit_pr3_height", {
        "target": "suspended",
        "comments": ["PR-3 top tier: steam line S-112 stays in service, hot surface.",
                     "Risk assessment reviewed; grinder sparks away from the L-301 flanges.",
                     "Scaffold design for bays 5-6 approved.",
                     "Inspected the top tier and the exclusion zone at grade."],
        "briefing": "Double lanyards clipped at all times on the top tier; tools tethered; "
                    "exclusion zone at grade; stop at wind force 5.",
        "notes": {"Weather": "Wind 6 m/s, forecast rising in the afternoon."},
        "measures_no": ["Radio contact", "overhead lines"],
        "suspend_reason": "Gusts of force 6 (about 12 m/s) on the top tier of PR-3. Crew "
                          "brought down and loose cladding sheets tied off; resume when the "
                          "wind drops below force 5 and the scaffold is re-inspected.",
    }),
    ("demo_permit_p201_loto", {
        "target": "handed_back",
        "comments": [("Isolation list checked: Q12 at MCC-2, XV-2011/XV-2012, drain to the "
                      "closed drain."),
                     "Pump bay released; P-202 running as the spare."],
        "briefing": "P-201 isolated at Q12 and both valves; product residue in the casing: "
                    "gloves and face shield when opening; personal locks on the hasp.",
    }),
    ("demo_permit_boiler_lifting", {
        "target": "issued",
        "comments": ["East road closed for the lift; boiler B-1 on standby.",
                     "Lifting plan LP-2025-014 and crane certificates checked.",
                     "Ground bearing and mats checked; radius 18 m within the chart."],
        "prep_steps": 3,
        "measures_no": ["Several cranes"],
    }),
    ("demo_permit_l301_blinding", {
        "target": "approved",
        "comments": ["Blind list and location map BL-301 checked; B-07 rated 300#.",
                     "PR-3 released; L-301 drained and purged."],
    }),
    ("demo_permit_substation_temp_power", {
        "target": "submitted",
        "approvals": 1,
        "comments": ["Spare breaker 2AP-3 released for the turnaround."],
    }),
    ("demo_permit_warehouse_racking", {"target": "draft"}),
]

# Who approves which step: users tried first for a step name, then per role.
_APPROVER_HINTS = [
    ("Power-supply", ["approver2"]),
    ("Isolation review", ["approver2"]),
    ("Workshop safety officer", ["safety2"]),
    ("Process review", ["approver"]),
    ("Specialist", ["approver", "approver2"]),
    ("Utilities", ["approver", "approver2"]),
]
_ROLE_PREFERENCE = [
    ("group_worksafe_manager", ["manager"]),
    ("group_worksafe_safety_officer", ["safety1", "safety2", "manager"]),
    ("group_worksafe_approver", ["approver", "approver2", "safety2", "safety1"]),
]
# Photo file (demo/photo_<key>.png) for a step, by a word of its photo subject.
_PHOTOS = [
    ("lock", "loto"), ("blind", "blind"), ("disconnection", "blind"), ("isolation", "blind"),
    ("drain", "cleared"), ("cleared", "cleared"), ("extinguisher", "extinguisher"),
    ("camera", "camera"), ("rescue", "rescue"), ("manhole", "manway"), ("scaffold", "scaffold"),
    ("harness", "harness"), ("anchor", "anchor"), ("crane", "crane"),
    ("distribution", "distbox"), ("buried", "buried"), ("shoring", "trench"),
    ("backfill", "trench"), ("work area", "cleared"),
]
_SIGNATURE_FONT = "web/static/fonts/sign/LaBelleAurore-Regular.ttf"


class WorksafePermitDemo(models.AbstractModel):
    """Demo data only: builds the demo permits' history through the real methods."""

    _name = "worksafe.permit.demo"
    _description = "WorkSafe demo builder"

    @api.model
    def _demo_advance_lifecycles(self):
        """Demo data only: move each demo permit to its target state (idempotent).

        A permit that has left the draft state, or was already submitted once, is skipped.
        """
        done = 0
        self._demo_flush()
        for xmlid, spec in DEMO_PERMITS:
            permit = self.env.ref(_X + xmlid, raise_if_not_found=False)
            if not permit or permit.state != "draft" or permit.approval_ids:
                continue
            self._demo_run(permit, spec)
            done += 1
        if done:
            _logger.info("WorkSafe demo: %s permits taken through their lifecycle", done)
        return True

    @api.model
    def _demo_follow_equipment(self):
        """Demo data only: the demo crew follows the plant's equipment and its requests.

        The maintenance module shows equipment (and requests) to plain internal users only
        when they follow it, and a permit naming equipment its applicant cannot read is
        refused. Called from the demo data before the permits are created.
        """
        users = self.env["res.users"].search(
            [("login", "=like", "ws\\_%"), ("share", "=", False)])
        equipment = self.env["maintenance.equipment"].search([("worksafe_area_id", "!=", False)])
        equipment.message_subscribe(partner_ids=users.partner_id.ids)
        self.env["maintenance.request"].search(
            [("equipment_id", "in", equipment.ids)]).message_subscribe(
            partner_ids=users.partner_id.ids)
        return True

    # ------------------------------------------------------------------ people
    def _demo_user(self, key):
        return self.env.ref(f"{_X}demo_user_{key}")

    def _demo_area_authorities(self, permit):
        areas = self.env["worksafe.area"].search([("id", "parent_of", permit.area_id.id)])
        return areas.sorted(lambda a: -len(a.parent_path)).authority_id

    def _demo_pick_approver(self, permit, approval):
        candidates = self.env["res.users"]
        if approval.area_authority:
            candidates |= self._demo_area_authorities(permit)
        for hint, keys in _APPROVER_HINTS:
            if hint in approval.name:
                candidates |= self.env["res.users"].concat(*map(self._demo_user, keys))
        for group, keys in _ROLE_PREFERENCE:
            if approval.group_id == self.env.ref(_X + group):
                candidates |= self.env["res.users"].concat(*map(self._demo_user, keys))
        candidates |= approval._candidates()
        for user in candidates:
            if not approval._refusals(user):
                return user
        raise ValueError(f"WorkSafe demo: nobody can approve '{approval.name}' of {permit.name}")

    def _demo_step_user(self, step):
        permit = step.permit_id
        role = step.role
        if role == "applicant":
            user = permit.applicant_id
        elif role == "performing":
            user = permit.performing_authority_id.user_id or permit.worker_ids.user_id[:1]
        elif role == "watcher":
            user = permit.watcher_ids.user_id[:1]
        elif role == "analyst":
            user = self._demo_user("analyst")
        elif role == "approver":
            user = self._demo_area_authorities(permit)[:1]
        else:
            user = self._demo_user("safety1")
        return user

    # ------------------------------------------------------------------ evidence
    def _demo_photo(self, subject, index):
        subject = (subject or "").lower()
        key = next((k for word, k in _PHOTOS if word in subject), "generic")
        if index:
            key = "generic" if key != "generic" else "cleared"
        with file_open(f"worksafe_permit/demo/photo_{key}.png", "rb") as image:
            return image.read()

    def _demo_signature(self, user):
        """A handwritten-looking signature image of the user's name."""
        from PIL import Image, ImageDraw, ImageFont

        try:
            font = ImageFont.truetype(file_path(_SIGNATURE_FONT), 44)
        except OSError:
            font = ImageFont.load_default()
        image = Image.new("RGBA", (420, 110), (255, 255, 255, 0))
        draw = ImageDraw.Draw(image)
        draw.text((18, 18), user.name, font=font, fill=(20, 40, 120, 255))
        draw.line([(20, 88), (380, 82)], fill=(20, 40, 120, 255), width=2)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return base64.b64encode(buffer.getvalue())

    def _demo_written_plan(self, permit):
        """A one-page PDF work plan built from the permit's content."""
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4)
        pdf.setTitle(f"Work plan {permit.name}")
        y = A4[1] - 60

        def line(text, size=10, bold=False, gap=4):
            nonlocal y
            pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
            for part in textwrap.wrap(text, 95) or [""]:
                pdf.drawString(50, y, part)
                y -= size + gap

        line(f"Written work plan - {permit.name}", 16, True, 10)
        line(f"{permit.work_type_id.name} - {permit.variant_id.display_name or ''}", 11, True)
        line(f"Area: {permit.area_id.complete_name}")
        line(f"Contractor: {permit.contractor_id.name or 'plant staff'}")
        line(f"Performing authority: {permit.performing_authority_id.name}")
        start, end = permit._local_window()
        line(f"Planned: {start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} (site time)", gap=14)
        line("Scope", 12, True)
        line(permit.description or "", gap=12)
        line("Method", 12, True)
        line(permit.work_method or "", gap=12)
        line("Main hazards and controls", 12, True)
        for risk in permit.risk_ids.sorted("score", reverse=True)[:8]:
            line(f"- {risk.name} ({risk.rating}): {risk.control or '-'}")
        y -= 20
        line(f"Prepared by {permit.applicant_id.name}.")
        pdf.showPage()
        pdf.save()
        return base64.b64encode(buffer.getvalue())

    # ------------------------------------------------------------------ stages
    def _demo_flush(self):
        """Write the pending chatter tracking now, as a commit would.

        On site every transition is its own request; here they all share the install
        transaction, where Odoo would merge them into one tracking message, or none at all
        for records created in the same transaction.
        """
        self.env.flush_all()
        self.env.cr.flush()

    def _demo_run(self, permit, spec):
        target = spec["target"]
        if target == "draft":
            return
        self._demo_complete_draft(permit, spec)
        permit.with_user(permit.applicant_id).action_submit()
        self._demo_flush()
        if target == "rejected":
            approval = permit._current_approval()
            self._demo_wizard(self._demo_pick_approver(permit, approval), permit, "reject",
                              spec["reject_reason"])
            self._demo_flush()
            return
        self._demo_acknowledge(permit, spec)
        self._demo_approve(permit, spec)
        if target in ("submitted", "approved"):
            return
        if target == "cancelled":
            self._demo_note(permit.applicant_id, permit, spec["cancel_note"])
            permit.with_user(permit.applicant_id).action_cancel()
            self._demo_flush()
            return
        self._demo_confirm_measures(permit)
        permit.with_user(self._demo_user(spec.get("issuer", "safety1"))).action_issue()
        self._demo_flush()
        if target in ("issued", "expired"):
            self._demo_steps(permit, "preparation", limit=spec.get("prep_steps"),
                             notes=spec.get("notes"))
            if target == "expired":
                self._demo_expire(permit, spec)
            return
        self._demo_brief(permit, spec)
        for test in spec.get("gas", []):
            self._demo_gas_test(permit, test)
        self._demo_steps(permit, "preparation", notes=spec.get("notes"))
        self._demo_start(permit)
        self._demo_flush()
        if spec.get("handover"):
            self._demo_handover(permit, spec["handover"])
            self._demo_flush()
        if target in ("suspended", "withdrawn"):
            reason = spec["suspend_reason" if target == "suspended" else "withdraw_reason"]
            self._demo_wizard(permit.watcher_on_site_id.user_id, permit,
                              "suspend" if target == "suspended" else "withdraw", reason)
            self._demo_flush()
            return
        if target == "active":
            return
        self._demo_steps(permit, "execution")
        permit.with_user(permit.performing_authority_id.user_id).action_hand_back()
        self._demo_flush()
        if target == "handed_back":
            return
        self._demo_steps(permit, "closure")
        permit.with_user(self._demo_user(spec.get("closer", "safety1"))).action_close()
        self._demo_flush()

    def _demo_complete_draft(self, permit, spec):
        applicant = permit.applicant_id
        not_applicable = [word.lower() for word in spec.get("measures_no", [])]
        for measure in permit.measure_ids:
            name = measure.name.lower()
            applies = not any(word in name for word in not_applicable)
            if name.startswith("special level") and permit.variant_id.code != "special":
                applies = False
            if name.startswith("deeper than 1.2 m") and permit.variant_id.code != "deep":
                applies = False
            measure.with_user(applicant).applies = "yes" if applies else "no"
        if permit.variant_id.written_plan_required and not permit.written_plan:
            permit.with_user(applicant).write({
                "written_plan": self._demo_written_plan(permit),
                "written_plan_name": f"Work plan {permit.name.replace('/', '-')}.pdf",
            })

    def _demo_wizard(self, user, permit, action, reason):
        wizard = self.env["worksafe.permit.reason.wizard"].with_user(user).create(
            {"permit_id": permit.id, "action": action, "reason": reason})
        wizard.action_confirm()

    def _demo_approve(self, permit, spec):
        comments = spec.get("comments", [])
        limit = spec.get("approvals")
        index = 0
        while permit.state == "submitted" and (limit is None or index < limit):
            approval = permit._current_approval()
            user = self._demo_pick_approver(permit, approval)
            wizard = self.env["worksafe.permit.approve.wizard"].with_user(user).create({
                "permit_id": permit.id,
                "site_checked": approval.site_check,
                "comment": comments[index] if index < len(comments) else (
                    "Work site inspected in person." if approval.site_check else False),
            })
            wizard.action_confirm()
            self._demo_flush()
            index += 1

    def _demo_acknowledge(self, permit, spec):
        coordinate = permit.conflict_ids.filtered(lambda c: c.action == "coordinate")
        if coordinate:
            coordinate.with_user(permit.coordinator_id).action_acknowledge()
            if spec.get("acknowledge"):
                self._demo_note(permit.coordinator_id, permit, spec["acknowledge"])

    def _demo_confirm_measures(self, permit):
        user = self._demo_area_authorities(permit)[:1] or self._demo_user("safety1")
        permit.measure_ids.filtered(lambda m: m.applies == "yes").with_user(
            user).action_confirm()

    def _demo_note(self, user, permit, body):
        permit.with_user(user).message_post(body=body, subtype_xmlid="mail.mt_note")

    def _demo_gas_test(self, permit, test):
        analyst = self._demo_user("analyst")
        employee = self.env.ref(f"{_X}demo_employee_analyst")
        self.env["worksafe.gas.test"].with_user(analyst).create({
            "permit_id": permit.id,
            "analyst_id": employee.id,
            "sample_time": fields.Datetime.now() - timedelta(minutes=test["minutes"]),
            "sample_point": test.get("point"),
            "line_ids": [Command.create({"gas_id": self.env.ref(_X + gas).id, "value": value,
                                         "unit": unit})
                         for gas, value, unit in test["readings"]],
        })

    def _demo_steps(self, permit, phase, limit=None, notes=None):
        steps = permit.step_ids.filtered(lambda s: s.phase == phase and s.state != "done")
        for step in steps[:limit] if limit is not None else steps:
            user = self._demo_step_user(step)
            step = step.with_user(user)
            step.check_ids.write({"checked": True})
            values = {}
            if step.photo_count:
                photos = self.env["ir.attachment"].with_user(user).create([{
                    "name": f"{permit.name.replace('/', '-')} {step.photo_subject or step.name}"
                            f"{f' ({i + 1})' if i else ''}.png",
                    "raw": self._demo_photo(step.photo_subject, i),
                    "mimetype": "image/png",
                    "res_model": step._name,
                    "res_id": step.id,
                } for i in range(step.photo_count)])
                values["attachment_ids"] = [Command.set(photos.ids)]
            if step.signature_required:
                values["signature"] = self._demo_signature(user)
            note = next((text for word, text in (notes or {}).items() if word in step.name),
                        None)
            if note:
                values["note"] = note
            if values:
                step.write(values)
            step.action_done()

    def _demo_brief(self, permit, spec):
        briefer = permit.performing_authority_id
        briefing = self.env["worksafe.permit.briefing"].with_user(
            self._demo_user("safety1")).create({
                "permit_id": permit.id,
                "briefer_id": briefer.id,
                "content": spec.get("briefing") or "Hazards of the job and of the site, "
                                                   "isolation points, emergency arrangements.",
            })
        for line in briefing.signature_ids:
            line.with_user(line.employee_id.user_id).action_sign()

    def _demo_start(self, permit):
        token = permit._start_token()
        watcher = permit.watcher_ids.user_id[:1]
        Permit = self.env["worksafe.permit"]
        Permit.with_user(watcher)._check_in_watcher(token)
        self._demo_flush()
        Permit.with_user(permit.performing_authority_id.user_id)._start_with_token(token)

    def _demo_handover(self, permit, handover):
        outgoing = permit.performing_authority_id
        incoming = self.env.ref(_X + handover["incoming"])
        record = self.env["worksafe.permit.handover"].with_user(outgoing.user_id).create({
            "permit_id": permit.id, "outgoing_id": outgoing.id, "incoming_id": incoming.id,
            "notes": handover["notes"],
        })
        record.with_user(outgoing.user_id).action_sign()
        record.with_user(incoming.user_id).action_sign()

    def _demo_expire(self, permit, spec):
        """Issued for a window that has now ended: shorten the window, let the cron expire it."""
        if spec.get("expire_note"):
            self._demo_note(permit.applicant_id, permit, spec["expire_note"])
        permit._system_write(
            {"planned_end": fields.Datetime.now().replace(second=0) - timedelta(minutes=5)})
        self.env["worksafe.permit"]._cron_expire()
        self._demo_flush()
