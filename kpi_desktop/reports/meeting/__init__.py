"""The meeting report's pages (cover, scorecard, since the last review, objective sections),
its tables, badges, page layout and style. May import services, domain, reports.chart*, Qt."""
