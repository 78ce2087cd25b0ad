"""The sentence-transformers model's transformer exported to ONNX once, cached with a sidecar.

The export directory holds `model.onnx`, the model's `tokenizer.json` and `export.json`: what
the export was made from (a hash of the source model's files, the torch version, the format)
and a hash of the ONNX file itself. An export whose sidecar does not match the source, or whose
file does not match its hash, is stale or damaged: it is exported again, never used.

Hashing both (180 MB for the bundled model) costs about a second, so the sidecar also keeps the
size and modification time of every file; while those are unchanged the hashes are trusted,
like git's index does. Any change to a file means a full check.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

FORMAT = 1  # bump when the export itself changes (inputs, outputs, opset)
OPSET = 17


class EncoderExportError(RuntimeError):
    """The model cannot be run by the ONNX backend (not a mean-pooled, normalised model)."""


@dataclass(frozen=True)
class ExportInfo:
    model: str
    source: str  # hash of the source model's files (or its name when it has no local files)
    torch: str
    format: int
    onnx_sha256: str
    max_seq_length: int
    dimension: int
    stats: str = ""  # sizes and modification times of the source files and the export


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _source_files(resolved: str) -> list[Path]:
    root = Path(resolved)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def source_hash(model: str, resolved: str) -> str:
    """What the export is made from: every file of a local model directory, or the name."""
    files = _source_files(resolved)
    if not files:
        return hashlib.sha256(f"name:{model}".encode()).hexdigest()
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(resolved)).encode() + b"\0" + _file_hash(path).encode())
    return digest.hexdigest()


def stat_signature(resolved: str, directory: Path) -> str:
    """Sizes and modification times of the source files and of the exported files."""
    digest = hashlib.sha256()
    for path in [*_source_files(resolved), directory / "model.onnx", directory / "tokenizer.json"]:
        stat = path.stat()
        digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def export_dir(cache_dir: Path, model: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model).strip("_") or "model"
    return Path(cache_dir) / f"{slug}.onnx"


def _torch_version() -> str:
    from importlib.metadata import version

    return version("torch")


def current_export(directory: Path, *, model: str, resolved: str) -> ExportInfo | None:
    """The export in this directory if it was made from these model files and is intact."""
    try:
        info = ExportInfo(**json.loads((directory / "export.json").read_text()))
    except (OSError, ValueError, TypeError):
        return None
    onnx_file = directory / "model.onnx"
    if info.model != model or info.format != FORMAT or not onnx_file.is_file() \
            or not (directory / "tokenizer.json").is_file():
        return None
    if info.stats and info.stats == stat_signature(resolved, directory):
        return info  # no file changed since the hashes were checked
    if info.source != source_hash(model, resolved) or _file_hash(onnx_file) != info.onnx_sha256:
        return None
    return info


def _check_pooling(st_model) -> None:
    """Only what the ONNX backend reproduces: mean pooling over the mask (then L2 normalisation,
    as every encoder here normalises)."""
    kinds = [type(module).__name__ for module in st_model]
    config = st_model[1].get_config_dict() if len(st_model) > 1 and kinds[1] == "Pooling" else {}
    modes = config.get("pooling_mode") or [k[len("pooling_mode_"):] for k, v in config.items()
                                           if k.startswith("pooling_mode_") and v is True]
    mean = modes in ("mean", ["mean_tokens"])
    if kinds[:1] != ["Transformer"] or not mean:
        raise EncoderExportError(
            f"the onnx encoder runs mean-pooled sentence-transformers models; this one "
            f"is {' + '.join(kinds)}. Use SALESBOT_ENCODER=torch for it")


def export(st_model, directory: Path, *, model: str, resolved: str) -> ExportInfo:
    """Export the model's transformer to directory (atomically: a half export is never seen)."""
    import torch

    _check_pooling(st_model)
    transformer = st_model[0].auto_model.eval()
    tokenizer = st_model.tokenizer

    class Transformer(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    sample = tokenizer(["a sample sentence to trace", "another"], padding=True, return_tensors="pt")
    inputs = tuple(sample[name] for name in ("input_ids", "attention_mask", "token_type_ids"))
    axes = {0: "batch", 1: "tokens"}
    directory.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=directory.name + ".", dir=directory.parent))
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on shapes it treats as constant
            torch.onnx.export(
                Transformer(), inputs, str(work / "model.onnx"), dynamo=False, opset_version=OPSET,
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                              "last_hidden_state": axes})
        tokenizer.backend_tokenizer.save(str(work / "tokenizer.json"))
        info = ExportInfo(model=model, source=source_hash(model, resolved), torch=_torch_version(),
                          format=FORMAT, onnx_sha256=_file_hash(work / "model.onnx"),
                          max_seq_length=int(st_model.max_seq_length),
                          dimension=int(transformer.config.hidden_size),
                          stats=stat_signature(resolved, work))
        (work / "export.json").write_text(json.dumps(asdict(info), indent=2))
        old = directory.with_name(directory.name + f".old{os.getpid()}")
        if directory.exists():
            os.replace(directory, old)
        os.replace(work, directory)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return info
