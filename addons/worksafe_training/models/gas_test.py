from datetime import timedelta

from odoo import api, models

PEOPLE_FIELDS = ("worker_ids", "watcher_ids", "performing_authority_id")
CHECKED_STATES = ("draft", "submitted", "approved", "issued", "active", "suspended")


class WorksafeGasTest(models.Model):
    _inherit = "worksafe.gas.test"

    @api.model_create_multi
    def create(self, vals_list):
        tests = super().create(vals_list)
        for test in tests.filtered(lambda t: t.source == "manual" and t.analyst_id):
            moment = test.sample_time
            permit = test.permit_id
            problems = permit._check_qualifications(
                {test.analyst_id.id: {"analyst"}}, (moment, moment + timedelta(seconds=1)))
            permit._raise_qualification_problems(
                problems, self.env._("The analyst is not qualified:"))
        return tests
