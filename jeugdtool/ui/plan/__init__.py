"""The safety plan screen: versions, agreements with SMART check and acceptance, finalising."""
