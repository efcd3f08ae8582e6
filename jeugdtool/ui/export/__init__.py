"""Exporting PDFs from the window: the selection dialog for one case and the batch export."""
