"""This handbook's own catalogue and bank: the counts and links its issues promise readers.

Content tests: a fork with another learning path deletes tests/content/ with its data."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from handbook_engine.validate import build_handbook
from trees import ROOT

LLM_TOPICS = {"llm-products", "ai-evaluation"}
LLM_TAGS = {"llm", "evals", "rag", "agents", "llm-as-judge", "guardrails", "prompt-injection"}
SEED_LINKS = ROOT / "tests" / "fixtures" / "seed-links.txt"  # the seed article's own links


@pytest.fixture(scope="module")
def handbook():
    return build_handbook(ROOT / "data")


def test_the_catalogue_keeps_up_with_the_job(handbook):
    kinds = Counter(r.kind for r in handbook.resources)
    llm = [r for r in handbook.resources if r.topic in LLM_TOPICS or LLM_TAGS & set(r.tags)]
    assert len(handbook.resources) >= 85
    assert len(llm) >= 25, sorted(r.id for r in llm)
    assert kinds["video"] + kinds["podcast"] + kinds["talk"] >= 8
    for skill in handbook.skills:
        assert len(handbook.resources_of(skill.id)) >= 15, skill.id


def test_the_path_has_llm_stages_with_llm_resources(handbook):
    llm_stages = [s for s in handbook.stages if {"rag", "llm-evaluation"} & set(s.concepts)]
    assert len(llm_stages) >= 1
    staged = {rid for s in llm_stages for rid in s.resources}
    assert {r.id for r in handbook.resources if r.topic in LLM_TOPICS} & staged


def test_every_competency_names_the_section_that_teaches_it(handbook):
    missing = [c.id for s in handbook.skills for c in s.competencies if not c.taught_in]
    assert missing == []
    build_or_buy = {
        c.id: c.taught_in for s in handbook.skills for c in s.competencies if "choose" in c.id
    }
    assert build_or_buy["choose-api-finetune-or-build"] == "guides/llm-products.md#build-or-buy"
    # the tech-fluency competency is the technique (prompt, RAG, fine-tuning, agent), taught
    # in its own section; who owns and runs the model is the strategy one above
    assert build_or_buy["choose-llm-architecture"] == "guides/llm-products.md#choosing-an-approach"


def test_the_question_bank_covers_every_group_and_the_ai_formats(handbook):
    formats = Counter(q.format for q in handbook.questions)
    assert len(handbook.questions) >= 68  # the 53 of the old page and at least 15 new ones
    for format in (
        "product-sense",
        "metrics-execution",
        "system-design",
        "evaluation-case",
        "behavioural",
        "take-home",
    ):
        assert formats[format] >= 1, format
    assert {q.skill for q in handbook.questions} == {s.id for s in handbook.skills}


def test_practice_data_covers_every_group(handbook):
    checks = Counter(c.skill for c in handbook.checks)
    assert all(checks[s.id] >= 8 for s in handbook.skills), checks
    assert {c.skill for c in handbook.capstones} == {s.id for s in handbook.skills}


def test_every_seed_link_is_a_resource_with_exactly_that_url(handbook):
    lines = SEED_LINKS.read_text(encoding="utf-8").splitlines()
    seed = [line for line in lines if line and not line.startswith("#")]
    assert len(seed) >= 10
    assert [url for url in seed if url not in {r.url for r in handbook.resources}] == []


def test_the_home_page_credits_the_seed_article(handbook):
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    seed = handbook.resource("from-data-scientist-to-ml-ai-pm")
    assert seed.url.startswith(
        "https://towardsdatascience.com/from-data-scientist-to-ml-ai-product"
    )
    assert "#res-from-data-scientist-to-ml-ai-pm" in home and "Anna Via" in home


def test_guides_use_the_general_rule_formula_at_most_once():
    for guide in sorted((ROOT / "docs" / "guides").glob("*.md")):
        text = guide.read_text(encoding="utf-8")
        assert text.count("The general rule:") <= 1, guide.name


def test_the_llm_guide_is_long_enough_and_sourced():
    text = (ROOT / "docs" / "guides" / "llm-products.md").read_text(encoding="utf-8")
    words = len(re.findall(r"[A-Za-z0-9][\w'’-]*", text))
    assert 2500 <= words <= 4500, words
    for anchor in (
        "evaluation",
        "groundedness",
        "cost-and-latency",
        "guardrails",
        "human-in-the-loop",
        "build-or-buy",
    ):
        assert "{ #" + anchor + " }" in text, anchor
    assert "genai.owasp.org" in text
    assert len(re.findall(r"\]\(https://", text)) >= 10


def test_the_ai_act_amendment_and_article_4_are_linked_to_eur_lex():
    text = (ROOT / "docs" / "guides" / "tech-fluency.md").read_text(encoding="utf-8")
    assert "eur-lex.europa.eu/eli/reg/2024/1689" in text
    assert "Article 4" in text
    assert re.search(r"eur-lex\.europa\.eu/eli/reg/2026/\d+", text)


def test_no_article_video_podcast_or_talk_links_a_site_root(handbook):
    from handbook_engine.urls import is_site_root

    roots = [
        r.id
        for r in handbook.resources
        if r.kind in ("article", "paper", "video", "podcast", "talk") and is_site_root(r.url)
    ]
    assert roots == []
