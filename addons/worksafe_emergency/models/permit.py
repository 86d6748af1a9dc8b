from odoo import models

BLOCKER_EMERGENCY = "emergency.open"


class WorksafePermit(models.Model):
    _inherit = "worksafe.permit"

    def _get_blockers(self, stage, now=None, **options):
        """No work starts or resumes in an area while a real emergency there is open."""
        blockers = super()._get_blockers(stage, now, **options)
        if stage in ("start", "resume") and self.area_id:
            event = self.env["worksafe.emergency.event"].sudo().search([
                ("state", "=", "active"), ("is_drill", "=", False),
                ("affected_area_ids", "in", self.area_id.id)], limit=1)
            if event:
                blockers.append(self._blocker(
                    BLOCKER_EMERGENCY,
                    self.env._("Emergency %(event)s is open in this area.", event=event.name),
                    url=f"/odoo/worksafe.emergency.event/{event.id}",
                    label=self.env._("Open the emergency")))
        return blockers
