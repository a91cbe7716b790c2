"""The printed views: orchestration plan and team handouts as PDF (reportlab, no Qt)."""
