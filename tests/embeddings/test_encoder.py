"""The encoder backends: onnx reproduces torch's vectors, and its export is cached and checked."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from bot.bootstrap import shared_encoder
from bot.settings import BUNDLED_MODEL, Settings, SettingsError
from embeddings import Encoder
from embeddings.backends import resolve_model
from embeddings.onnx_export import current_export, export_dir

QUESTIONS = ["customer is buying the ProBook 450 for a 12-person office, budget max €1,100 each",
             "cust getting a Galaxy S24, what else can I offer?", "toner", ""]


@pytest.fixture(scope="module")
def torch_encoder():
    return shared_encoder(BUNDLED_MODEL, backend="torch").load()


@pytest.fixture
def onnx_encoder(encoder):
    if encoder.backend_name != "onnx":
        pytest.skip("the session encoder is not the onnx backend")
    return encoder


def test_onnx_vectors_match_torch_fp32_on_the_demo_catalog(demo, onnx_encoder, torch_encoder):
    texts = [p.embedding_text for p in demo.catalog.all()] + QUESTIONS
    ours, theirs = onnx_encoder.encode(texts, batch_size=64), torch_encoder.encode(texts)
    assert ours.shape == theirs.shape == (len(texts), 384)
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() >= 0.999, cosine.min()
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert onnx_encoder.identity == torch_encoder.identity  # so they share stored vectors


def test_the_export_is_reused_on_the_second_load(onnx_encoder):
    again = Encoder(BUNDLED_MODEL, backend="onnx", cache_dir=onnx_encoder.cache_dir)
    assert again.backend.exported is False
    assert np.array_equal(again.encode(QUESTIONS), onnx_encoder.encode(QUESTIONS))


def test_a_stale_or_damaged_export_is_not_used(onnx_encoder, tmp_path):
    resolved = resolve_model(BUNDLED_MODEL)
    copy = shutil.copytree(export_dir(onnx_encoder.cache_dir, BUNDLED_MODEL), tmp_path / "copy")
    assert current_export(copy, model=BUNDLED_MODEL, resolved=resolved) is not None
    assert current_export(copy, model="another-model", resolved=resolved) is None
    sidecar = json.loads((copy / "export.json").read_text())
    (copy / "export.json").write_text(json.dumps({**sidecar, "source": "other files", "stats": "x"}))
    assert current_export(copy, model=BUNDLED_MODEL, resolved=resolved) is None
    (copy / "export.json").write_text(json.dumps(sidecar))
    with open(copy / "model.onnx", "r+b") as f:  # same size; the time changes, so it is hashed
        f.seek(-16, 2)
        f.write(b"\0" * 16)
    assert current_export(copy, model=BUNDLED_MODEL, resolved=resolved) is None


def test_a_stale_export_is_exported_again(onnx_encoder, tmp_path):
    cache = tmp_path / "cache"
    target = export_dir(cache, BUNDLED_MODEL)
    shutil.copytree(export_dir(onnx_encoder.cache_dir, BUNDLED_MODEL), target)
    sidecar = json.loads((target / "export.json").read_text())
    (target / "export.json").write_text(json.dumps({**sidecar, "source": "made from older files",
                                                    "stats": "older files' sizes and times"}))
    fresh = Encoder(BUNDLED_MODEL, backend="onnx", cache_dir=cache)
    assert fresh.backend.exported is True
    assert json.loads((target / "export.json").read_text())["source"] == sidecar["source"]
    assert np.allclose(fresh.encode(QUESTIONS), onnx_encoder.encode(QUESTIONS), atol=1e-5)


def test_bf16_vectors_are_kept_apart_from_fp32_ones():
    assert Encoder(BUNDLED_MODEL, backend="bf16").identity != Encoder(BUNDLED_MODEL).identity


def test_the_backend_is_a_setting(tmp_path):
    assert Settings.from_env({}).encoder == "onnx"
    assert Settings.from_env({"SALESBOT_ENCODER": "Torch"}).encoder == "torch"
    with pytest.raises(SettingsError, match="SALESBOT_ENCODER='int4' is not one of onnx, torch, bf16"):
        Settings.from_env({"SALESBOT_ENCODER": "int4"})
    settings = Settings.from_env({"SALESBOT_DB": str(tmp_path / "x.db")})
    assert settings.model_cache_dir == tmp_path / ".salesbot-cache"
    assert Settings.from_env({"SALESBOT_MODEL_CACHE": "/srv/models"}).model_cache_dir.as_posix() == "/srv/models"
