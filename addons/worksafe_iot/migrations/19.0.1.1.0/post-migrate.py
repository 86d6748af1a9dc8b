"""Readings of unknown device codes were visible to every company: the record rule is in a
noupdate block, so an update does not rewrite it by itself."""


def migrate(cr, version):
    cr.execute("""
        UPDATE ir_rule r SET domain_force = %s
          FROM ir_model_data d
         WHERE d.model = 'ir.rule' AND d.res_id = r.id AND d.module = 'worksafe_iot'
           AND d.name = 'rule_iot_reading_company'""",
               ["[('company_id', 'in', company_ids)]"])
