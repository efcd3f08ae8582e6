"""Export: whole cases as JSON case files (export, validate, import) and the demo households.

PDF exports join later. Everything here is a service layer above `cases`; it never imports Qt.
"""
