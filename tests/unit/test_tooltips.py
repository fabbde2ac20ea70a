"""Glossary tooltips (tooltips.py): the terms a page uses, found with `str.find`, are exactly the
terms one regular expression of every term would find: whole words, case as written, the longest
first where two start at one place, none inside another already found."""

from __future__ import annotations

import random
import re
import sys

import pytest
from handbook_engine.model import Term
from handbook_engine.site import abbreviations
from handbook_engine.tooltips import MANY_TERMS, terms_used


def _by_expression(text: str, terms: list[str]) -> set[str]:
    """The reference: one alternation, longest term first, as the engine used to find them."""
    if not terms:
        return set()
    longest_first = sorted(terms, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)")
    return set(pattern.findall(text))


@pytest.mark.parametrize(
    ("text", "terms", "found"),
    [
        ("We ship a feature store.", ["feature store", "store"], {"feature store"}),
        ("A feature store; the store.", ["store", "feature store"], {"feature store", "store"}),
        ("ML and ml", ["ML"], {"ML"}),
        ("ml only", ["ML"], set()),
        ("AIM, _AI, AI2, éAI, AI", ["AI"], {"AI"}),
        ("AIM, _AI, AI2, éAI", ["AI"], set()),
        (
            "k-means and C++ and A/B test",
            ["k-means", "C++", "A/B", "A/B test"],
            {"k-means", "C++", "A/B test"},
        ),
        ("C++, x", ["C++"], {"C++"}),
        ("C++x", ["C++"], set()),  # a letter right after the term: not the whole word
        ("xC++", ["C++"], set()),
        ("LLM-as-a-judge scores", ["LLM", "LLM-as-a-judge", "judge"], {"LLM-as-a-judge"}),
        ("precision/recall", ["precision", "recall"], {"precision", "recall"}),
        ("naïve Bayes", ["Bayes", "naïve Bayes", "ve Bayes"], {"naïve Bayes"}),
        ("", ["AI"], set()),
        ("AI", [], set()),
        ("ab ab", ["ab ab", "b a"], {"ab ab"}),
        ("aaa", ["aa"], set()),
        ("A/B/C", ["A/B", "B/C"], {"A/B"}),  # B/C starts inside A/B
        ("the LLM’s answer", ["LLM", "LLM’s answer"], {"LLM’s answer"}),
        ("LLM’s, «RAG»", ["LLM", "RAG", "s"], {"LLM", "RAG", "s"}),  # beyond ASCII: no word
        ("naïve", ["na", "ve"], set()),  # ï is a letter: neither is a whole word
    ],
)
def test_terms_are_found_as_one_reading_of_the_page_finds_them(text, terms, found):
    assert terms_used(text, terms) == found
    assert _by_expression(text, terms) == found
    # a big glossary takes the path that first collects the page's words: the same terms
    assert terms_used(text, terms + [f"zz{i}" for i in range(MANY_TERMS + 1)]) == found


def test_the_same_terms_as_one_expression_on_random_pages():
    rng = random.Random(7)  # noqa: S311 - a fixed seed: the same values every run
    pieces = ["a", "b", "ab", "ba", " ", "-", "_", "é", "1", "²", "A", "x y", "/", "\u0301"]
    for _ in range(2000):
        terms = list(
            dict.fromkeys(
                "".join(rng.choice(pieces) for _ in range(rng.randint(1, 3)))
                for _ in range(rng.randint(1, 6))
            )
        )
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert terms_used(text, terms) == _by_expression(text, terms), (text, terms)
        if rng.random() < 0.1:  # the path for big glossaries (its expression is slow to make)
            many = terms + [f"zz{i}" for i in range(MANY_TERMS + 1)]
            assert terms_used(text, many) == _by_expression(text, many), (text, terms)


def test_a_word_is_what_the_expression_calls_one():
    # `_is_word` stands in for `\w` on both sides of a term: every character must agree
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    by_expression = "".join(re.findall(r"\w", every))
    assert "".join(c for c in every if c.isalnum() or c == "_") == by_expression


def test_abbreviations_keep_the_glossary_order_and_escape_twice():
    terms = [
        Term("store", "Where things are kept."),
        Term("feature store", "Features <b>served</b> & shared."),
        Term("AI", "Artificial intelligence."),
        Term("unused", "Never on the page."),
    ]
    page = "An AI team runs a feature store next to a store."
    assert abbreviations(terms, page) == (
        "*[store]: Where things are kept.\n\n"
        "*[feature store]: Features &amp;lt;b&amp;gt;served&amp;lt;/b&amp;gt; &amp;amp; shared."
        "\n\n*[AI]: Artificial intelligence."
    )
    assert abbreviations(terms, "Nothing here.") == ""
