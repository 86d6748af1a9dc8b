from . import summary_report
