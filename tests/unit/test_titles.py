"""title_key: the same work gives the same key in every script; different works do not."""

from __future__ import annotations

import json
import tomllib
import unicodedata
from pathlib import Path

import pytest
from handbook_engine import titles
from handbook_engine.titles import title_key

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("title", "other"),
    [
        # what worked before stays
        ("The Sauce Book", "the sauce book"),
        ("The Sauce Book", "Sauce Book: Everything About Sauces"),
        ("The Sauce Book", "The Sauce-Book!"),
        ("The Sauce Book", "Sauce book (2nd edition)"),
        ("Sauce Book", "  Sauce\tBook  "),
        ("A Sauce Book", "Sauce Book"),
        ("An Introduction", "Introduction"),
        ("Sauce Book", "Sauce Book - A Subtitle"),
        ("Sauce Book", "Sauce Book – A Subtitle"),
        ("Sauce Book", "Sauce Book — A Subtitle"),
        ("Sauce Book (2nd edition)", "Sauce Book: A Subtitle"),
        # Unicode punctuation, spaces and quotes
        ("Sauce Book", "«Sauce\u00a0Book»"),
        ("The Hobbit", "“The Hobbit”"),
        ("Sauce Book", "Sauce\u3000Book！"),
        # homoglyphs: Cyrillic and Greek letters that look Latin
        ("Inspired", "\u0406nspired"),  # Cyrillic capital І
        ("Inspired", "INSPIRED"),
        ("Inspired", "\u0406NSPIRED"),
        ("Space", "S\u0440\u0430ce"),  # Cyrillic р, а
        ("Python", "\u03a1\u0443th\u03bfn"),  # Greek Ρ, Cyrillic у, Greek ο
        ("The Hobbit", "\u0422\u041d\u0415 \u041d\u041e\u0412\u0412\u0406\u0422"),  # all Cyrillic
        ("Kafka", "\u039a\u0391FK\u0391"),  # Greek Κ, Α
        ("Orange", "0range"),
        # width, composition, invisible characters
        ("Inspired", "Ｉｎｓｐｉｒｅｄ"),
        ("Café", "Cafe\u0301"),
        ("Inspired", "\u202eInspired"),
        ("Inspired", "Insp\u200bired\u00ad"),
        ("Inspired", "In\x00spi\x07red"),
        # other scripts: case and subtitles work there too
        ("Война и мир", "ВОЙНА И МИР"),
        ("Война и мир", "Война и мир: роман"),
        ("Ελληνική Ιστορία", "ΕΛΛΗΝΙΚΉ ΙΣΤΟΡΊΑ"),
        ("吾輩は猫である", "吾輩は猫である"),
        ("吾輩は猫である", "吾輩は猫である：上巻"),  # fullwidth colon
        ("吾輩は猫である", "「吾輩は猫である」"),
        ("深度学习", "深度学习（第二版）"),
    ],
)
def test_the_same_work_gives_the_same_key(title: str, other: str) -> None:
    assert title_key(title) == title_key(other)
    assert title_key(title)


@pytest.mark.parametrize(
    ("title", "other"),
    [
        ("A/B Testing", "B Testing"),
        ("A-B Testing", "B Testing"),
        ("Storytelling with Data", "Storytelling with Dates"),
        ("吾輩は猫である", "坊っちゃん"),
        ("吾輩は猫である", "吾輩は犬である"),
        ("ノルウェイの森", "海辺のカフカ"),
        ("深度学习", "机器学习"),
        ("Война и мир", "Анна Каренина"),
        ("Ελληνική Ιστορία", "Ρωμαϊκή Ιστορία"),
        ("Python 2", "Python 3"),
        ("The", "A"),
    ],
)
def test_different_works_give_different_keys(title: str, other: str) -> None:
    assert title_key(title) != title_key(other)


def test_titles_in_other_scripts_are_not_all_one_key() -> None:
    keys = [
        title_key(t)
        for t in ("吾輩は猫である", "坊っちゃん", "深度学习", "Война и мир", "Ελληνικά", "한국어")
    ]
    assert all(keys)
    assert len(set(keys)) == len(keys)


def test_an_article_is_dropped_only_as_a_word_with_more_after_it() -> None:
    assert title_key("A/B Testing") == "a b testing"
    assert title_key("The Sauce-Book!") == "sauce book"
    assert title_key("The") == "the"
    assert title_key("A") == "a"
    assert title_key("An ") == "an"
    assert title_key("The: Subtitle") == "the"
    assert title_key("A !!!") == "a"
    assert title_key("Theory") == "theory"
    assert title_key("Anatomy") == title_key("anatomy") != title_key("natomy")
    assert title_key("\u0422he Hobbit") == title_key("Hobbit")  # Cyrillic Т


@pytest.mark.parametrize("title", ["!!!", "…", "?!", "—", "🙂", "(2nd edition)", ":", "   "])
def test_a_title_without_letters_still_has_a_key(title: str) -> None:
    assert title_key(title)


def test_punctuation_only_titles_fall_back_to_the_folded_title() -> None:
    assert title_key("…") == title_key("...") == "..."
    assert title_key("? !") == title_key("?!")
    assert title_key("🙂") != title_key("🙃")
    assert title_key("!!!") != title_key("???")
    assert title_key("(2nd edition)") == "2nd edition"


@pytest.mark.parametrize(
    "title",
    [
        "a" * 200_000,
        "(" * 200_000,
        " " * 200_000 + "(x",
        "The " * 50_000,
        ":" * 200_000,
        "\u202e" * 50_000 + "Inspired",
        "".join(chr(c) for c in range(0x20)) * 1000,
        "\u0301" * 100_000,
        "吾" * 200_000,
        "\ud800lone surrogate",
        "\U000e0041\ufeff\u2066tags\u2069",
        "",
    ],
)
def test_hostile_titles_do_not_crash(title: str) -> None:
    assert isinstance(title_key(title), str)


def test_every_code_point_of_the_table_is_handled() -> None:
    latin, prototypes = titles._tables()
    for char in [*latin, *prototypes]:
        assert title_key(char)
        assert title_key(char.upper())


def test_the_table_is_read_once() -> None:
    assert titles._tables() is titles._tables()


def test_the_vendored_table_is_small_named_and_shipped() -> None:
    path = ROOT / "hooks" / "handbook_engine" / "confusables.json"
    assert path.stat().st_size < 32_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["unicode_version"] == "13.0.0"
    assert "confusables.txt" in data["about"]
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "confusables.json" in pyproject["tool"]["setuptools"]["package-data"]["handbook_engine"]


def test_the_vendored_table_is_already_a_skeleton() -> None:
    """Prototypes contain no source, so one pass of the skeleton is enough; sources are what the
    skeleton can meet: case-folded, NFKD, not punctuation."""
    latin, prototypes = titles._tables()
    for source, prototype in prototypes.items():
        assert not set(prototype) & prototypes.keys(), source
        assert source.casefold() == source
        assert unicodedata.normalize("NFKD", source) == source
        assert unicodedata.category(source)[0] not in "PSZ"
    assert set(latin.values()) <= set("abcdefghijklmnopqrstuvwxyz")


SAMPLE = """\ufeff# confusables.txt
# Date: 2020-02-13, 01:38:49 GMT
# Version: 13.0.0
0406 ;\t006C ;\tMA\t# ( І → l ) CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I
0456 ;\t0069 ;\tMA\t# ( і → i ) CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
0049 ;\t006C ;\tMA\t# ( I → l ) LATIN CAPITAL LETTER I
007C ;\t006C ;\tMA\t#* ( | → l ) VERTICAL LINE
0031 ;\t006C ;\tMA\t# ( 1 → l ) DIGIT ONE
0422 ;\t0054 ;\tMA\t# ( Т → T ) CYRILLIC CAPITAL LETTER TE
0442 ;\t1D1B ;\tMA\t# ( т → ᴛ ) CYRILLIC SMALL LETTER TE
FF34 ;\t0054 ;\tMA\t# ( Ｔ → T ) FULLWIDTH LATIN CAPITAL LETTER T
13A1 ;\t0052 ;\tMA\t# ( Ꭱ → R ) CHEROKEE LETTER E
006D ;\t0072 006E ;\tMA\t# ( m → rn ) LATIN SMALL LETTER M
0030 ;\t004F ;\tMA\t# ( 0 → O ) DIGIT ZERO
"""


def test_the_generator_keeps_only_what_the_skeleton_meets(tmp_path, capsys) -> None:
    latin, prototypes = titles._tables_from(SAMPLE)
    assert latin == {"i": "і", "t": "т"}  # small letters whose capital looks Latin
    # no capital, fullwidth, punctuation or folded letter; prototypes case-folded
    assert prototypes == {"l": "1", "o": "0", "r": "Ꭱ", "rn": "m"}
    source = tmp_path / "confusables.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    assert titles.main([str(source)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["unicode_version"] == "13.0.0"
    assert document["latin"] == latin
    assert document["prototypes"] == prototypes
