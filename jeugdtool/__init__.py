"""jeugdtool: Signs of Safety, safety plans and the ZRM for youth and family teams."""

__version__ = "0.1.0"
