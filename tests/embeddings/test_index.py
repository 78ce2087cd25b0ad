"""The FAISS index is a verifiable artifact: stale or foreign indexes are rebuilt, never used."""

from __future__ import annotations

import json

import numpy as np
import pytest

from catalog.store import open_database
from embeddings import VectorIndex, VectorStore, ensure_index
from embeddings.index import sidecar_path

TEXTS = {
    "mouse": "Wireless mouse with a USB receiver",
    "laptop": "15-inch business laptop with 16 GB RAM",
    "bag": "Padded backpack for 15-inch laptops",
    "phone": "Android smartphone with a 6.2-inch screen",
}


@pytest.fixture
def setup(tmp_path, encoder):
    db = open_database(tmp_path / "v.db")
    store = VectorStore(db)
    calls = []

    def encode(texts):
        calls.append(list(texts))
        return encoder.encode(texts)

    def build(texts, **kwargs):
        hashes = {k: str(hash(v)) for k, v in texts.items()}
        return ensure_index(store, hashes, lambda keys: [texts[k] for k in keys],
                            path=tmp_path / "v.faiss", model=kwargs.pop("model", "test-model"),
                            dimension=lambda: encoder.dimension, encode=encode, **kwargs)

    return store, build, calls, tmp_path / "v.faiss"


def test_built_once_then_loaded_from_disk(setup):
    store, build, calls, path = setup
    index, report = build(TEXTS)
    assert report.embedded == 4 and index.meta.count == 4 and path.exists()
    meta = json.loads(sidecar_path(path).read_text())
    assert meta["model"] == "test-model" and meta["dimension"] == 384 and meta["count"] == 4
    again, report = build(TEXTS)
    assert report is None and len(calls) == 1  # current: loaded, nothing encoded


def test_changed_text_re_embeds_only_that_item(setup):
    store, build, calls, _ = setup
    build(TEXTS)
    changed = {**TEXTS, "bag": "Leather messenger bag for 14-inch laptops", "dock": "USB-C dock"}
    del changed["phone"]
    index, report = build(changed)
    assert (report.embedded, report.removed, report.unchanged) == (2, 1, 2)
    assert sorted(calls[-1]) == sorted([changed["bag"], changed["dock"]])
    assert index.meta.count == 4 and store.count() == 4


def test_foreign_model_index_is_rebuilt(setup):
    _, build, calls, _ = setup
    build(TEXTS)
    index, report = build(TEXTS, model="another-model")
    assert report is not None and report.embedded == 4  # vectors of another model are not reused
    assert index.meta.model == "another-model"


@pytest.mark.parametrize("damage", ["truncate", "sidecar", "delete"])
def test_damaged_or_missing_index_is_rebuilt(setup, damage):
    _, build, calls, path = setup
    build(TEXTS)
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "sidecar":
        side = sidecar_path(path)
        side.write_text(json.dumps({**json.loads(side.read_text()), "fingerprint": "other"}))
    else:
        path.unlink()
    index, report = build(TEXTS)
    assert report is not None and report.embedded == 0  # store vectors reused, index rebuilt
    assert index.meta.count == 4 and VectorIndex.load(path) is not None


def test_index_of_another_database_is_not_used(setup, tmp_path, encoder):
    """Same texts, but ids assigned in another order: the id mapping check catches it."""
    store, build, _, path = setup
    build(TEXTS)
    other = VectorStore(open_database(tmp_path / "other.db"))
    reordered = dict(reversed(list(TEXTS.items())))
    hashes = {k: str(hash(v)) for k, v in reordered.items()}
    other.sync(hashes, lambda keys: [TEXTS[k] for k in keys], encoder.encode, model="test-model")
    index, report = ensure_index(other, hashes, lambda keys: [TEXTS[k] for k in keys], path=path,
                                 model="test-model", dimension=lambda: encoder.dimension,
                                 encode=encoder.encode)
    assert report is not None  # rebuilt for this store
    bag = index.vectors([other.ids_for(["bag"])["bag"]])[0]
    keys = other.keys_for(i for i, _ in index.search(bag, 1))
    assert list(keys.values()) == ["bag"]


def test_rebuild_flag_re_embeds_everything(setup):
    _, build, calls, _ = setup
    build(TEXTS)
    _, report = build(TEXTS, rebuild=True)
    assert report.embedded == 4


def test_search_finds_the_nearest_meaning(setup, encoder):
    store, build, _, _ = setup
    index, _ = build(TEXTS)
    hits = index.search(encoder.encode_query("a rucksack to carry my notebook"), 2)
    keys = store.keys_for(i for i, _ in hits)
    assert keys[hits[0][0]] == "bag"
    assert all(-1.0 <= score <= 1.0 for _, score in hits)
    bag = index.vectors([store.ids_for(["bag"])["bag"]])[0]
    assert np.isclose(np.linalg.norm(bag), 1.0, atol=1e-4)


def test_large_catalogs_get_an_hnsw_index_that_finds_the_same_neighbours(setup, encoder):
    store, build, calls, path = setup
    exact, _ = build(TEXTS)
    graph, report = build(TEXTS, exact_max=2)  # 4 items > 2: approximate from here on
    assert exact.meta.kind == "flat-ip" and graph.meta.kind == "hnsw32-ip"
    assert report is not None and report.embedded == 0  # same vectors, another index
    assert VectorIndex.load(path).meta.kind == "hnsw32-ip"
    query = encoder.encode_query("a rucksack to carry my notebook")
    assert [i for i, _ in graph.search(query, 3)] == [i for i, _ in exact.search(query, 3)]
    ids = list(store.ids_for(TEXTS).values())
    assert np.allclose(graph.vectors(ids), exact.vectors(ids))


def test_the_key_map_answers_like_the_store(setup):
    store, build, _, _ = setup
    build(TEXTS)
    keys = store.key_map()
    ids = store.ids_for([*TEXTS, "unknown"])
    assert keys.ids_for([*TEXTS, "unknown"]) == ids and "unknown" not in ids
    assert keys.keys_for([*ids.values(), 10_000]) == store.keys_for([*ids.values(), 10_000])
