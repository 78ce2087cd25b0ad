"""The sales advisor: no Slack here; the CLI and the Slack bot both call it."""

from bot.advisor.advice import Advice, Suggestion
from bot.advisor.advisor import Advisor, Limits
from bot.advisor.question import Question, parse_question

__all__ = ["Advice", "Advisor", "Limits", "Question", "Suggestion", "parse_question"]
