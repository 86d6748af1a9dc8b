"""Who may change what, declared once per model.

Every WorkSafe record is evidence: some of its fields are set only by WorkSafe's own actions
(approve, sign, scan on site …), some are edited by people until a point in the record's
life, and some states freeze the record. Models declare this with the class attributes
below; this mixin applies it to every way a client can reach the database: ``create``
(including ``default_<field>`` context keys and personal defaults), ``write``, ``copy`` and
deletion (``@api.ondelete``).

One error policy:

- ``AccessError``: the field changes only through its action (or is not the person's to set);
- ``UserError``: the record (or that part of it) is frozen;
- ``ValidationError``: the value is impossible (wrong type, negative measure, year 1 …).

The actions write as superuser through ``_system_write`` / ``_system_create``: being
superuser is the only way around the guard, and no client can send it.

The web client sends back what it showed (an onchange's echo, a one2many's lines): writing
a field to the value it already has is not a change and is never refused.
"""
import math
from datetime import date, datetime

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

# Bookkeeping that Odoo itself writes as the acting user (chatter attachments).
ALWAYS_WRITABLE = frozenset({"message_main_attachment_id"})
# Dates outside these years are typing errors (year 1, 9999), never a permit's.
YEAR_RANGE = (1900, 2999)
# What PostgreSQL's integer columns hold, and the largest magnitude a WorkSafe float
# (a height, a mass, a concentration …) plausibly has: beyond it the value is a typing error
# or an attack, and PostgreSQL or the rounding would fail with a 500.
INT_RANGE = (-2**31, 2**31 - 1)
FLOAT_LIMIT = 1e12
TEXT_TYPES = frozenset({"char", "text", "html"})


class WorksafeGuardedMixin(models.AbstractModel):
    _name = "worksafe.guarded.mixin"
    _description = "WorkSafe record guarded against changes outside its actions"

    # Set only by WorkSafe's actions (as superuser). Computed fields without an inverse are
    # added automatically; `_guard_system_only` makes every field the system's.
    _guard_system_fields = frozenset()
    _guard_system_only = False
    # What people edit after creation; None means every field that is not guarded otherwise.
    _guard_user_fields = None
    # Set by the person who creates the record, then only through actions (e.g. who a
    # record is about, which permit a line belongs to).
    _guard_create_fields = frozenset()
    # Edited by people only while `_guard_is_open()` (by default: in `_guard_open_states`).
    _guard_draft_fields = frozenset()
    _guard_open_states = None
    # In these states (or while `_guard_is_frozen()`), people change nothing.
    _guard_frozen_states = frozenset()
    # Deleted by people only in these states (None: as access rights allow; empty: never,
    # not even by WorkSafe itself: the record is kept; uninstalling still removes it).
    _guard_deletable_states = None
    _guard_state_field = "state"
    # Measurements and parameters that cannot be negative, and percentages.
    _guard_non_negative_fields = frozenset()
    _guard_percent_fields = frozenset()

    # ------------------------------------------------------------------ declarations
    @api.model
    def _guard_system_field_names(self):
        cls = type(self)
        names = cls.__dict__.get("_guard_system_names")
        if names is None:  # once per registry class
            auto = {name for name, field in self._fields.items()
                    if field.store and name not in models.MAGIC_COLUMNS
                    and (self._guard_system_only or (field.compute and field.readonly))}
            names = cls._guard_system_names = frozenset(self._guard_system_fields) | auto
        return names

    def _guard_state(self):
        self.ensure_one()
        return self[self._guard_state_field] if self._guard_state_field in self._fields \
            else False

    def _guard_is_frozen(self):
        """True when people may change nothing on this record."""
        self.ensure_one()
        return self._guard_state() in self._guard_frozen_states

    def _guard_is_open(self):
        """True while people may edit the `_guard_draft_fields`."""
        self.ensure_one()
        return self._guard_open_states is None or self._guard_state() in self._guard_open_states

    def _guard_is_deletable(self):
        self.ensure_one()
        return self._guard_deletable_states is None \
            or self._guard_state() in self._guard_deletable_states

    # messages (models give their own, in their words)
    def _guard_action_message(self, names):
        return self.env._("%(what)s: %(fields)s change only through its actions.",
                          what=self._guard_what(), fields=self._guard_labels(names))

    def _guard_frozen_message(self):
        return self.env._("%(what)s %(name)s can no longer change.",
                          what=self._guard_what(), name=self.display_name)

    def _guard_closed_message(self, names):
        return self.env._("%(what)s %(name)s: %(fields)s can no longer change.",
                          what=self._guard_what(), name=self.display_name,
                          fields=self._guard_labels(names))

    def _guard_delete_message(self):
        return self.env._("%(what)s %(name)s is kept for the record.",
                          what=self._guard_what(), name=self.display_name)

    def _guard_what(self):
        """The model's name in the user's language (ir.model's translated name), for errors."""
        return self.env["ir.model"].sudo()._get(self._name).name or self._description

    def _guard_labels(self, names):
        return ", ".join(sorted(self._fields[n]._description_string(self.env) for n in names))

    # hooks: model-specific checks of a person's create or change (never for superuser)
    def _guard_check_create(self, vals_list):
        """Before creating, on the values people sent (defaults not yet added)."""

    def _guard_check_created(self):
        """After creating, on the new records."""

    def _guard_check_write(self, changes):
        """Before writing `changes` (only real changes), on the records."""

    # Attachments of these records are evidence: created on the record itself (never moved
    # onto it), and then as guarded as the record (see ir.attachment in this module).
    _guard_attachments_are_evidence = False

    def _guard_may_write_field(self, fname):
        """Whether the declarations let a person change `fname` of this record now (without
        the model's own `_guard_check_write`)."""
        self.ensure_one()
        if fname in self._guard_system_field_names() or fname in self._guard_create_fields:
            return False
        if fname in self._guard_draft_fields:
            return self._guard_is_open()
        if self._guard_user_fields is not None or self._guard_system_only:
            return fname in (self._guard_user_fields or ())
        return True

    def _guard_foreign_evidence(self, attachments, field="attachment_ids"):
        """The files among `attachments` that cannot be this record's evidence: attached to
        another record, stored for a binary field, uploaded by someone else, of another
        company, or already evidence (`field`) of another record of this model. Nobody can
        move an attachment onto a record (ir.attachment), so one that belongs to it was
        created on it. Empty for the superuser (actions and demo data)."""
        self.ensure_one()
        if self.env.su:
            return attachments.browse()
        elsewhere = self.sudo().search([(field, "in", attachments.ids),
                                        ("id", "!=", self.id)])[field]
        return attachments.sudo().filtered(
            lambda a: a.res_model != self._name or a.res_id != self.id or a.res_field
            or a.create_uid != self.env.user or a in elsewhere
            or (a.company_id and a.company_id != self.company_id))

    def _guard_attachment_locked(self, res_field=False):
        """Whether the current user may not change, move or delete an attachment of this
        record (stored for its binary field `res_field`, or attached to it): the record is
        frozen, or the guard would refuse the person that change on the record itself.
        Core `ir.attachment` only asks whether the user may write the record."""
        self.ensure_one()
        if self.env.su:
            return False
        if self._guard_is_frozen():
            return True
        fname = res_field if res_field in self._fields else None
        if fname and not self._guard_may_write_field(fname):
            return True
        try:
            self._guard_check_write({fname} if fname else set())
        except (AccessError, UserError):
            return True
        return False

    # ------------------------------------------------------------------ the system path
    def _system_write(self, vals):
        """How WorkSafe's actions write what people may not: as superuser (tracking and
        audit still name the acting user)."""
        return self.sudo().write(vals)

    @api.model
    def _system_create(self, vals_list):
        return self.sudo().create(vals_list)

    # ------------------------------------------------------------------ values
    def _guard_value_error(self, field, value):
        return ValidationError(self.env._(
            "%(what)s: %(value)s is not a valid value for %(field)s.",
            what=self._guard_what(), value=repr(value)[:80],
            field=field._description_string(self.env)))

    @api.model
    def _guard_check_commands(self, field, value):
        """An x2many value is a list of ids or of known commands (``[[99, 1, 2]]`` is not)."""
        if not isinstance(value, (list, tuple)):
            raise self._guard_value_error(field, value)
        if all(isinstance(c, int) and not isinstance(c, bool) for c in value):
            return  # a plain list of ids
        for command in value:
            if not isinstance(command, (list, tuple)) or not command \
                    or command[0] not in tuple(Command):
                raise self._guard_value_error(field, value)
            operation = command[0]
            if operation in (Command.CREATE, Command.UPDATE) and \
                    not isinstance(command[2] if len(command) > 2 else None, dict):
                raise self._guard_value_error(field, value)
            if operation in (Command.UPDATE, Command.DELETE, Command.UNLINK, Command.LINK) and \
                    (len(command) < 2 or isinstance(command[1], bool)
                     or not isinstance(command[1], int)):
                raise self._guard_value_error(field, value)
            if operation == Command.SET and (len(command) < 3 or not isinstance(
                    command[2] or [], (list, tuple))):
                raise self._guard_value_error(field, value)

    @api.model
    def _guard_check_number(self, field, value):
        """Non-finite floats (JSON ``Infinity``, ``1e999``), integers beyond PostgreSQL's and
        absurd magnitudes are refused before the rounding or the database fail."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return
        if isinstance(value, float) and not math.isfinite(value):
            raise self._guard_value_error(field, value)
        if field.type == "integer" and not INT_RANGE[0] <= value <= INT_RANGE[1]:
            raise self._guard_value_error(field, value)
        if field.type in ("float", "monetary") and abs(value) > FLOAT_LIMIT:
            raise self._guard_value_error(field, value)

    @api.model
    def _guard_check_value(self, fname, value):
        """Refuse values of the wrong type or impossible ones with a clear error."""
        field = self._fields.get(fname)
        if field is None:
            return
        if field.type in ("one2many", "many2many"):
            self._guard_check_commands(field, value)
            return
        if field.type in TEXT_TYPES and value not in (False, None) \
                and not isinstance(value, str):
            raise self._guard_value_error(field, value)
        if field.type in ("float", "integer", "monetary"):
            self._guard_check_number(field, value)
        if field.type == "many2one" and value and not isinstance(value, models.BaseModel) \
                and not (isinstance(value, int) and not isinstance(value, bool)
                         and self.env[field.comodel_name].sudo().browse(value).exists()):
            raise self._guard_value_error(field, value)
        try:
            cached = field.convert_to_cache(value, self)
        except (ValueError, TypeError) as error:
            raise self._guard_value_error(field, value) from error
        if field.type in ("float", "integer", "monetary"):
            self._guard_check_number(field, cached)
        if field.type in ("date", "datetime") and cached:
            if not isinstance(cached, (date, datetime)) or \
                    not YEAR_RANGE[0] <= cached.year <= YEAR_RANGE[1]:
                raise ValidationError(self.env._(
                    "%(what)s: %(value)s is not a plausible date for %(field)s.",
                    what=self._guard_what(), value=value,
                    field=field._description_string(self.env)))
        if field.type in ("float", "integer", "monetary") and cached:
            if fname in self._guard_non_negative_fields and cached < 0:
                raise ValidationError(self.env._(
                    "%(what)s: %(field)s cannot be negative (%(value)s).",
                    what=self._guard_what(), field=field._description_string(self.env),
                    value=cached))
            if fname in self._guard_percent_fields and not 0 <= cached <= 100:
                raise ValidationError(self.env._(
                    "%(what)s: %(field)s is a percentage between 0 and 100 (%(value)s).",
                    what=self._guard_what(), field=field._description_string(self.env),
                    value=cached))

    def _guard_differs(self, fname, value):
        """Whether writing `value` changes this record's `fname`. A one2many that only
        updates its own lines is not a change of this record: each line guards itself."""
        self.ensure_one()
        field = self._fields[fname]
        if field.type not in ("one2many", "many2many"):
            new = field.convert_to_record(field.convert_to_cache(value, self), self)
            return new != self[fname]
        current = set(self[fname].ids)
        ids = set(current)
        for command in value:
            if isinstance(command, int):  # a plain list of ids
                ids = {c for c in value if isinstance(c, int)}
                break
            if not isinstance(command, (list, tuple)) or not command:
                raise self._guard_value_error(field, value)
            operation = command[0]
            if operation == Command.CREATE:
                return True
            if operation == Command.UPDATE:
                if field.type == "many2many" or command[1] not in current:
                    return True
            elif operation in (Command.DELETE, Command.UNLINK):
                ids.discard(command[1])
            elif operation == Command.LINK:
                ids.add(command[1])
            elif operation == Command.CLEAR:
                ids = set()
            elif operation == Command.SET:
                ids = set(command[2] or ())
            else:
                raise self._guard_value_error(field, value)
        return ids != current

    def _guard_effective_vals(self, vals):
        """`vals` without what would not change any record of `self` (the web client's echo),
        and the set of fields that do change. Superuser writes pass unchanged."""
        if self.env.su or not self:
            return dict(vals), set(vals)
        effective, changed = {}, set()
        for fname, value in vals.items():
            if fname not in self._fields:
                effective[fname] = value  # the ORM names the unknown field
                continue
            self._guard_check_value(fname, value)
            if any(record._guard_differs(fname, value) for record in self):
                effective[fname] = value
                changed.add(fname)
            elif self._fields[fname].type == "one2many":
                effective[fname] = value  # updates of its own lines
        return effective, changed

    # ------------------------------------------------------------------ ORM
    @api.model
    def default_get(self, fields_list):
        """System fields take their model's default only, never one from the caller's
        context (``default_state``) or a personal default (``ir.default``)."""
        defaults = super().default_get(fields_list)
        for fname in self._guard_system_field_names().intersection(defaults):
            field = self._fields[fname]
            if field.default:
                value = field.convert_to_cache(field.default(self), self, validate=False)
                defaults[fname] = field.convert_to_write(value, self)
            else:
                del defaults[fname]
        return defaults

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        system = self._guard_system_field_names()
        for vals in vals_list:
            for fname, value in vals.items():
                self._guard_check_value(fname, value)
            forged = system.intersection(vals)
            if forged:
                raise AccessError(self._guard_action_message(forged))
        self._guard_check_create(vals_list)
        records = super().create(vals_list)
        records._guard_check_created()
        return records

    def write(self, vals):
        if self.env.su or not self:
            return super().write(vals)
        vals, changed = self._guard_effective_vals(vals)
        changed -= ALWAYS_WRITABLE
        if changed:
            system = changed & self._guard_system_field_names()
            if system:
                raise AccessError(self._guard_action_message(system))
            for record in self:
                if record._guard_is_frozen():
                    raise UserError(record._guard_frozen_message())
            created = changed & self._guard_create_fields
            if created:
                raise AccessError(self._guard_action_message(created))
            closed = changed & self._guard_draft_fields
            for record in self if closed else ():
                if not record._guard_is_open():
                    raise UserError(record._guard_closed_message(closed))
            if self._guard_user_fields is not None or self._guard_system_only:
                others = changed - (self._guard_user_fields or set()) - self._guard_draft_fields
                if others:
                    raise AccessError(self._guard_action_message(others))
            self._guard_check_write(changed)
        if not vals:
            return True
        return super().write(vals)

    def copy_data(self, default=None):
        """A copy starts its life again: it carries none of the original's system fields."""
        system = self._guard_system_field_names()
        if not self.env.su and default:
            forged = system.intersection(default)
            if forged:
                raise AccessError(self._guard_action_message(forged))
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            for fname in system.intersection(vals):
                if not (default and fname in default):
                    del vals[fname]
        return vals_list

    @api.ondelete(at_uninstall=False)
    def _unlink_only_when_deletable(self):
        kept_forever = self._guard_deletable_states is not None \
            and not self._guard_deletable_states
        if self.env.su and not kept_forever:
            return
        for record in self:
            if not record._guard_is_deletable():
                raise UserError(record._guard_delete_message())
