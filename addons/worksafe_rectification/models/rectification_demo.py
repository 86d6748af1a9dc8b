"""Demo data only: a few rectifications on the demo permits, each taken through the real
actions as the person who would act (so the audit trail and the chatter are genuine).
Called once from demo/rectification_demo.xml; nothing here is used outside the demo data."""

import base64
from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Command
from odoo.tools.misc import file_open

_P = "worksafe_permit."


class WorksafeRectificationDemo(models.AbstractModel):
    _name = "worksafe.rectification.demo"
    _description = "WorkSafe rectification demo data"

    @api.model
    def _demo_photo(self, rect, user, name):
        with file_open(f"worksafe_permit/demo/{name}", "rb") as photo:
            raw = photo.read()
        return self.env["ir.attachment"].with_user(user).create({
            "name": name, "datas": base64.b64encode(raw), "mimetype": "image/png",
            "res_model": rect._name, "res_id": rect.id})

    @api.model
    def _demo_done(self, rect, user, note, photo):
        rect = rect.with_user(user)
        rect.action_start()
        attachment = self._demo_photo(rect, user, photo)
        rect.write({"done_note": note, "evidence_attachment_ids": [Command.link(attachment.id)]})
        rect.action_done()
        return rect

    @api.model
    def _demo_create(self):
        ref = self.env.ref
        Rect = self.env["worksafe.rectification"]
        today = fields.Date.context_today(self)
        officer = ref(_P + "demo_user_safety1")
        manager = ref(_P + "demo_user_area_maint")
        p201 = ref(_P + "demo_permit_p201_loto")
        t101 = ref(_P + "demo_permit_t101_hot_work")
        pr3 = ref(_P + "demo_permit_pr3_height")

        # 1. Overdue and still open: it keeps the handed-back P-201 permit from closing.
        Rect.with_user(officer)._open_from(
            p201, "Refit the coupling guard of P-201 (left off after the seal change).",
            owner=ref(_P + "demo_user_worker1"), deadline=today - timedelta(days=4),
            source_type="acceptance", manager_id=manager.id)
        # 2. Verified: the drain line of P-201 put back in service, checked by the area
        # authority.
        verified = Rect.with_user(officer)._open_from(
            p201, "Reconnect the closed drain of P-201 and remove the temporary hose.",
            owner=ref(_P + "demo_user_worker2"), deadline=today + timedelta(days=2),
            source_type="acceptance", manager_id=manager.id)
        self._demo_done(verified, verified.owner_id,
                        "Drain flange refitted with a new gasket, hose removed and stored.",
                        "photo_cleared.png")
        verified.with_user(manager).action_verify()
        # 3. A major hazard found on the T-101 job, with its plan, in progress.
        major = Rect.with_user(officer)._open_from(
            t101, "Corrosion under insulation on the T-101 heating-coil header: wall below "
            "the minimum thickness at two points.", owner=ref(_P + "demo_user_ht_lugang"),
            deadline=today + timedelta(days=20), severity="major", source_type="inspection",
            manager_id=ref(_P + "demo_user_manager").id)
        major.with_user(officer).write({
            "plan_goal": "Restore the header to its design thickness before the tank is put "
                         "back in heated service.",
            "plan_measures": "Strip the insulation, UT map the header, replace the two "
                             "corroded spools, re-insulate with a CUI-resistant system.",
            "plan_resources": "CNY 38,000 from the maintenance budget; two DN80 spools and "
                              "insulation from stores.",
            "plan_people": "Lu Gang (Hengtai) leads the repair; the area authority of the "
                           "tank farm accepts it.",
            "plan_deadline": today + timedelta(days=18),
            "plan_contingency": "Heating coil isolated and tagged out; T-101 kept below 40 °C; "
                                "weekly UT of the two points until the repair.",
        })
        major.with_user(major.owner_id).action_start()
        # 4. Done, waiting for someone else to verify it.
        waiting = Rect.with_user(officer)._open_from(
            pr3, "Re-tension the lifeline anchor at bay 7 of PR-3.",
            owner=ref(_P + "demo_user_rd_dufeng"), deadline=today + timedelta(days=1),
            source_type="inspection")
        self._demo_done(waiting, waiting.owner_id, "Anchor re-tensioned to 15 kN and tagged.",
                        "photo_anchor.png")
        return True
