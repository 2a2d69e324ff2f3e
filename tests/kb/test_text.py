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
