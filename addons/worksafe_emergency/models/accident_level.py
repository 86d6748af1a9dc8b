from odoo import api, fields, models

from ..rules import accident as accident_rules


class WorksafeEmergencyAccidentLevel(models.Model):
    """A level of production-safety accident (条例493 Art. 3) with its thresholds."""

    _name = "worksafe.emergency.accident.level"
    _description = "Accident level"
    _order = "rank desc"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    rank = fields.Integer(required=True, help="Higher is graver.")
    min_deaths = fields.Integer("From deaths", help="0: deaths never reach this level.")
    min_serious_injuries = fields.Integer("From serious injuries")
    min_direct_loss = fields.Float("From direct loss (CNY)", digits=(16, 0))
    followups_per_day = fields.Integer("Follow-up reports per day", default=1)

    _code_unique = models.UniqueIndex("(code)")

    def _as_rule(self):
        return [accident_rules.Level(code=level.code, rank=level.rank,
                                     min_deaths=level.min_deaths,
                                     min_serious_injuries=level.min_serious_injuries,
                                     min_direct_loss=level.min_direct_loss,
                                     followups_per_day=level.followups_per_day)
                for level in self]

    @api.model
    def _level_for(self, deaths, serious_injuries, direct_loss):
        # the four levels of the regulation: a handful of rows
        levels = self.sudo().search([])  # pylint: disable=no-search-all
        found = accident_rules.accident_level(levels._as_rule(), deaths, serious_injuries,
                                              direct_loss)
        return levels.filtered(lambda level: level.code == found.code)[:1] if found else levels
