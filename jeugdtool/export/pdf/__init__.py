"""PDF documents for network partners (the safety plan first), built with reportlab platypus.

The wording comes from jinja2 templates in `resources/templates/` (their words from the gettext
catalogue); the modules here only gather data through the services and lay it out. reportlab
and jinja2 are imported by `base`, `texts` and `plan` only, so importing `files` or
`plan_data` (file names, choosing a version) stays cheap.
"""
