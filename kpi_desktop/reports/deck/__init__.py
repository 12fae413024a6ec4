"""The meeting deck: a PowerPoint file with native, editable charts (python-pptx).
May import services, domain, reports.chart_style and reports.output_file; no Qt."""
