"""What one plan may hold: far above what a person types, far below what would freeze a window.

Files and imports holding more are refused with a clear message, at open and at import alike.
"""

MAX_TEXT_LENGTH = 20_000  # characters in any one text: a name, a description, a hand-off note
MAX_LINKS = 1_000  # goals, skill needs or RACI roles of one initiative
