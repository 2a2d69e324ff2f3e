"""The cue words of the rules that read a question, compiled once from ``kb/data/vocabulary.yml``
(``cues``): each pattern matches one of its list's words as a whole word (or at the start of the
message, for the lists named ``*_start``; right before a title, for ``holds``). The rules that use
them live with the interpreter and the readers; no word list is typed here.
"""

from __future__ import annotations

import re

from kb.content.vocabulary import alternatives, vocabulary, words_pattern

_CUES = vocabulary().cues


def cue(name: str) -> re.Pattern[str]:
    """The words of the cue list ``name`` anywhere in a text, as whole words ("who's" counts as "who")."""
    return words_pattern(_CUES[name], possessive=True)


def opening(name: str) -> re.Pattern[str]:
    """The words of the cue list ``name`` opening a text ("and a buyer?", "is a buyer paid more ...?")."""
    return words_pattern(_CUES[name], possessive=True, at="start")


COMPARATIVE = cue("comparative")  # a one-role question still missing its second role: "who earns more, a buyer?"
SAME_JOB = cue("same_job")  # "do buyers and planners do the same job?"
SAME_JOB_ASKED = cue("same_job_asked")  # "is X the same as Y?": yes or no
REPLACE = cue("replace")  # "a buyer instead of the planner"
FOLLOW_UP = opening("follow_up_start")  # "and a fleet controller?"
SAYS_WHO = opening("says_who_start")  # "I'm a buyer", "my job right now is dispatcher"
MY_ROLE = cue("my_role")  # "from my current job"
HOLDS = words_pattern(_CUES["holds"], possessive=True, at="end")  # "... I work as a" right before a title
HOLDS_AFTER = opening("holds_after")  # right after a title: "nurse here, thinking about ..."
SUPERLATIVE = cue("superlative")
OVER_ROLES = cue("over_roles")  # "which role ...", "of all"
OF_A_PAIR = cue("of_a_pair")  # "which of the two jobs ..."
RANK_WORDS = cue("rank_words")
QUESTION_START = opening("question_start")
CLAUSE_LEAD_IN = opening("clause_lead_in")
YES_NO = opening("yes_no_start")
QUESTION_LEAD_IN = words_pattern(_CUES["question_lead_in"], at="start")  # "Quick one - does ...?"
YES_OR_NO = cue("yes_or_no")  # "..., yes or no?"
REPORTS_TO = cue("reports_to")
AFTER = cue("after")
FROM_THERE = cue("from_there")
HOW_LONG = cue("how_long")
STORY_TIME = frozenset(_CUES["story_time"])  # "last year after ten years": time, not a career step
LADDER = cue("ladder")  # "how do I get into supply chain?": a family's ladder when no role is named
CERTIFICATION = cue("certification")
NOT_CERTIFICATIONS = frozenset(word.upper() for word in _CUES["not_certifications"])
UNHELPFUL = cue("unhelpful")
DENIAL = opening("denial_start")  # "no I meant budget": a "no" that may carry a correction
PICK_BOTH = frozenset(_CUES["pick_both"])  # the whole reply: "both", "all of them" (+ "please", "then")
PICK_COURTESY = frozenset(_CUES["pick_courtesy"])
PICK_NEITHER = cue("pick_neither")
PICK_DROP = words_pattern(_CUES["pick_drop"], at="end")  # "replace the" right before a role
PICK_FILLER = frozenset(_CUES["pick_filler"])  # words that tell no choice from another
_TENURE = rf"(?:\d+\+?|{alternatives(_CUES['tenure_counts'])})\s*(?:{alternatives(_CUES['tenure_units'])})"
TENURE_AFTER = re.compile(  # "... for 8 years", "... at target for 5 years": at most two words of an employer between
    rf"^\W*(?:(?:at|with)\s+[\w&'-]+(?:\s+[\w&'-]+)?\s+)?(?:(?:for|over|almost|nearly|about)\s+)?{_TENURE}\b", re.I
)
TENURE_BEFORE = re.compile(rf"(?<!how\s)\b{_TENURE}\s+(?:in\s+)?as\s+(?:an?\s+)?$", re.I)  # "3 years as a ..."
_REFERENCES = vocabulary().references
REFERS_TO_WRITER = words_pattern(_REFERENCES["writer"])  # "would I earn more as a buyer?"
REFERS_TO_OFFERED = words_pattern(_REFERENCES["offered"])  # "what do they pay?" after the ways in
REFERS_TO_FOCUS = words_pattern(_REFERENCES["focus"] + _REFERENCES["compared_focus"])  # "would that pay more ...?"
SCHOOLING = words_pattern(vocabulary().list("education") + _CUES["certification"])  # "what certs would I need?"
