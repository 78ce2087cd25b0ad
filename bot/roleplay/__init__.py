"""Role-play for trainers: the bot plays a customer built from the live catalog, and scores the rep."""

from bot.roleplay.library import Library, RoleplayDataError, load_library

__all__ = ["Library", "RoleplayDataError", "load_library"]
