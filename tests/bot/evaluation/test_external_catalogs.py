"""The issue's bar on real third-party catalogs, judged by labels frozen before tuning.

Each catalog is imported with only sku,name,category,price,description, as a team would; the
labels (tests/data/catalogs/*_holdout.csv) were written by someone who had not seen the code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluation import measure_catalog
from catalog.importer import import_catalog
from tests.conftest import make_services

DATA = Path(__file__).resolve().parents[2] / "data" / "catalogs"
CATALOGS = sorted(p.name.removesuffix(".labels_holdout.csv") for p in DATA.glob("*.labels_holdout.csv"))


@pytest.mark.parametrize("name", CATALOGS)
def test_no_substitutes_no_wrong_audience_no_worse_upsell(name, store, encoder):
    services = make_services(store, encoder)
    import_catalog(services.db, DATA / f"{name}.csv")
    quality = measure_catalog(services, labels=DATA / f"{name}.labels_holdout.csv",
                              complements=DATA / f"{name}.complements_holdout.csv")
    rates = quality.rates
    print(f"{name}: {rates}")
    assert rates["substitute_rate"] <= 0.03, quality.examples.get("substitutes")
    assert rates["audience_mismatch_rate"] <= 0.02, quality.examples.get("audience_mismatches")
    assert quality.upsells_losing == 0, quality.examples.get("upsells_losing")
    assert rates["cross_sell_coverage"] >= 0.85
    services.db.close()


def test_there_are_at_least_three_catalogs():
    assert len(CATALOGS) >= 3
