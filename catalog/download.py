"""A catalog named by URL: downloaded whole to a temporary file before anything is read.

A download that fails, is cut off (fewer bytes than the server announced, a broken gzip stream)
or is too large raises CatalogError, so an import from it changes nothing. Feeds are fetched over
https; plain http only from this machine (a feed served locally, as the tests do).
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import shutil
import tempfile
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from catalog.errors import CatalogError, Problem

TIMEOUT = 60.0  # seconds without a byte before giving up
MAX_BYTES = 1 << 30  # a 100,000-product Shopify export is about 100 MB
LOOPBACK = ("127.0.0.1", "localhost", "::1")
SUFFIXES = (".csv", ".tsv", ".txt", ".xml", ".json", ".jsonl", ".ndjson")
_TYPES = {"xml": ".xml", "rss": ".xml", "atom": ".xml", "tab-separated": ".tsv", "csv": ".csv",
          "x-ndjson": ".jsonl", "jsonl": ".jsonl", "json": ".json"}


def shown(url: str) -> str:
    """The URL as messages show it: a feed's access token (query, password) left out."""
    parts = urlparse(url)
    if not parts.scheme:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}{'?…' if parts.query else ''}"


def is_url(source: str) -> bool:
    return source.lower().startswith(("https://", "http://"))


@contextlib.contextmanager
def fetched(source: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Iterator[Path]:
    """The local path of source: itself, or (for a URL) a downloaded copy removed afterwards."""
    if not is_url(source):
        yield Path(source)
        return
    with tempfile.TemporaryDirectory(prefix="salesbot-feed-") as folder:
        path = download(source, Path(folder), timeout=timeout, max_bytes=max_bytes)
        try:
            yield path
        except CatalogError as e:  # name the feed, not the temporary copy
            e.path = shown(source)
            e.args = (e.render(),)
            raise


def download(url: str, folder: Path, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Path:
    try:
        return _download(url, folder, timeout=timeout, max_bytes=max_bytes)
    except CatalogError as e:
        e.path = shown(url)
        e.args = (e.render(),)
        raise


def _download(url: str, folder: Path, *, timeout: float, max_bytes: int) -> Path:
    parts = urlparse(url)
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise CatalogError(url, Problem("plain http is only used on this machine; use the feed's https:// address"))
    request = urllib.request.Request(url, headers={"User-Agent": "salesbot catalog sync",
                                                   "Accept-Encoding": "gzip"})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (scheme checked above)
    except urllib.error.HTTPError as e:
        raise CatalogError(url, Problem(f"the server answered HTTP {e.code} {e.reason}; check the address and "
                                        "that the feed is public or the URL carries its access token")) from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise CatalogError(url, Problem(f"could not download ({reason}); check the address and the network")) from None
    with response:
        name = Path(parts.path).name.lower()
        zipped = name.endswith(".gz") or response.headers.get("Content-Encoding", "").lower() == "gzip"
        suffix = _suffix(name.removesuffix(".gz"), response.headers.get("Content-Type", ""))
        target = folder / f"feed{suffix}"
        announced = response.headers.get("Content-Length")
        received = _copy(url, response, target.with_suffix(".part"), max_bytes)
        if announced is not None and announced.isdigit() and received != int(announced):
            raise CatalogError(url, Problem(f"the download was cut off after {received:,} of {int(announced):,} "
                                            "bytes; try again"))
    if zipped:
        _gunzip(url, target.with_suffix(".part"), target, max_bytes)
    else:
        target.with_suffix(".part").rename(target)
    return target


def _copy(url: str, response, target: Path, max_bytes: int) -> int:
    received = 0
    try:
        with open(target, "wb") as out:
            while chunk := response.read(1 << 16):
                received += len(chunk)
                if received > max_bytes:
                    raise CatalogError(url, Problem(f"the download is over {max_bytes:,} bytes; that is not a "
                                                    "product feed this import reads"))
                out.write(chunk)
    except http.client.IncompleteRead as e:
        raise CatalogError(url, Problem(f"the download was cut off after {received + len(e.partial):,} bytes "
                                        f"(the server announced {received + len(e.partial) + e.expected:,}); "
                                        "try again")) from None
    except (TimeoutError, OSError) as e:
        raise CatalogError(url, Problem(f"the download stopped ({e}); try again")) from None
    return received


def _gunzip(url: str, source: Path, target: Path, max_bytes: int) -> None:
    try:
        with gzip.open(source, "rb") as packed, open(target, "wb") as out:
            shutil.copyfileobj(packed, out)
    except (EOFError, OSError, zlib.error):
        raise CatalogError(url, Problem("the compressed download is incomplete or damaged; try again")) from None
    if target.stat().st_size > max_bytes:
        raise CatalogError(url, Problem(f"the feed unpacks to over {max_bytes:,} bytes"))


def _suffix(name: str, content_type: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return suffix
    kind = content_type.split(";")[0].strip().lower()
    for word, suffix in _TYPES.items():
        if word in kind:
            return suffix
    return ".csv"
