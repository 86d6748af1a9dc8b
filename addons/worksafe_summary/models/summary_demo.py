"""Demo data only: the demo permits closed by worksafe_permit's demo data (before this addon
was installed) get their lessons learned and their summary report, as their close would have
given them."""

from odoo import api, models

# permit xmlid -> lessons learned written by the safety officer
DEMO_LESSONS = {
    "worksafe_permit.demo_permit_la2_hot_work": (
        "Loading on LA-1 had to be stopped for the whole job: plan hot work on the loading bay "
        "for a day without toluene trucks. The second gas test point at 1 m around the spool "
        "ends found nothing, keep it in the template."),
    "worksafe_permit.demo_permit_p105_loto": (
        "The isolation list matched drawing E-1105. The try-start after locking took 10 "
        "minutes because the MCC key was with the shift leader: keep a spare at the E&I desk."),
}


class WorksafePermitSummaryDemo(models.AbstractModel):
    _name = "worksafe.permit.summary.demo"
    _description = "WorkSafe summary demo builder"

    @api.model
    def _demo_summaries(self):
        """Demo data only: lessons and summary for the closed demo permits (idempotent)."""
        for xmlid, lessons in DEMO_LESSONS.items():
            permit = self.env.ref(xmlid, raise_if_not_found=False)
            if not permit or permit.state != "closed" or permit.summary_ids:
                continue
            permit._system_write({"summary_lessons": lessons})
            permit._summary_generate()
        return True
