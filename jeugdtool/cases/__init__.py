"""Cases: the household (1 gezin, 1 plan), its members, its network, the consultants, the trail.

Everything changes through the service modules (`households`, `members`, `consultants`); screens
and commands get frozen DTOs from `queries`.
"""
