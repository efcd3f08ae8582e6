"""The self-sufficiency matrix (ZRM): matrix definitions (shipped in `resources/zrm/`, licensed
descriptors and supplement matrices imported into the database), assessments per person with
focus domains and targets, and comparisons that feed progress views and outcome indicators."""
