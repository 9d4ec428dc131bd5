"""Plugin classes. Kept thin: behaviour lives in ``logic/``, ``helpers.py``, ``views.py`` and ``cli.py``."""

from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.lib.plugins import DefaultTranslation


@tk.blanket.config_declarations
@tk.blanket.helpers
@tk.blanket.cli
class ZhangdianPlugin(p.SingletonPlugin, DefaultTranslation):
    """The portal: Chinese UI, templates and the portal's commands."""

    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)

    def update_config(self, config):
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
