"""`salesbot eval`: how good the suggestions are, beside honest baselines measured in the same run."""

from bot.evaluation.baskets import BasketReport, evaluate_baskets
from bot.evaluation.catalog_quality import CatalogQuality, measure_catalog
from bot.evaluation.links import LinkReport, evaluate_links

__all__ = ["BasketReport", "CatalogQuality", "LinkReport", "evaluate_baskets", "evaluate_links",
           "measure_catalog"]
