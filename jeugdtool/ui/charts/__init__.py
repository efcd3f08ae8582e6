"""Charts drawn with QPainter (no QtCharts): pure geometry, colours from the palette, a canvas."""
