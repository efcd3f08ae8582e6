"""Reflective-practice meetings (reflectieve praktijk): colleagues review cases together on one
screen, with one case manager per case. A meeting has a chair, participants and an agenda of
cases, each with a question; per case a scale round (stored as the case's scale scores),
notes, advice, decisions, follow-ups that appear on the case, and a reflection on the cheapest
adequate help. "Hide names" shows initials and roles instead of names everywhere."""
