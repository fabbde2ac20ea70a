"""The Atom feed (exports.py) read back by an XML parser: every address and name it carries
comes back exactly, whatever quotes, angle brackets or whitespace it holds."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from handbook_engine.exports import atom_feed
from handbook_engine.validate import build_handbook
from trees import write_data

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
