"""GraphQL for headless frontends, built on wagtail-grapple.

The package adds typed blocks, clinic hours and the ``article``/``articles``/``condition``/
``conditions``/``clinicHours`` queries to grapple's schema (so an agency's own grapple types join
the same schema), closes grapple's visibility gaps, and serves it at ``/graphql/`` with limits.

Nothing is imported here: models import :mod:`.fields` while the app registry is loading.
"""
