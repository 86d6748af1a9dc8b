import json
import logging

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..rules import violations as violation_rules
from odoo.addons.worksafe_permit.models.permit import TRANSITIONS

_logger = logging.getLogger(__name__)

# Only one refresh at a time (a second one started meanwhile simply skips).
_REFRESH_LOCK_KEY = 7_305_119_201
WATERMARK_PARAM = "worksafe_analytics.last_seq"

# Events the analytics read; only these are copied out of the chain for a refresh.
_TRANSITION_EVENTS = {f"permit.{name}": (name, target) for name, (_src, target)
                      in TRANSITIONS.items()}
_TRANSITION_EVENTS["permit.create"] = ("create", "draft")
_READ_EVENTS = sorted({*_TRANSITION_EVENTS, "permit.approval", "step.done", "step.evidence",
                      "briefing.signed", "permit.watcher_out",
                      violation_rules.START_REFUSED_EVENT, "iot.alarm"})
# Events whose hashed values are read (the JSON is parsed for these only).
_VALUE_EVENTS = ["permit.approval", "permit.reject", violation_rules.START_REFUSED_EVENT]
# A permit state -> the lifecycle phase the analytics report it in.
_STATE_PHASES = [("draft", "draft"), ("submitted", "approval"), ("approved", "preparation"),
                 ("issued", "ready"), ("active", "execution"), ("suspended", "suspended"),
                 ("handed_back", "closure")]

_DIM_COLUMNS = ("permit_id, company_id, work_type_id, template_id, variant_id, area_id, "
                "contractor_id, employee_id, department_id")
_DIM_SELECT = ("d.permit_id, d.company_id, d.work_type_id, d.template_id, d.variant_id, "
               "d.area_id, d.contractor_id, d.employee_id, d.department_id")
_LOG_COLUMNS = "create_uid, create_date, write_uid, write_date"
_LOG_SELECT = "%(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'"


def _hours(expression):
    return f"(EXTRACT(EPOCH FROM ({expression})) / 3600.0)"


class WorksafeAnalyticsEngine(models.AbstractModel):
    """Fills the fact tables from the audit trail, in SQL.

    Incremental: every permit with an event numbered above the watermark (the last chain
    number read, an ir.config_parameter) is measured again from all its events, then the
    watermark moves, in the same transaction. Running it twice changes nothing; a crash
    rolls back both the facts and the watermark, so the next run redoes the same permits.
    """

    _name = "worksafe.analytics.engine"
    _description = "WorkSafe analytics engine"

    @api.model
    def _cron_refresh(self):
        self._refresh()
        return True

    @api.model
    def _refresh_as_officer(self, full=False):
        """The refresh asked for from the screens: safety officers only."""
        if not self.env.user.has_group("worksafe_permit.group_worksafe_safety_officer"):
            raise AccessError(self.env._("Only safety officers refresh the analytics."))
        return self._refresh(full=full)

    @api.model
    def _refresh(self, full=False):
        """Measure the permits with new events (every permit when `full`). Returns how many
        permits were measured, or -1 when another refresh is running."""
        cr = self.env.cr
        cr.execute("SELECT pg_try_advisory_xact_lock(%s)", [_REFRESH_LOCK_KEY])
        if not cr.fetchone()[0]:
            return -1
        self.env.flush_all()
        params = self.env["ir.config_parameter"].sudo()
        last = 0 if full else int(params.get_param(WATERMARK_PARAM, "0") or 0)
        cr.execute("SELECT coalesce(max(seq), 0) FROM worksafe_audit_event")
        head = cr.fetchone()[0]
        if head <= last and not full:
            return 0
        args = {"last": last, "head": head, "uid": self.env.uid}
        # Window functions sort whole permits' histories: give them memory (this
        # transaction only) rather than spilling to disk.
        cr.execute("SET LOCAL work_mem = '256MB'")
        self._drop_work_tables()
        cr.execute("CREATE TEMP TABLE wsa_permit (id integer PRIMARY KEY) ON COMMIT DROP")
        if full:
            cr.execute("INSERT INTO wsa_permit SELECT id FROM worksafe_permit")
        else:
            cr.execute("""
                INSERT INTO wsa_permit
                SELECT DISTINCT e.permit_id FROM worksafe_audit_event e
                  JOIN worksafe_permit p ON p.id = e.permit_id
                 WHERE e.seq > %(last)s AND e.seq <= %(head)s
            """, args)
        count = cr.rowcount
        if full:
            cr.execute("DELETE FROM worksafe_analytics_step_fact")
            cr.execute("DELETE FROM worksafe_analytics_phase_fact")
            cr.execute("DELETE FROM worksafe_analytics_violation WHERE source = 'audit'")
        else:
            cr.execute("DELETE FROM worksafe_analytics_step_fact "
                       "WHERE permit_id IN (SELECT id FROM wsa_permit)")
            cr.execute("DELETE FROM worksafe_analytics_phase_fact "
                       "WHERE permit_id IN (SELECT id FROM wsa_permit)")
            cr.execute("DELETE FROM worksafe_analytics_violation WHERE source = 'audit' "
                       "AND permit_id IN (SELECT id FROM wsa_permit)")
        cr.execute("ANALYZE wsa_permit")
        self._copy_events(args)
        self._fill_phases(args)
        self._fill_approvals(args)
        self._fill_steps(args)
        self._fill_violations(args)
        if not full:
            self._drop_orphans(args)
        params.set_param(WATERMARK_PARAM, str(head))
        self._drop_work_tables()
        self.env.invalidate_all()
        _logger.info("WorkSafe analytics: %s permits measured up to event %s", count, head)
        return count

    def _drop_orphans(self, args):
        """Facts of permits deleted since the last refresh (drafts can be deleted): the fact
        tables have no foreign keys to cascade."""
        cr = self.env.cr
        cr.execute("""
            SELECT 1 FROM worksafe_audit_event
             WHERE seq > %(last)s AND seq <= %(head)s AND event_type = 'permit.delete'
             LIMIT 1
        """, args)
        if not cr.fetchone():
            return
        for table in ("worksafe_analytics_step_fact", "worksafe_analytics_phase_fact",
                      "worksafe_analytics_violation"):
            cr.execute(SQL("DELETE FROM %s f WHERE NOT EXISTS (SELECT 1 FROM worksafe_permit p "
                           "WHERE p.id = f.permit_id)", SQL.identifier(table)))

    def _drop_work_tables(self):
        """The temporary tables of a refresh (dropped at commit anyway; a second refresh in
        the same transaction needs them gone)."""
        self.env.cr.execute("DROP TABLE IF EXISTS wsa_permit, wsa_ev, wsa_tr, wsa_dim")

    # ------------------------------------------------------------------ the steps
    def _copy_events(self, args):
        cr = self.env.cr
        cr.execute("""
            CREATE TEMP TABLE wsa_ev ON COMMIT DROP AS
            SELECT e.id, e.seq, e.permit_id, e.timestamp AS at, e.event_type AS type,
                   e.res_model, e.res_id, e.user_id,
                   CASE WHEN e.event_type = ANY(%(value_events)s)
                        THEN (e.payload_json::jsonb) -> 'values' END AS vals
              FROM worksafe_audit_event e
              JOIN wsa_permit w ON w.id = e.permit_id
             WHERE e.seq <= %(head)s AND e.event_type = ANY(%(read_events)s)
        """, dict(args, value_events=_VALUE_EVENTS, read_events=_READ_EVENTS))
        cr.execute("CREATE INDEX ON wsa_ev (permit_id, seq)")
        cr.execute("CREATE INDEX ON wsa_ev (type)")
        cr.execute("ANALYZE wsa_ev")
        cr.execute("""
            CREATE TEMP TABLE wsa_tr ON COMMIT DROP AS
            SELECT ev.permit_id, ev.seq, ev.at, m.transition, m.to_state,
                   LEAD(ev.at) OVER (PARTITION BY ev.permit_id ORDER BY ev.seq) AS next_at
              FROM wsa_ev ev
              JOIN unnest(%s::text[], %s::text[], %s::text[]) m(type, transition, to_state)
                ON m.type = ev.type
        """, [list(_TRANSITION_EVENTS), [n for n, _t in _TRANSITION_EVENTS.values()],
              [t for _n, t in _TRANSITION_EVENTS.values()]])
        cr.execute("CREATE INDEX ON wsa_tr (permit_id, seq)")
        cr.execute("ANALYZE wsa_tr")
        cr.execute("""
            CREATE TEMP TABLE wsa_dim ON COMMIT DROP AS
            SELECT p.id AS permit_id, p.company_id, p.work_type_id, p.template_id,
                   p.variant_id, p.area_id, p.contractor_id,
                   p.performing_authority_id AS employee_id, v.department_id
              FROM worksafe_permit p
              JOIN wsa_permit w ON w.id = p.id
              LEFT JOIN hr_employee e ON e.id = p.performing_authority_id
              LEFT JOIN hr_version v ON v.id = e.current_version_id
        """)
        cr.execute("ALTER TABLE wsa_dim ADD PRIMARY KEY (permit_id)")

    def _fill_phases(self, args):
        self.env.cr.execute(f"""
            INSERT INTO worksafe_analytics_phase_fact
                   ({_DIM_COLUMNS}, phase, start_at, end_at, hours, fact_count)
            SELECT {_DIM_SELECT}, ph.phase, t.at, t.next_at, {_hours("t.next_at - t.at")}, 1
              FROM wsa_tr t
              JOIN wsa_dim d ON d.permit_id = t.permit_id
              JOIN unnest(%(states)s::text[], %(phases)s::text[]) ph(state, phase)
                ON ph.state = t.to_state
        """, dict(args, states=[s for s, _p in _STATE_PHASES],
                  phases=[p for _s, p in _STATE_PHASES]))  # noqa: S608 (constant fragments)

    def _fill_approvals(self, args):
        """One row per decision: ready at the submission or the previous decision."""
        self.env.cr.execute(f"""
            WITH a AS (
                SELECT ev.*, LAG(ev.at) OVER w AS prev_at, LEAD(ev.at) OVER w AS next_at,
                       LEAD(ev.type) OVER w AS next_type
                  FROM wsa_ev ev
                 WHERE ev.type IN ('permit.submit', 'permit.approval', 'permit.reject')
                WINDOW w AS (PARTITION BY ev.permit_id ORDER BY ev.seq)
            )
            INSERT INTO worksafe_analytics_step_fact
                   ({_DIM_COLUMNS}, kind, name, phase, sequence, approval_step_id, user_id,
                    step_ref, ready_at, started_at, done_at, wait_hours, target_hours,
                    over_target, over_target_count, outcome, missed_count, rework_count,
                    rework_hours, fact_count)
            SELECT {_DIM_SELECT}, 'approval', a.vals ->> 'step', 'approval',
                   coalesce((a.vals ->> 'sequence')::integer, va.sequence), va.id, a.user_id,
                   NULL, a.prev_at, a.prev_at, a.at, {_hours("a.at - a.prev_at")},
                   nullif(va.analytics_target_wait_hours, 0),
                   coalesce(va.analytics_target_wait_hours > 0 AND
                            {_hours("a.at - a.prev_at")} > va.analytics_target_wait_hours,
                            false),
                   (coalesce(va.analytics_target_wait_hours > 0 AND
                            {_hours("a.at - a.prev_at")} > va.analytics_target_wait_hours,
                            false))::integer,
                   CASE WHEN a.type = 'permit.reject' THEN 'rejected' ELSE 'approved' END, 0,
                   (a.type = 'permit.reject')::integer,
                   CASE WHEN a.type = 'permit.reject' AND a.next_type = 'permit.submit'
                        THEN {_hours("a.next_at - a.at")} END,
                   1
              FROM a
              JOIN wsa_dim d ON d.permit_id = a.permit_id
              LEFT JOIN LATERAL (
                  SELECT va.id, va.sequence, va.analytics_target_wait_hours
                    FROM worksafe_variant_approval va
                   WHERE va.variant_id = d.variant_id
                     AND (va.sequence = (a.vals ->> 'sequence')::integer
                          OR EXISTS (SELECT 1 FROM jsonb_each_text(va.name) n
                                      WHERE n.value = a.vals ->> 'step'))
                   ORDER BY (EXISTS (SELECT 1 FROM jsonb_each_text(va.name) n
                                      WHERE n.value = a.vals ->> 'step')) DESC,
                            (va.sequence = (a.vals ->> 'sequence')::integer) DESC NULLS LAST,
                            va.id
                   LIMIT 1
              ) va ON true
             WHERE a.type IN ('permit.approval', 'permit.reject')
        """, args)  # noqa: S608 (constant fragments)

    def _fill_steps(self, args):
        """One row per permit step: ready when its phase began and the blocking steps
        before it were done; started at its first evidence; done at step.done."""
        rules = violation_rules
        self.env.cr.execute(f"""
            WITH tr AS (
                SELECT permit_id,
                       max(at) FILTER (WHERE transition = 'approve') AS approved_at,
                       min(at) FILTER (WHERE transition = 'start') AS started_at,
                       min(at) FILTER (WHERE transition = 'hand_back') AS handed_back_at,
                       max(at) AS last_at,
                       array_agg(DISTINCT transition) AS transitions
                  FROM wsa_tr GROUP BY permit_id
            ), sd AS (
                SELECT res_id,
                       min(at) FILTER (WHERE type = 'step.done') AS done_at,
                       min(at) FILTER (WHERE type = 'step.evidence') AS evidence_at,
                       (array_agg(user_id ORDER BY seq)
                            FILTER (WHERE type = 'step.done'))[1] AS done_by
                  FROM wsa_ev
                 WHERE res_model = 'worksafe.permit.step'
                   AND type IN ('step.done', 'step.evidence')
                 GROUP BY res_id
            ), tm AS (
                -- steps built before this addon: matched to their template step
                SELECT DISTINCT ON (template_id, sequence, phase)
                       id, template_id, sequence, phase
                  FROM worksafe_template_step
                 ORDER BY template_id, sequence, phase, id
            ), s AS (
                SELECT st.id, st.permit_id, st.name, st.phase, st.sequence,
                       coalesce(st.template_step_id, tm.id) AS template_step_id,
                       sd.done_at, sd.done_by,
                       least(coalesce(sd.evidence_at, sd.done_at), sd.done_at) AS started_at,
                       CASE st.phase WHEN 'preparation' THEN tr.approved_at
                                     WHEN 'execution' THEN tr.started_at
                                     WHEN 'closure' THEN tr.handed_back_at END AS phase_at,
                       max(CASE WHEN st.blocking THEN sd.done_at END) OVER (
                           PARTITION BY st.permit_id ORDER BY st.sequence, st.id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                       ) AS previous_done,
                       tr.transitions, tr.last_at
                  FROM worksafe_permit_step st
                  JOIN wsa_dim d ON d.permit_id = st.permit_id
                  LEFT JOIN sd ON sd.res_id = st.id
                  LEFT JOIN tr ON tr.permit_id = st.permit_id
                  LEFT JOIN tm ON tm.template_id = d.template_id
                             AND tm.sequence = st.sequence AND tm.phase = st.phase
            ), m AS (
                SELECT s.*,
                       least(greatest(s.phase_at, s.previous_done),
                             coalesce(s.started_at, 'infinity')) AS ready_at,
                       s.done_at IS NULL
                       AND %(begin)s::jsonb ->> s.phase = ANY(s.transitions)
                       AND (%(end)s::jsonb ->> s.phase = ANY(s.transitions)
                            OR s.transitions && %(early)s) AS missed
                  FROM s
            )
            INSERT INTO worksafe_analytics_step_fact
                   ({_DIM_COLUMNS}, kind, name, phase, sequence, template_step_id, user_id,
                    step_ref, ready_at, started_at, done_at, wait_hours, handling_hours,
                    target_hours, over_target, over_target_count, outcome, missed_count,
                    rework_count, fact_count)
            SELECT {_DIM_SELECT}, 'step', m.name, m.phase, m.sequence, m.template_step_id,
                   m.done_by, m.id, m.ready_at, m.started_at, m.done_at,
                   {_hours("m.started_at - m.ready_at")},
                   {_hours("m.done_at - m.started_at")},
                   nullif(ts.analytics_target_wait_hours, 0),
                   coalesce(ts.analytics_target_wait_hours > 0 AND
                            {_hours("m.started_at - m.ready_at")}
                            > ts.analytics_target_wait_hours, false),
                   (coalesce(ts.analytics_target_wait_hours > 0 AND
                            {_hours("m.started_at - m.ready_at")}
                            > ts.analytics_target_wait_hours, false))::integer,
                   CASE WHEN m.done_at IS NOT NULL THEN 'done'
                        WHEN m.missed THEN 'missed' ELSE 'pending' END,
                   m.missed::integer, 0, 1
              FROM m
              JOIN wsa_dim d ON d.permit_id = m.permit_id
              LEFT JOIN worksafe_template_step ts ON ts.id = m.template_step_id
        """, dict(args, begin=_json(rules.PHASE_BEGIN), end=_json(rules.PHASE_END),
                  early=sorted(rules.EARLY_END)))  # noqa: S608 (constant fragments)

    def _fill_violations(self, args):
        rules = violation_rules
        cr = self.env.cr
        cr.execute(f"""
            WITH refused AS (
                SELECT ev.*, ARRAY(SELECT jsonb_array_elements_text(
                                       coalesce(ev.vals -> 'codes', '[]'::jsonb))) AS codes
                  FROM wsa_ev ev WHERE ev.type = %(refused)s
            ), first_start AS (
                SELECT permit_id, min(seq) AS seq FROM wsa_tr
                 WHERE transition = 'start' GROUP BY permit_id
            ), found AS (
                SELECT id, permit_id, seq, at, user_id, %(start_refused)s AS code FROM refused
                UNION ALL
                SELECT id, permit_id, seq, at, user_id, %(stale_gas)s FROM refused
                 WHERE codes && %(gas_codes)s
                UNION ALL
                SELECT id, permit_id, seq, at, user_id, %(watcher_absent)s FROM refused
                 WHERE codes && %(watcher_codes)s
                UNION ALL
                SELECT id, permit_id, seq, at, user_id, %(missing_evidence)s FROM refused
                 WHERE codes && %(step_codes)s
                UNION ALL
                SELECT ev.id, ev.permit_id, ev.seq, ev.at, ev.user_id, %(watcher_absent)s
                  FROM wsa_ev ev
                 WHERE ev.type = 'permit.watcher_out'
                   AND (SELECT t.to_state FROM wsa_tr t
                         WHERE t.permit_id = ev.permit_id AND t.seq < ev.seq
                         ORDER BY t.seq DESC LIMIT 1) = 'active'
                UNION ALL
                SELECT ev.id, ev.permit_id, ev.seq, ev.at, ev.user_id, %(late_signature)s
                  FROM wsa_ev ev JOIN first_start f ON f.permit_id = ev.permit_id
                 WHERE ev.type = 'briefing.signed' AND ev.seq > f.seq
                UNION ALL
                SELECT id, permit_id, seq, at, user_id, %(expired)s FROM wsa_ev
                 WHERE type = 'permit.expire'
                UNION ALL
                SELECT id, permit_id, seq, at, user_id, %(alarm)s FROM wsa_ev
                 WHERE type = 'iot.alarm'
            )
            INSERT INTO worksafe_analytics_violation
                   ({_DIM_COLUMNS}, type_id, type_code, source, event_id, event_seq, user_id,
                    occurred_at, violation_count, {_LOG_COLUMNS})
            SELECT {_DIM_SELECT}, vt.id, vt.code, 'audit', f.id, f.seq, f.user_id, f.at, 1,
                   {_LOG_SELECT}
              FROM found f
              JOIN wsa_dim d ON d.permit_id = f.permit_id
              JOIN worksafe_analytics_violation_type vt ON vt.code = f.code AND vt.active
        """, dict(args, refused=rules.START_REFUSED_EVENT, start_refused=rules.START_REFUSED,
                  stale_gas=rules.STALE_GAS, watcher_absent=rules.WATCHER_ABSENT,
                  missing_evidence=rules.MISSING_EVIDENCE, late_signature=rules.LATE_SIGNATURE,
                  expired=rules.EXPIRED_PERMIT, alarm=rules.ALARM,
                  gas_codes=sorted(rules.GAS_CODES), watcher_codes=sorted(rules.WATCHER_CODES),
                  step_codes=sorted(rules.STEP_CODES)))  # noqa: S608 (constant fragments)
        # Steps skipped although their phase ended: missing evidence, when the permit ended.
        cr.execute(f"""
            INSERT INTO worksafe_analytics_violation
                   ({_DIM_COLUMNS}, type_id, type_code, source, step_fact_id, user_id,
                    occurred_at, violation_count, {_LOG_COLUMNS})
            SELECT {_DIM_SELECT}, vt.id, vt.code, 'audit', sf.id, NULL,
                   (SELECT max(t.at) FROM wsa_tr t WHERE t.permit_id = sf.permit_id), 1,
                   {_LOG_SELECT}
              FROM worksafe_analytics_step_fact sf
              JOIN wsa_dim d ON d.permit_id = sf.permit_id
              JOIN worksafe_analytics_violation_type vt
                ON vt.code = %(missing_evidence)s AND vt.active
             WHERE sf.kind = 'step' AND sf.outcome = 'missed'
        """, dict(args, missing_evidence=rules.MISSING_EVIDENCE))  # noqa: S608

    @api.model
    def _apply_targets(self):
        """Targets were edited: re-judge the stored facts against them."""
        cr = self.env.cr
        self.env.flush_all()
        # a step fact takes its target from its template step, an approval fact from its
        # level's approval step
        for kind, table, link in (("step", "worksafe_template_step", "template_step_id"),
                                  ("approval", "worksafe_variant_approval",
                                   "approval_step_id")):
            cr.execute(SQL("""
                UPDATE worksafe_analytics_step_fact f
                   SET target_hours = nullif(t.analytics_target_wait_hours, 0),
                       over_target = t.analytics_target_wait_hours > 0
                                     AND f.wait_hours > t.analytics_target_wait_hours,
                       over_target_count = (t.analytics_target_wait_hours > 0
                                     AND f.wait_hours > t.analytics_target_wait_hours)::integer
                  FROM %s t
                 WHERE f.kind = %s AND t.id = %s
            """, SQL.identifier(table), kind, SQL.identifier("f", link)))
        self.env["worksafe.analytics.step.fact"].invalidate_model()


def _json(mapping):
    return json.dumps(mapping)
