from . import emergency
