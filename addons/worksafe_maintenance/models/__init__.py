from . import maintenance_equipment
from . import maintenance_request
from . import permit
