"""Generic vectors over (key, text): an encoder, a vector store in SQLite and a FAISS index.

Knows nothing of products or Slack.
"""

from embeddings.encoder import Encoder
from embeddings.index import IndexMeta, VectorIndex, ensure_index
from embeddings.store import KeyMap, VectorStore

__all__ = ["Encoder", "IndexMeta", "KeyMap", "VectorIndex", "VectorStore", "ensure_index"]
