from . import audit_anchor_verify, permit_wizards
