from . import test_summary_report
