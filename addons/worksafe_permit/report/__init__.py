from . import permit_report
