"""Screens of the Signs of Safety / Signs of Wellbeing framework: the map (map mode and the
comparison of mapping moments), guided mode, statements and the scale, with their undo commands.
"""
