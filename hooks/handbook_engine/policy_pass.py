"""The policy pass of a build (csp.py says what is refused): each page is checked, and given its
policy, as MkDocs is about to write it; once the site is written, every other file a browser
opens as a document is read and checked, and so is any page whose file is no longer what was
checked (another plugin rewrote it). What is published is what was checked, read once."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from . import csp, documents
from .problems import printable

UNKNOWN_SOURCE = "a theme template or a file copied from docs/"


@dataclass
class PolicyPass:
    known_scripts: list[re.Pattern[str]]
    write: bool  # the policy goes into pages: off under `serve` and with HANDBOOK_CSP=false
    sources: dict[str, str] = field(default_factory=dict)  # built file -> the file it comes from
    refused: list[str] = field(default_factory=list)  # "  page (from source): what"
    handed: dict[str, tuple[int, int]] = field(default_factory=dict)  # page -> (size, CRC-32)

    def page(self, uri: str, html: str) -> str:
        """A page as MkDocs is about to write it: checked, with its policy if it passes."""
        out = self._document(uri, html)
        written = out.encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes it
        self.handed[uri] = (len(written), zlib.crc32(written))
        return out

    def files(self, site_dir: Path) -> list[str]:
        """Check every built document not checked as it was written; returns all refused."""
        for path in sorted(site_dir.rglob("*")):
            suffix = path.suffix.lower()  # a copied NOTES.HTML opens as a page all the same
            if suffix not in documents.DOCUMENT_SUFFIXES or not path.is_file():
                continue
            uri = path.relative_to(site_dir).as_posix()
            handed = self.handed.get(uri)
            if handed and handed[0] == path.stat().st_size:
                raw = path.read_bytes()
                if zlib.crc32(raw) == handed[1]:
                    continue  # the page as it was checked
            else:
                raw = path.read_bytes()
            text, unreadable = documents.decode(raw)
            if unreadable:  # its text is not what a browser would read: nothing to inspect
                self.refused.append(f"{self._where(uri)}: {unreadable}")
                continue
            out = self._document(uri, text)
            if out is not text:
                path.write_text(out, encoding="utf-8")
        return self.refused

    def _document(self, uri: str, text: str) -> str:
        suffix = Path(uri).suffix.lower()
        source = self.sources.get(uri, UNKNOWN_SOURCE)
        copied = source.startswith("docs/") and not source.endswith(".md")
        hashes, bad = csp.inspect_document(suffix, text, self.known_scripts, copied=copied)
        self.refused += [f"{self._where(uri)}: {what}" for what in bad]
        if self.write and not bad and suffix in documents.PAGE_SUFFIXES:  # SVG, XML hold none
            return csp.with_policy(text, hashes, xml=suffix in documents.XML_PAGE_SUFFIXES)
        return text

    def _where(self, uri: str) -> str:
        # a file's name is anyone's: printed with its line breaks and control codes escaped
        return f"  {printable(uri)} (from {printable(self.sources.get(uri, UNKNOWN_SOURCE))})"
