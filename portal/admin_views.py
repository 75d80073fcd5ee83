"""Admin views of the portal."""

from __future__ import annotations

from wagtail.contrib.forms.views import SubmissionsListView

from portal import tables


class FeedbackSubmissionsView(tables.SpreadsheetExportMixin, SubmissionsListView):
    """The list of accessibility feedback; its CSV/XLSX downloads come from ``portal.tables``."""
