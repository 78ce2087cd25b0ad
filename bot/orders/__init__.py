"""Order history: past sales a team imports, and the co-purchase evidence drawn from them."""

from bot.orders.history import OrderHistory, TeamEvidence
from bot.orders.importer import OrderImport, import_orders

__all__ = ["OrderHistory", "OrderImport", "TeamEvidence", "import_orders"]
