"""The exports (exports.py): the Atom feed read back by an XML parser carries every address and
name exactly, whatever quotes, angle brackets or whitespace it holds; a work without authors
claims none."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from handbook_engine.exports import atom_feed, learning_resource, resources_json
from handbook_engine.render import render_pages
from handbook_engine.validate import build_handbook
from trees import resource_yaml, write_data

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    "site_url",
    [
        "https://example.org/",
        'https://example.org/a"b/',
        "https://example.org/a'b/",
        "https://example.org/a\"b'c/",
        "https://example.org/<a>&amp;/",
        "https://example.org/tab\there/",
    ],
)
def test_feed_attributes_carry_the_address_exactly(tmp_path, site_url):
    handbook = build_handbook(write_data(tmp_path / "data"))
    feed = ET.fromstring(atom_feed(handbook, site_url=site_url, title='A "<b>" & co'))  # noqa: S314
    assert feed.findtext(f"{ATOM}title") == 'A "<b>" & co: new resources'
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == site_url + "feed.xml"
    assert links[None] == site_url + "catalogue/"
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith(site_url)


def test_a_work_whose_makers_are_not_known_names_no_one(tmp_path):
    """`authors` is optional: a resource without it shows no stray comma on its card, claims no
    author in the JSON-LD, and the feed stays valid Atom (the handbook is the feed's author)."""
    data = write_data(tmp_path / "data", {"sauce-book": resource_yaml(authors=None)})
    handbook = build_handbook(data)
    book = next(r for r in handbook.resources if r.id == "sauce-book")
    assert book.authors == ()
    page = render_pages(handbook)["skills/cooking.md"].markdown
    meta = re.search(
        r'id="res-sauce-book".*?<p class="hb-resource__meta"[^>]*>(.*?)</p>', page, re.S
    )
    assert meta is not None and meta.group(1).endswith("</span> 2020"), meta
    assert learning_resource(book).get("author") is None
    talk = next(r for r in handbook.resources if r.id == "hosting-talk")
    assert learning_resource(talk)["author"] == ["Ben Host"]
    feed = ET.fromstring(atom_feed(handbook, site_url="https://example.org/", title="Kitchen"))  # noqa: S314
    assert [a.findtext(f"{ATOM}name") for a in feed.findall(f"{ATOM}author")] == ["Kitchen"]
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.findall(f"{ATOM}entry")}
    assert entries["The Sauce Book"].find(f"{ATOM}author") is None
    assert entries["Hosting Without Fear"].findtext(f"{ATOM}author/{ATOM}name") == "Ben Host"
    record = json.loads(resources_json(handbook))["resources"]
    assert next(r for r in record if r["id"] == "sauce-book")["authors"] == []
