"""Pure-Python rules of worksafe_training (no Odoo import): unit-testable on their own."""
