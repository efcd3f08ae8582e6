"""The index of the case list's search key (cases/case_search.py), apart from the model.

A trigram index on PostgreSQL (the migration lays a plain one when the server lacks pg_trgm), a
plain one on SQLite. Its PostgreSQL options make SQLAlchemy load its whole PostgreSQL dialect
(~0.1 s) when the index is declared; declared with `Household`, every start on a file paid for
that before the case list was painted. Here it joins the households' table with every other
model (`jeugdtool/models.py`), which the program loads just after that paint and which every
migration, schema check and table creation loads first.
"""

from __future__ import annotations

from sqlalchemy import Index

from jeugdtool.cases.models import Household

SEARCH_KEY_INDEX = Index(
    "ix_households_search_key",
    Household.search_key,
    postgresql_using="gin",
    postgresql_ops={"search_key": "gin_trgm_ops"},
)
