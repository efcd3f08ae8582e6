"""The Signs of Safety / Signs of Wellbeing framework: mapping moments, the four-domain map,
statements (danger, safety goals, bottom lines), the 0–10 scale and the safety plan.

Empty until the framework capability lands (issue 3); the package exists so the layering
contracts and the tree already show where it belongs.
"""
