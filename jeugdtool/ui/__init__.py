"""The Qt user interface: windows, item models, undo commands. Nothing outside imports this."""
