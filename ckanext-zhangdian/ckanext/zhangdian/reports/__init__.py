"""The gap report (查缺补漏): what each department should open, has opened, and must fix.

The core is CKAN-free and pure: ``facts`` (plain inputs) → ``engine.compute_report`` (findings,
indicators, ranking). ``gather`` reads the facts from the portal's database; ``snapshots`` stores daily
indicators; ``export`` and ``charts`` render the result for the pages, the API and ``harvest report``.
"""
