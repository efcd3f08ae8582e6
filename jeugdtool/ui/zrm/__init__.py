"""The ZRM page of a case: assessments in the matrix editor, a person's progress, the household."""
