# ckanext is a namespace shared by every CKAN extension (pkgutil style: needs no pkg_resources).
__path__ = __import__("pkgutil").extend_path(__path__, __name__)
