"""The network meeting (netwerkberaad): the page of a case's meetings and the sitting recorded
step by step during the meeting."""
