"""Settings split as bakerydemo does: ``base`` (shared), ``dev`` (default) and ``production``."""
