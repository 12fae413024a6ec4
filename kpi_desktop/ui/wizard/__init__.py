"""The KPI setup wizard: Align > Quantify > Size > Review."""

from kpi_desktop.ui.wizard.wizard import NewKpiWizard

__all__ = ["NewKpiWizard"]
