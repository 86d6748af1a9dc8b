from . import permit
from . import permit_summary
from . import summary_demo
