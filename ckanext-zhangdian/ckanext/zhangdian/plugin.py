"""Plugin class. Kept thin: behaviour lives in ``policy.py``, ``logic/``, ``helpers.py`` and ``cli.py``."""

from __future__ import annotations

from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation

from ckanext.zhangdian import policy, portal_helpers

# CKAN's own search facets (ckan.search.default_facets), replaced by the catalog's.
CKAN_DEFAULT_FACETS = ("organization", "groups", "tags", "res_format", "license_id")
# Fields copied to plain (string) index fields so they can be faceted and filtered exactly.
FACETED_FIELDS = ("open_attribute", "theme", "update_frequency", "resource_code", "spatial_code",
                  "harvest_source")


@tk.blanket.config_declarations
@tk.blanket.helpers
@tk.blanket.cli
@tk.blanket.actions
@tk.blanket.auth_functions
@tk.blanket.validators
class ZhangdianPlugin(p.SingletonPlugin, DefaultTranslation):
    """The portal: Chinese UI, the open-data policy on every access path, and its commands."""

    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)
    p.implements(p.IPackageController, inherit=True)
    p.implements(p.IBlueprint)
    p.implements(p.IFacets, inherit=True)

    # IBlueprint

    def get_blueprint(self):
        from ckanext.zhangdian.views import blueprints

        return blueprints()

    # IFacets

    def dataset_facets(self, facets_dict, package_type):
        """The catalog's facets with titles in the user's language (other dataset types keep theirs)."""
        if package_type != "dataset":
            return facets_dict
        return _with_catalog_facets(facets_dict, portal_helpers.facet_titles())

    def organization_facets(self, facets_dict, organization_type, package_type):
        """A department's page: the catalog's facets except the department."""
        if package_type not in (None, "dataset"):
            return facets_dict
        return _with_catalog_facets(facets_dict, portal_helpers.facet_titles(with_department=False))

    # IConfigurer

    def update_config(self, config):
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")

    # IPackageController

    def after_dataset_show(self, context: Any, pkg_dict: dict[str, Any]) -> None:
        """Hide the data of restricted datasets; add the computed policy fields."""
        policy.apply_to_dataset_dict(context, pkg_dict)

    def before_dataset_index(self, pkg_dict: dict[str, Any]) -> dict[str, Any]:
        """Index policy fields as exact strings; keep restricted data out of searchable fields."""
        for field in FACETED_FIELDS:
            value = pkg_dict.get(f"extras_{field}")
            if value:
                pkg_dict[field] = value
        pkg_dict.setdefault("open_attribute", policy.UNCONDITIONAL)
        if pkg_dict["open_attribute"] != policy.UNCONDITIONAL:
            policy.hide_data_in_index_document(pkg_dict, including_stored_dicts=False)
        return pkg_dict


def _with_catalog_facets(facets_dict, catalog_facets):
    """``facets_dict`` (in place) with CKAN's default facets replaced by the catalog's, in their order;
    facets added by other plugins stay, after them."""
    added_by_others = [(field, title) for field, title in facets_dict.items()
                       if field not in CKAN_DEFAULT_FACETS and field not in catalog_facets]
    facets_dict.clear()
    facets_dict.update(catalog_facets)
    facets_dict.update(added_by_others)
    return facets_dict
