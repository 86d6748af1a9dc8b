"""Alarms count their raises (raise_count, last_raised_at): until now each raise wrote one
``iot.alarm`` audit entry, so existing alarms count those."""


def migrate(cr, version):
    cr.execute("""
        UPDATE worksafe_iot_alarm a
           SET raise_count = e.n, last_raised_at = e.last
          FROM (SELECT res_id, count(*) AS n, max(timestamp) AS last
                  FROM worksafe_audit_event
                 WHERE event_type = 'iot.alarm' AND res_model = 'worksafe.iot.alarm'
                 GROUP BY res_id) e
         WHERE e.res_id = a.id AND COALESCE(a.raise_count, 0) = 0""")
