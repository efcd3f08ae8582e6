"""The child's voice on screen: the Three Houses and Words & Pictures of each child of a case."""
