"""The self-sufficiency matrix (ZRM): matrix definitions from resources, assessments, focus
domains and comparisons.

Empty until the ZRM capability lands (issue 5); the package exists so the layering contracts
and the tree already show where it belongs.
"""
