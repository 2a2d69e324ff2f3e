import pytest

from kb.text import first_sentence, indefinite_article, lookup_key, plural_forms, series, slugify


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Operations Manager", "operation manager"),
        ("the operations-managers", "operation manager"),
        ("Heads of Operations", "head of operation"),
        ("  COO  ", "coo"),
        ("supply-chain mgr", "supply chain mgr"),
        ("an Inventory Manager?", "inventory manager"),
    ],
)
def test_lookup_key_ignores_case_punctuation_articles_and_plurals(typed: str, key: str) -> None:
    assert lookup_key(typed) == key


@pytest.mark.parametrize(
    ("name", "article"),
    [
        ("Operations Manager", "an"),
        ("Head of Operations", "a"),
        ("VP of Operations", "a"),
        ("Inventory Manager", "an"),
        ("Buyer", "a"),
    ],
)
def test_indefinite_article_follows_the_sound(name: str, article: str) -> None:
    assert indefinite_article(name) == article


def test_plural_forms_pluralise_the_head_noun() -> None:
    assert plural_forms("head of operations") == ["heads of operations"]
    assert plural_forms("ops manager") == ["ops managers"]
    assert plural_forms("COO") == ["COOs"]
    assert plural_forms("facility") == ["facilities"]


def test_slugify_and_first_sentence() -> None:
    assert slugify("VP of Operations") == "vp-of-operations"
    assert first_sentence("A Buyer buys. They also negotiate.") == "A Buyer buys."


@pytest.mark.parametrize(
    ("items", "conjunction", "expected"),
    [([], "and", ""), (["a"], "or", "a"), (["a", "b"], "or", "a or b"), (["a", "b", "c"], "and", "a, b and c")],
)
def test_series_lists_items_as_a_sentence_does(items: list[str], conjunction: str, expected: str) -> None:
    assert series(items, conjunction) == expected


def test_english_is_a_letter_a_to_z_or_a_digit() -> None:
    from kb.text import has_english

    assert [has_english(t) for t in ("🤔", "采购经理", "", "2", "a", "Ça")] == [False, False, False, True, True, True]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿Cuánto gana un gerente de operaciones?", "es"),
        ("Was verdient ein Betriebsleiter?", "de"),
        ("¿Quién gana más?", "es"),
        ("que es un buyer", "es"),
        ("Qui gagne plus, un directeur ou un acheteur?", "fr"),
        ("Quanto guadagna un responsabile operativo?", "it"),
        ("Wie viel verdient ein Einkäufer?", "de"),
        ("Hoeveel verdient een operationeel manager?", "nl"),
        # English, with typos, slang and text speak
        ("whos da boss in a warehous", None),
        ("wat is da pay 4 a dispatcher", None),
        ("opertions mangaer vs byer", None),
        ("y u no compare buyer n coo", None),
        ("r u human", None),
        ("yo yo", None),
        ("are you a real live person", None),
        ("how do i say hello in french", None),
        ("not quite", None),
        ("crises ops director vs plant mgr", None),
        ("i'm lost", None),
        ("de la rue is a buyer", None),
        ("ops mgr vs coo", None),
        ("gracias", None),  # one word: too little to tell
    ],
)
def test_another_language_is_told_from_english_typos_and_slang(text: str, language: str | None) -> None:
    from kb.text import foreign_language, has_english

    assert foreign_language(text) == language
    assert has_english(text) is (language is None)
