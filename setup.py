"""Package discovery only; all metadata, dependencies and entry points live in setup.cfg.

The three import packages live in three source folders (``ckanext-zhangdian/``, ``harvesters/``,
``validators/``); setup.cfg's ``find:`` accepts a single folder, so the packages are listed here.
"""

from setuptools import find_packages, setup

SOURCE_ROOTS = {
    "ckanext-zhangdian": ("ckanext", "ckanext.*"),
    "harvesters": ("zhangdian_harvesters", "zhangdian_harvesters.*"),
    "validators": ("zhangdian_validators", "zhangdian_validators.*"),
}

setup(
    packages=[
        package
        for root, include in SOURCE_ROOTS.items()
        for package in find_packages(root, include=include)
    ]
)
