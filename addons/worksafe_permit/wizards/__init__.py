from . import permit_wizards
