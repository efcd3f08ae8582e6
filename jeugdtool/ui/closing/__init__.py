"""The structured closing's screens: closing a case, reopening it, the family's experience and
the same-child check that records a new start."""
