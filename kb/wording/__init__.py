"""Wording of KB query results: the sentences (and chart pictures) the chatbot and the CLI show.

``answers`` words comparisons, careers and pay; ``education``, ``outside``, ``pay``, ``polarity`` and
``rank`` word one kind of question each; ``chart`` draws a pair's profile and its alt text.
"""
