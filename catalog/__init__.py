"""The product catalog: import, validate and query products in SQLite."""

from catalog.errors import CatalogError, Problem
from catalog.product import Product
from catalog.store import Catalog

__all__ = ["Catalog", "CatalogError", "Problem", "Product"]
