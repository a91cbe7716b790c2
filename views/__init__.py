"""Presentations of the plan: Qt models and widgets (views.qt) and printed PDF views (views.pdf)."""
