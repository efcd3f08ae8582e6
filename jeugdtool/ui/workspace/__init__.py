"""The case workspace: one household's overview, history, and the pages later issues fill."""

from jeugdtool.ui.workspace.workspace import CaseWorkspace

__all__ = ["CaseWorkspace"]
