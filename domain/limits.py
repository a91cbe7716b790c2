"""What one plan may hold: far above what a person types, far below what would freeze a window.

Files and imports holding more are refused with a clear message, at open and at import alike.
"""

MAX_TEXT_LENGTH = 20_000  # characters in one description: pages of prose
MAX_SHORT_TEXT_LENGTH = 1_000  # characters in any other text: a name, a lead, a metric, a hand-off note
MAX_CLOSED_DAYS = 10_000  # closed dates in a plan's calendar: decades of them
MAX_LINKS = 1_000  # goals, skill needs or RACI roles of one initiative; days-off stretches of one team


def longest_text(field: str) -> int:
    """The most characters the text field `field` may hold."""
    return MAX_TEXT_LENGTH if field == "description" else MAX_SHORT_TEXT_LENGTH
