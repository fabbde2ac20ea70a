"""Machine-readable views of the handbook: resources.json, an Atom feed and schema.org JSON-LD.

Everything here is derived from the data alone (no clock), so two builds of one commit match.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from .ids import slug
from .model import Handbook, Resource

FEED_SIZE = 20
# Characters XML 1.0 cannot carry at all; a feed with one is not a feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# xml.sax.saxutils escapes the same way, but importing it loads urllib.request, ssl and http,
# a sixth of the engine's import time, for three replacements.
def _xml(text: str) -> str:
    text = _NOT_XML.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attr(text: str) -> str:
    """A quoted attribute value (quotes and whitespace kept as the value has them)."""
    text = _xml(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return '"' + text.replace('"', "&quot;") + '"'


def safe_json(value: object) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' can close or open a tag."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def iso_duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")


def resource_record(resource: Resource) -> dict[str, object]:
    """Every field of a resource, as the data gives it, plus derived `minutes` and `anchor`."""
    record: dict[str, object] = {
        "id": resource.id,
        "title": resource.title,
        "url": resource.url,
        "kind": resource.kind,
        "authors": list(resource.authors),
        "skills": list(resource.skills),
        "topic": resource.topic,
        "cost": resource.cost,
        "level": resource.level,
        "time": resource.time,
        "minutes": resource.minutes,
        "year": resource.year,
        "tags": list(resource.tags),
        "why": resource.why,
        "added": resource.added,
        "anchor": f"res-{resource.id}",
        "source": resource.source,
    }
    return record


def resources_json(handbook: Handbook) -> str:
    document = {
        "version": 1,
        # competencies: the ids a rating may use; rating_positions: the order ratings saved
        # by position (before competencies had ids) were in, where the data records it
        "skills": [
            {
                "id": s.id,
                "title": s.title,
                "competencies": [c.id for c in s.competencies],
                **(
                    {"rating_positions": list(handbook.rating_positions[s.id])}
                    if s.id in handbook.rating_positions
                    else {}
                ),
            }
            for s in handbook.skills
        ],
        "stages": [{"id": stage.id, "title": stage.title} for stage in handbook.stages],
        "resources": [resource_record(r) for r in handbook.resources],
        "redirects": dict(sorted(handbook.redirects.items())),
        # practice ids, so an import can count saved results whose item is no longer here
        "questions": [
            {"id": q.id, "skill": q.skill, "points": len(q.points)} for q in handbook.questions
        ],
        "checks": [
            {"id": c.id, "skill": c.skill, "options": len(c.options)} for c in handbook.checks
        ],
        "capstones": [
            {"id": c.id, "skill": c.skill, "rubric": [item.id for item in c.rubric]}
            for c in handbook.capstones
        ],
        # glossary terms by the key a review card has, without its "term-" prefix
        "terms": sorted(slug(t.term) for t in handbook.terms),
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def learning_resource(resource: Resource) -> dict[str, object]:
    item: dict[str, object] = {
        "@type": "LearningResource",
        "@id": f"#res-{resource.id}",
        "name": resource.title,
        "url": resource.url,
        "learningResourceType": resource.kind,
        "educationalLevel": resource.level,
        "isAccessibleForFree": resource.cost == "free",
        "description": resource.why,
        "keywords": list(resource.tags),
    }
    if resource.authors:  # a work whose makers are not known names no one
        item["author"] = list(resource.authors)
    if resource.minutes:
        item["timeRequired"] = iso_duration(resource.minutes)
    if resource.year:
        item["datePublished"] = str(resource.year)
    return item


def json_ld(resources: Iterable[Resource]) -> str:
    return safe_json(
        {
            "@context": "https://schema.org",
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": i, "item": learning_resource(r)}
                for i, r in enumerate(resources, start=1)
            ],
        }
    )


def atom_feed(
    handbook: Handbook, *, site_url: str, title: str, pages: dict[str, str] | None = None
) -> str:
    """The newest resources by `added` date (ties by id), as an Atom 1.0 feed.

    `pages` gives, for a resource id, its page relative to the site root (with its anchor)."""
    newest = sorted(handbook.resources, key=lambda r: (r.added, r.id), reverse=True)[:FEED_SIZE]
    base = site_url.rstrip("/") + "/"
    updated = (newest[0].added if newest else "1970-01-01") + "T00:00:00Z"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{_xml(title)}: new resources</title>",
        f"  <id>{_xml(base)}feed.xml</id>",
        f'  <link rel="self" href={_xml_attr(base + "feed.xml")}/>',
        f"  <link href={_xml_attr(base + 'catalogue/')}/>",
        f"  <updated>{updated}</updated>",
        # Atom wants an author for every entry: the handbook's name stands for an entry whose
        # work names no authors of its own
        f"  <author><name>{_xml(title)}</name></author>",
    ]
    for r in newest:
        page = base + (pages or {}).get(r.id, f"skills/{r.skills[0]}/#res-{r.id}")
        lines += [
            "  <entry>",
            f"    <title>{_xml(r.title)}</title>",
            f"    <id>{_xml(page)}</id>",
            f"    <link href={_xml_attr(page)}/>",
            f'    <link rel="related" href={_xml_attr(r.url)}/>',
            f"    <updated>{r.added}T00:00:00Z</updated>",
            *[f"    <author><name>{_xml(a)}</name></author>" for a in r.authors],
            f"    <category term={_xml_attr(r.kind)}/>",
            f"    <summary>{_xml(r.why)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
