"""The screens of help deployed: the case's help page and the summary meetings show."""
