"""Outcomes: the help a family gets, how a case ends, new starts, and the indicators over them."""
