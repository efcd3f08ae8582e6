"""The numbers every family and partner may call, whatever the case: printed on each plan.

Content, not layout: the plan's template says what each is for, this module what to dial. A
number that changes nationally is changed here once (tests check the plan prints these).
"""

from __future__ import annotations

#: Veilig Thuis, the national advice and reporting centre for domestic violence and child
#: abuse: free, day and night.
VEILIG_THUIS_PHONE = "0800-2000"
#: The emergency number, when there is danger now.
EMERGENCY_PHONE = "112"
