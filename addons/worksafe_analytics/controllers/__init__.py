from . import portal, scan
