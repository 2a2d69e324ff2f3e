"""The places of a pay question as a specification: (text, state) -> Question, without Rasa or a database.

Areas are a handful of real OEWS area names; the words come from ``kb/data/vocabulary.yml``.
"""

from __future__ import annotations

from typing import Optional

import pytest

from actions.interpret import State, interpret
from actions.places import Lexicon, area_keys, place_name, state_example
from actions.question import Career, Compare, Describe, Place, Title
from kb.content.vocabulary import vocabulary

AREAS = ["Illinois", "Ohio", "Texas", "Chicago-Naperville-Elgin, IL-IN", "San Francisco-Oakland-Fremont, CA",
         "Portland-South Portland, ME", "Portland-Vancouver-Hillsboro, OR-WA", "Fayetteville, NC",
         "Fayetteville-Springdale-Rogers, AR", "Manchester-Nashua, NH", "Springfield, IL", "Springfield, MA",
         "Springfield, MO", "Springfield, OH", "Victoria, TX", "Boston-Cambridge-Newton, MA-NH",
         "St. Louis, MO-IL"]  # fmt: skip
LEXICON = Lexicon(areas=area_keys(AREAS, vocabulary()))
PORTLANDS = ("Portland-South Portland, ME", "Portland-Vancouver-Hillsboro, OR-WA")
OREGON = Place("portland", "area", ("Portland-Vancouver-Hillsboro, OR-WA",))
AFTER_PAY = State(focus_role="Dispatcher")  # after "what does a dispatcher earn?"


NOTHING = State()


def read(text: str, state: State = NOTHING, role: Optional[tuple[str, str]] = None, intent: Optional[str] = None):
    titles = ()
    if role is not None:
        start = text.lower().index(role[0])
        titles = (Title(role[0], (start, start + len(role[0])), role[1]),)
    return interpret(text, state, titles, intent, LEXICON)


OPS = ("ops manager", "Operations Manager")


@pytest.mark.parametrize(
    ("text", "intent", "place"),
    [
        ("what does an ops manager make in chicago", "describe_role",
         Place("chicago", "area", ("Chicago-Naperville-Elgin, IL-IN",))),
        ("what does an ops manager make in london", "describe_role", Place("london", "outside_us")),
        ("what does an ops manager make in manchester", "describe_role",
         Place("manchester", "outside_us", ("Manchester-Nashua, NH",))),
        ("what does an ops manager make", "describe_role", None),
        ("what does an ops manager make in london", "nlu_fallback", Place("london", "outside_us")),
    ],
)  # fmt: skip
def test_make_asks_pay_even_when_the_message_reads_as_a_description(text, intent, place) -> None:
    question = read(text, State(), OPS, intent)
    assert (type(question), question.dimensions, question.roles, question.place) == (
        Compare, ("compensation",), ("Operations Manager",), place)  # fmt: skip


def test_what_a_role_is_on_in_a_place_asks_pay_not_a_route() -> None:
    text = "what's a programme manager on in the UK, roughly?"
    question = read(text, State(), ("programme manager", "Program Manager"), "career_path")
    assert (type(question), question.dimensions, question.place) == (
        Compare, ("compensation",), Place("the uk", "outside_us"))  # fmt: skip


@pytest.mark.parametrize(
    ("text", "dimensions"),
    [("what's a buyer on in Texas?", ("compensation",)), ("whats a buyer on these days", ("compensation",)),
     ("what's a buyer working on?", ()), ("what's a buyer on about?", ()),
     ("how often does a buyer go on business trips", ())],
)  # fmt: skip
def test_on_asks_pay_only_right_after_what_is_a_role(text: str, dimensions: tuple[str, ...]) -> None:
    assert read(text, State(), ("buyer", "Buyer"), "other_aspect").dimensions == dimensions


@pytest.mark.parametrize(
    ("text", "intent", "kind"),
    [("how do I become an ops manager in Texas", "career_path", Career),
     ("what does an ops manager do in chicago", "describe_role", Describe),
     ("what does an ops manager do", "describe_role", Describe)],
)  # fmt: skip
def test_a_route_or_a_description_asked_with_a_place_stays_one(text: str, intent: str, kind: type) -> None:
    assert type(read(text, State(), OPS, intent)) is kind


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("what does an ops manager earn in portland", Place("portland", "ambiguous", PORTLANDS)),
        ("what does an ops manager earn in portland, OR", OREGON),
        ("what does an ops manager earn in Portland Oregon", OREGON),
        ("portland, OR", OREGON),
        ("Portland Oregon", OREGON),
        ("Portland, Oregon", OREGON),
        ("Portland, Maine?", Place("portland", "area", ("Portland-South Portland, ME",))),
        ("what does an ops manager earn in Fayetteville NC", Place("fayetteville", "area", ("Fayetteville, NC",))),
        ("Fayetteville, AR", Place("fayetteville", "area", ("Fayetteville-Springdale-Rogers, AR",))),
        ("and Fayetteville, North Carolina?", Place("fayetteville", "area", ("Fayetteville, NC",))),
        ("pay in Manchester, NH", Place("manchester", "area", ("Manchester-Nashua, NH",))),
        ("pay in portland or in ohio", Place("portland", "ambiguous", PORTLANDS)),
    ],
)
def test_a_state_after_a_shared_place_picks_the_area_in_that_state(text: str, place: Place) -> None:
    assert read(text, AFTER_PAY).place == place


@pytest.mark.parametrize(
    ("text", "said"),
    [("whats a dispatcher paid in NSW", "nsw"), ("dispatcher pay in New South Wales", "new south wales"),
     ("dispatcher salary in Queensland", "queensland"), ("dispatcher pay in Ontario", "ontario"),
     ("dispatcher pay in Yorkshire", "yorkshire"), ("what does a dispatcher earn in Brisbane", "brisbane")],
)  # fmt: skip
def test_states_and_regions_of_other_countries_are_outside_the_us(text: str, said: str) -> None:
    question = read(text, State(), ("dispatcher", "Dispatcher"), "ask_compensation")
    assert (question.place, question.roles) == (Place(said, "outside_us"), ("Dispatcher",))


@pytest.mark.parametrize(
    ("place", "name"),
    [(Place("the uk", "outside_us"), "the UK"), (Place("london", "outside_us"), "London"),
     (Place("nsw", "outside_us"), "NSW"), (Place("new south wales", "outside_us"), "New South Wales")],
)  # fmt: skip
def test_a_place_is_named_back_as_people_write_it(place: Place, name: str) -> None:
    assert place_name(place) == name


VICTORIA_TX = ("Victoria, TX",)


@pytest.mark.parametrize(
    ("text", "place"),
    [("what does a store manager make in Victoria", Place("victoria", "outside_us", VICTORIA_TX)),
     ("store manager pay in victoria?", Place("victoria", "outside_us", VICTORIA_TX)),
     ("store manager salary in Victoria BC", Place("victoria bc", "outside_us")),
     ("what's a store manager on in Victoria, Australia", Place("victoria", "outside_us")),
     ("store manager pay in victoria australia", Place("victoria australia", "outside_us")),
     ("store manager salary in Cambridge", Place("cambridge", "outside_us", ("Boston-Cambridge-Newton, MA-NH",))),
     ("what does a store manager make in Victoria, TX", Place("victoria", "area", VICTORIA_TX)),
     ("store manager pay in Victoria Texas", Place("victoria", "area", VICTORIA_TX)),
     ("store manager pay in Cambridge, MA", Place("cambridge", "area", ("Boston-Cambridge-Newton, MA-NH",)))],
)  # fmt: skip
def test_a_name_better_known_abroad_is_never_silently_a_small_us_area(text: str, place: Place) -> None:
    """"Victoria" is in Australia and Canada as well as Texas: the national figures with a note naming the US
    area (``areas``), unless a state after it picks that area."""
    question = read(text, State(), ("store manager", "Store Manager"), "ask_compensation")
    assert (question.place, question.roles) == (place, ("Store Manager",))


@pytest.mark.parametrize(
    ("place", "example"),
    [(Place("victoria", "outside_us", VICTORIA_TX), "Victoria, TX"),
     (Place("cambridge", "outside_us", ("Boston-Cambridge-Newton, MA-NH",)), "Cambridge, MA"),
     (Place("athens", "outside_us", ("Athens-Clarke County, GA",)), "Athens, GA")],
)  # fmt: skip
def test_a_us_namesake_is_asked_for_with_its_state(place: Place, example: str) -> None:
    assert state_example(place, vocabulary().us_states) == example


BAY = Place("bay area", "area", ("San Francisco-Oakland-Fremont, CA",))
OHIO = Place("ohio", "area", ("Ohio",))


@pytest.mark.parametrize(
    ("text", "intent"),
    [("salary of a store manager in the bay area vs in ohio", "ask_compensation"),
     ("how much does a store manager make in the bay area? and in ohio?", "ask_compensation"),
     ("how much does a store manager make in the bay area? and in ohio?", "describe_role")],
)  # fmt: skip
def test_two_places_in_one_pay_question_are_both_read(text: str, intent: str) -> None:
    question = read(text, State(focus_role="Shift Manager"), ("store manager", "Store Manager"), intent)
    assert (type(question), question.places, question.place, question.roles) == (
        Compare, (BAY, OHIO), BAY, ("Store Manager",))  # fmt: skip


@pytest.mark.parametrize("intent", ["describe_role", "inform", "nlu_fallback"])
def test_a_place_alone_after_a_pay_answer_keeps_its_role(intent: str) -> None:
    question = read("what about in Springfield", AFTER_PAY, None, intent)
    assert type(question) is Compare
    assert question.place == Place(
        "springfield", "ambiguous", ("Springfield, IL", "Springfield, MA", "Springfield, MO", "Springfield, OH")
    )


def test_a_role_described_in_a_place_after_a_pay_answer_is_described() -> None:
    question = read("what does a buyer do in chicago", AFTER_PAY, ("buyer", "Buyer"), "describe_role")
    assert (type(question), question.roles) == (Describe, ("Buyer",))


def test_a_place_alone_with_nothing_talked_about_asks_nothing_of_pay() -> None:
    assert type(read("what about in Springfield", State(), None, "describe_role")) is Describe


@pytest.mark.parametrize(
    ("text", "areas"),
    [("vs illinois?", ("Illinois",)), ("versus ohio", ("Ohio",)), ("and compared to texas?", ("Texas",)),
     ("ops manager salary chicago", ("Chicago-Naperville-Elgin, IL-IN",)), ("buyer pay texas", ("Texas",))],
)  # fmt: skip
def test_a_place_after_vs_or_a_pay_word_is_a_place_to_compare_pay_in(text: str, areas: tuple[str, ...]) -> None:
    place = read(text, AFTER_PAY).place
    assert place is not None and place.areas == areas


@pytest.mark.parametrize(
    ("text", "intent", "place"),
    [
        ("sorry meant ohio not texas", "deny", Place("ohio", "area", ("Ohio",))),  # a place said with a correction
        ("in texas i mean", "out_of_scope", Place("texas", "area", ("Texas",))),
        ("make that illinois please", "nlu_fallback", Place("illinois", "area", ("Illinois",))),
        ("ohio is nice", "nlu_fallback", None),  # a place in a sentence of its own: no follow-up
    ],
)  # fmt: skip
def test_a_place_alone_with_the_words_of_a_correction(text: str, intent: str, place: Optional[Place]) -> None:
    assert read(text, AFTER_PAY, None, intent).place == place


IN_OHIO = State(focus_role="Fleet Manager", dimension="compensation", place="Ohio")  # after its pay in Ohio
CARRIED = Place("", "area", ("Ohio",), carried=True)


@pytest.mark.parametrize(
    ("text", "state", "role", "place"),
    [
        ("and a transportation manager?", IN_OHIO, ("transportation manager", "Transportation Manager"), CARRIED),
        ("no, the specialist one", IN_OHIO, ("specialist", "Health and Safety Specialist"), CARRIED),
        # a dimension named, or another kind asked: a question of its own, for the whole country
        ("and a transportation manager's budget?", IN_OHIO, ("transportation manager", "Transportation Manager"), None),
        ("what does a transportation manager do?", IN_OHIO, ("transportation manager", "Transportation Manager"), None),
        # the last answer was about budget, or for the whole country
        ("and a buyer?", State(focus_role="Fleet Manager", dimension="budget", place="Ohio"), ("buyer", "Buyer"), None),
        ("and a buyer?", State(focus_role="Fleet Manager", dimension="compensation"), ("buyer", "Buyer"), None),
        ("and in Texas?", IN_OHIO, None, Place("texas", "area", ("Texas",))),  # a place named wins
    ],
)  # fmt: skip
def test_a_follow_up_naming_only_a_role_keeps_the_place_of_the_last_pay_answer(text, state, role, place) -> None:
    assert read(text, state, role).place == place


@pytest.mark.parametrize(
    ("text", "said"),
    [("and nationally?", "nationally"), ("make that the whole US", "the whole us"), ("and nationwide", "nationwide")],
)
def test_the_whole_country_is_a_place_of_its_own(text: str, said: str) -> None:
    assert read(text, IN_OHIO).place == Place(said, "national")


@pytest.mark.parametrize("text", ["what does a buyer make in St. Louis?", "buyer pay in st louis", "and st. louis?"])
def test_an_area_name_with_a_full_stop_is_read_with_or_without_it(text: str) -> None:
    assert read(text, AFTER_PAY).place == Place("st louis", "area", ("St. Louis, MO-IL",))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("what does that pay in IL", Place("il", "area", ("Illinois",))),  # a vocabulary short form
        ("what does a buyer make in OH?", Place("oh", "area", ("Ohio",))),  # a postal code in capitals
        ("and in TX", Place("tx", "area", ("Texas",))),
        ("is it better in oh or in tx?", Place("tx", "area", ("Texas",))),  # "oh" in lower case is a word
    ],
)
def test_a_state_by_its_postal_code_in_capitals(text: str, place: Place) -> None:
    assert read(text, AFTER_PAY).place == place


def test_a_place_corrected_with_i_meant() -> None:
    assert read("no wait, i meant Ohio", AFTER_PAY).place == Place("ohio", "area", ("Ohio",))
