from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..rules import qualification as q

PEOPLE_FIELDS = ("worker_ids", "watcher_ids", "performing_authority_id")
CHECKED_STATES = ("draft", "submitted", "approved", "issued", "active", "suspended")
# Codes this addon adds to worksafe_permit's rules.blockers: "qualification.<code>" for each
# rules.qualification problem code, and an approver without an employee record.
BLOCKER_PREFIX = "qualification."
NO_APPROVER_EMPLOYEE = "qualification.no_employee"


class WorksafePermit(models.Model):
    _inherit = "worksafe.permit"

    qualification_exception_ids = fields.One2many(
        "worksafe.qualification.exception", "permit_id", "Qualification exceptions")
    qualification_problems = fields.Text(
        "Qualification gaps", compute="_compute_qualification_problems",
        help="Missing or expiring certificates and authorisations of the people on this "
        "permit for the rest of its planned window.")

    def _compute_qualification_problems(self):
        now = fields.Datetime.now()
        for permit in self:
            if permit.state in CHECKED_STATES and permit.planned_end and permit.work_type_id:
                permit.qualification_problems = "\n".join(
                    permit._qualification_messages(permit._check_qualifications(now=now)))
            else:
                permit.qualification_problems = False

    # ------------------------------------------------------------------ who, in which role
    def _qualification_people(self, employees=None):
        """{employee id: {roles}} of the people on the permit (optionally only `employees`).
        The performing authority leads the work: checked as a worker."""
        self.ensure_one()
        people = defaultdict(set)
        # In a form's onchange the people are new records: their credentials are stored
        # under the id of the record they stand for (_origin).
        for employee in (self.worker_ids | self.performing_authority_id)._origin:
            people[employee.id].add("worker")
        for employee in self.watcher_ids._origin:
            people[employee.id].add("watcher")
        if employees is not None:
            people = {k: v for k, v in people.items() if k in employees.ids}
        return dict(people)

    def _qualification_window(self, now=None):
        """The planned window from now on: the part already past cannot be worked."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        return max(now, self.planned_start), max(self.planned_end, now + timedelta(seconds=1))

    # ------------------------------------------------------------------ the check
    def _check_qualifications(self, people_roles=None, window=None, now=None):
        """Problems (rules.qualification.Problem) of the people for the window, loading
        everything for all people at once: a handful of queries whatever the head count."""
        self.ensure_one()
        if people_roles is None:
            people_roles = self._qualification_people()
        if not people_roles:
            return []
        start, end = window or self._qualification_window(now)
        roles = set().union(*people_roles.values())
        Requirement = self.env["worksafe.qualification.requirement"].sudo()
        variant_domain = [("variant_id", "=", False)]
        if self.variant_id:
            variant_domain = ["|", ("variant_id", "=", False),
                              ("variant_id", "=", self.variant_id.id)]
        requirement_records = Requirement.search_fetch(
            [("work_type_id", "=", self.work_type_id.id), ("role", "in", list(roles))]
            + variant_domain, ["role", "kind", "skill_id"])
        if not requirement_records:
            return []
        seen, requirements = set(), []
        for record in requirement_records:
            item = record.skill_id.id if record.kind == "certificate" else self.work_type_id.id
            if (record.role, record.kind, item) in seen:
                continue
            seen.add((record.role, record.kind, item))
            requirements.append(q.Requirement(key=record.id, role=record.role, kind=record.kind,
                                              item=item))
        person_ids = list(people_roles)
        credentials = self._qualification_certificates(person_ids, requirements)
        credentials += self._qualification_authorisations(person_ids, roles)
        exceptions = [(e.employee_id.id, e.requirement_id.id or None) for e in
                      self.env["worksafe.qualification.exception"].sudo().search_fetch(
                          [("permit_id", "=", self._origin.id), ("state", "=", "approved")],
                          ["employee_id", "requirement_id"])] if self._origin.id else []
        area_path = self.area_id._area_path() if self.area_id else ()
        return q.check(people_roles, requirements, credentials, start, end, area_path,
                       exceptions)

    def _qualification_tz(self):
        return pytz.timezone(
            self.env["res.config.settings"]._worksafe_timezone(self.company_id) or "UTC")

    def _local_day_start(self, day, tz):
        """The UTC instant a local calendar day starts (certificates are valid by day)."""
        return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(
            tzinfo=None)

    def _qualification_certificates(self, person_ids, requirements):
        skill_ids = [r.item for r in requirements if r.kind == "certificate"]
        if not skill_ids:
            return []
        tz = self._qualification_tz()
        records = self.env["hr.employee.skill"].sudo().search_fetch(
            [("employee_id", "in", person_ids), ("skill_id", "in", skill_ids)],
            ["employee_id", "skill_id", "valid_from", "valid_to"], order="id")
        day_starts = {}

        def day_start(day):
            if day not in day_starts:
                day_starts[day] = self._local_day_start(day, tz)
            return day_starts[day]

        return [q.Credential(
            person=c.employee_id.id, kind="certificate", item=c.skill_id.id,
            start=day_start(c.valid_from) if c.valid_from else None,
            # valid through the whole of its last day
            end=day_start(c.valid_to + timedelta(days=1)) if c.valid_to else None,
            ref=c) for c in records]

    def _qualification_authorisations(self, person_ids, roles):
        records = self.env["worksafe.authorisation"].sudo().search_fetch(
            [("employee_id", "in", person_ids), ("work_type_ids", "in", self.work_type_id.ids),
             ("role", "in", list(roles)), ("state", "=", "valid")],
            ["employee_id", "role", "date_from", "date_to", "kind", "area_ids"], order="id")
        if not records:
            return []
        suspended = defaultdict(list)
        for sanction in self.env["worksafe.sanction"].sudo().search_fetch(
                [("authorisation_id", "in", records.ids), ("kind", "=", "suspension"),
                 ("state", "=", "active")], ["authorisation_id", "date_from", "date_to"],
                order="id"):
            suspended[sanction.authorisation_id.id].append(
                (sanction.date_from, sanction.date_to or None))
        return [q.Credential(
            person=a.employee_id.id, kind="authorisation", item=self.work_type_id.id,
            role=a.role, start=a.date_from, end=a.date_to,
            areas=frozenset(a.area_ids.ids) if a.kind == "temporary" else None,
            suspended=tuple(suspended.get(a.id, ())), ref=a) for a in records]

    # ------------------------------------------------------------------ messages
    def _qualification_messages(self, problems):
        """One translated sentence per problem, naming the person, the item and its date."""
        if not problems:
            return []
        _ = self.env._
        employees = self.env["hr.employee"].sudo().browse({p.person for p in problems})
        names = {e.id: e.name for e in employees}
        requirements = self.env["worksafe.qualification.requirement"].sudo().browse(
            {p.requirement.key for p in problems})
        labels = {r.id: r._item_label() for r in requirements}
        roles = dict(self.env["worksafe.qualification.requirement"]._fields["role"]
                     ._description_selection(self.env))
        messages = []
        for p in problems:
            values = {"person": names.get(p.person, "?"), "role": roles.get(p.role, p.role),
                      "item": labels.get(p.requirement.key, "?")}
            cert = p.requirement.kind == "certificate"
            ref = p.credential.ref if p.credential else None
            if p.code == q.MISSING:
                messages.append(_("%(person)s (%(role)s): no valid %(item)s certificate.",
                                  **values) if cert else
                                _("%(person)s (%(role)s): no %(item)s as %(role)s.", **values))
            elif p.code == q.EXPIRED:
                date = ref.valid_to if cert else self._format_dt(p.date)
                messages.append(_("%(person)s (%(role)s): %(item)s expired on %(date)s.",
                                  date=date, **values))
            elif p.code == q.EXPIRES:
                date = ref.valid_to if cert else self._format_dt(p.date)
                messages.append(_(
                    "%(person)s (%(role)s): %(item)s expires on %(date)s, before the end of "
                    "the work (%(end)s).", date=date, end=self._format_dt(self.planned_end),
                    **values))
            elif p.code == q.NOT_YET_VALID:
                date = ref.valid_from if cert else self._format_dt(p.date)
                messages.append(_("%(person)s (%(role)s): %(item)s is valid only from %(date)s.",
                                  date=date, **values))
            elif p.code == q.SUSPENDED:
                messages.append(_("%(person)s (%(role)s): %(item)s is suspended until %(date)s.",
                                  date=self._format_dt(p.date), **values) if p.date else
                                _("%(person)s (%(role)s): %(item)s is suspended.", **values))
            elif p.code == q.AREA:
                messages.append(_(
                    "%(person)s (%(role)s): the temporary %(item)s does not cover %(area)s.",
                    area=self.area_id.complete_name, **values))
            else:  # one sentence per problem, always
                messages.append(_("%(person)s (%(role)s): %(item)s does not qualify.",
                                  **values))
        return messages

    def _raise_qualification_problems(self, problems, intro):
        if problems:
            raise ValidationError(intro + "\n• " + "\n• ".join(
                self._qualification_messages(problems)) + "\n" + self.env._(
                "A safety officer can approve a recorded exception."))

    # ------------------------------------------------------------------ preconditions
    def _get_blockers(self, stage, now=None, **options):
        blockers = super()._get_blockers(stage, now, **options)
        if stage == "approve":
            return blockers + self._approver_qualification_blockers(
                options["users"], blockers)
        if options.get("quick"):
            # the form lists the gaps in its own field (qualification_problems)
            return blockers
        return blockers + self._qualification_blockers(self._check_qualifications(now=now))

    def _qualification_blockers(self, problems, user_of=None):
        """One Blocker per problem; `user_of` maps employee ids to the users they concern
        (approvers)."""
        label = self.env._("Request a qualification exception")
        return [self._blocker(BLOCKER_PREFIX + problem.code, message,
                              url=self._blocker_url(), label=label,
                              user=self.env["res.users"].browse(user_of[problem.person])
                              if user_of else None)
                for problem, message in zip(problems, self._qualification_messages(problems),
                                            strict=True)]

    def _approver_qualification_blockers(self, users, blockers):
        """The approver's own qualifications for the work, checked for all `users` at once
        (a handful of queries, whatever their number) and only for those still in line."""
        if any(b.user_id is None for b in blockers):
            return []
        refused = {b.user_id for b in blockers}
        users = users.filtered(lambda u: u.id not in refused)
        if not users:
            return []
        employee_of = {}
        for employee in self.env["hr.employee"].sudo().search(
                [("user_id", "in", users.ids), ("company_id", "=", self.company_id.id)]):
            employee_of.setdefault(employee.user_id.id, employee)
        result = []
        without = users.filtered(lambda u: u.id not in employee_of)
        if without and self.env["worksafe.qualification.requirement"].sudo().search_count(
                [("work_type_id", "=", self.work_type_id.id), ("role", "=", "approver")],
                limit=1):
            result += [self._blocker(NO_APPROVER_EMPLOYEE, self.env._(
                "%(user)s has no employee record holding the approver's qualifications for "
                "%(work)s.", user=user.name, work=self.work_type_id.name), user=user)
                for user in without]
        if employee_of:
            problems = self._check_qualifications(
                {employee.id: {"approver"} for employee in employee_of.values()})
            result += self._qualification_blockers(
                problems, {employee.id: uid for uid, employee in employee_of.items()})
        return result

    def _people_risks(self):
        risks = super()._people_risks()
        for exception in self.qualification_exception_ids.filtered(
                lambda e: e.state == "approved"):
            risks.append({
                "source": "people", "likelihood": "3", "severity": "4",
                "name": self.env._("%(name)s works under a qualification exception: %(what)s",
                                   name=exception.employee_id.name,
                                   what=exception.requirement_id.display_item
                                   or self.env._("all requirements")),
                "control": exception.compensating_measures or exception.reason,
            })
        return risks

    # ------------------------------------------------------------------ people added
    # A draft is a working copy: adding an unqualified person to it is refused in the form
    # (onchange warning, gaps listed on the People tab) and the draft cannot be submitted
    # until the gaps are closed or waived. Once submitted, the people are frozen by
    # worksafe_permit; the only later change (a shift handover) is refused outright.
    @api.onchange("worker_ids", "watcher_ids", "performing_authority_id", "planned_start",
                  "planned_end", "work_type_id", "area_id")
    def _onchange_qualification_people(self):
        if not (self.work_type_id and self.planned_start and self.planned_end):
            return None
        messages = self._qualification_messages(self._check_qualifications())
        if messages:
            return {"warning": {
                "title": self.env._("These people are not qualified for %(work)s:",
                                    work=self.work_type_id.name),
                "message": "\n".join(messages)}}
        return None

    def write(self, vals):
        if not set(PEOPLE_FIELDS).intersection(vals):
            return super().write(vals)

        def pairs(permit):
            return {(person, role) for person, roles in permit._qualification_people().items()
                    for role in roles}

        before = {p.id: pairs(p) for p in self}
        result = super().write(vals)
        for permit in self.filtered(lambda p: p.state in CHECKED_STATES and p.state != "draft"):
            added = defaultdict(set)
            for person, role in pairs(permit) - before.get(permit.id, set()):
                added[person].add(role)
            if added:
                permit._raise_qualification_problems(
                    permit._check_qualifications(dict(added)),
                    self.env._("These people are not qualified for %(work)s:",
                               work=permit.work_type_id.name))
        return result

    def action_request_qualification_exception(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "worksafe.qualification.exception",
                "view_mode": "form", "target": "new",
                "name": self.env._("Request a qualification exception"),
                "context": {"default_permit_id": self.id}}
