"""The reference frontend: a TypeScript client of the REST feed, served by the example site at
``/frontend/`` and used as the admin's "Frontend" preview. See ``README.md`` in this folder."""
