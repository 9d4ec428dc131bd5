"""CKAN extension of 张店区公共数据开放平台: catalog schema, open-data policy, reports and pages."""
