"""The KPI setup wizard: Align > Quantify > Size > Review, one module per page.

May import ui's shared modules and widgets, reports, services and domain.
"""

from kpi_desktop.ui.wizard.wizard import NewKpiWizard

__all__ = ["NewKpiWizard"]
