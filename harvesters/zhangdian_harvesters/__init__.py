"""Harvesters: turn departments' open-data lists into published, validated CKAN datasets.

CKAN-free: talks to CKAN only through ``ckanapi``.
"""
