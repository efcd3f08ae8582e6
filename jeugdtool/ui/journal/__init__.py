"""The case journal: the timeline page, the entry dialog, corrections and the kindcheck."""
