"""actions.attachments: what rides along with an answer's messages, besides the chart and feedback."""

from __future__ import annotations

from actions.attachments import note_not_the_same, note_readings


def test_how_a_slip_was_read_is_said_before_the_lead_in_to_the_buttons() -> None:
    messages = [{"text": "The Fleet Manager is paid more.\nRelated comparisons:"}]
    note_readings(messages, [("dispatchr", "Dispatcher"), ("fleet mgr", "Fleet Manager")])
    assert messages[0]["text"] == (
        'The Fleet Manager is paid more.\nI read "dispatchr" as Dispatcher and "fleet mgr" as Fleet Manager.\n'
        "Related comparisons:"
    )


def test_a_reading_goes_last_when_no_lead_in_closes_the_text() -> None:
    messages = [{"text": "A Dispatcher plans routes."}]
    note_readings(messages, [("dispatchr", "Dispatcher")])
    assert messages[0]["text"] == 'A Dispatcher plans routes.\nI read "dispatchr" as Dispatcher.'


def test_a_full_comparison_asked_as_the_same_job_ends_its_verdict_with_no() -> None:
    messages = [{"text": "The GM is ahead on 12.\nMore.", "verdict": "The GM is ahead on 12.", "image": "/c.png"}]
    note_not_the_same(messages, True)
    assert (messages[0]["text"], messages[0]["verdict"]) == (
        "The GM is ahead on 12, so no, they are not the same job.\nMore.",
        "The GM is ahead on 12, so no, they are not the same job.",
    )


def test_only_a_full_comparison_asked_as_the_same_job_gets_the_no() -> None:
    chart = [{"text": "The GM is ahead.", "verdict": "The GM is ahead.", "image": "/c.png"}]
    note_not_the_same(chart, False)
    one_dimension = [{"text": "The GM has more budget.", "verdict": "The GM has more budget."}]
    note_not_the_same(one_dimension, True)
    assert (chart[0]["text"], one_dimension[0]["text"]) == ("The GM is ahead.", "The GM has more budget.")
