"""Time bounds of the tests that guard against a hang (a read that never ends, a pattern that
backtracks, work that grows with the square of its input).

A bound for a hang, not a speed target: speed is measured in `benchmarks/` (docs/performance.md),
never asserted in a test. Each bound is 10 to 100 times what the work takes on two cores, so a
machine loaded by other work never trips it, while a hang or a quadratic blow-up (hours for
these inputs) still does.
"""

#: Seconds a whole operation (read, validate, import, select) may take before it counts as hung.
HANG_S = 20.0
#: Seconds one regular expression may take on one adversarial text (backtracking takes minutes).
BACKTRACK_S = 2.0
