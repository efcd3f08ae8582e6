"""Storage: engine and connection rules, unit of work, audit trail, schema migrations, integrity.

Knows nothing of households or plans; the domain packages put their tables on `Base`.
"""
