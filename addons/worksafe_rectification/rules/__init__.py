from . import blockers, rectification
