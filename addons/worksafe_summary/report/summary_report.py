from odoo import api, models


class ReportPermitSummary(models.AbstractModel):
    _name = "report.worksafe_summary.report_permit_summary"
    _description = "Permit summary report"

    @api.model
    def _get_report_values(self, docids, data=None):
        permits = self.env["worksafe.permit"].browse(docids)
        permits.check_access("read")
        # The data the caller gathered already (when the summary is generated), else now.
        given = (data or {}).get("worksafe_summaries") or {}
        summaries = {permit.id: given.get(permit.id) or permit._summary_data()
                     for permit in permits}
        return {
            "doc_ids": docids,
            "doc_model": "worksafe.permit",
            "docs": permits,
            "summaries": summaries,
        }
