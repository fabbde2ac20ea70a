"""urls.py: which resource URLs are refused, and when two spellings are the same page."""

from __future__ import annotations

import pytest
from handbook_engine.urls import is_site_root, normalise_url, url_problem


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "http://example.org/a/b?x=1#part",
        "https://www.example.co.uk:443/path",
        "https://sub-domain.example.org/caf%C3%A9",
        "https://example.org/café",  # a non-ASCII path is fine: only the host must be ASCII
        "https://xn--bcher-kva.example/",
        "https://1e100.net/",  # digits are fine when the last label is a name
        "https://my_site.example.org/",
    ],
)
def test_plain_public_urls_pass(url: str):
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://bücher.example/",
            "the host must be ASCII: write 'xn--bcher-kva.example' instead of 'bücher.example'",
        ),
        (
            "https://BÜCHER.example/x",
            "the host must be ASCII: write 'xn--bcher-kva.example' instead of 'bücher.example'",
        ),
        (  # an ideographic full stop is a dot to IDNA, and the hint says so
            "https://example\u3002org/",
            "the host must be ASCII: write 'example.org' instead of 'example\u3002org'",
        ),
        (  # a label over 63 characters has no ASCII form to suggest
            "https://" + "é" * 70 + ".example/",
            "the host must be ASCII: write it in its xn-- (punycode) form",
        ),
        (  # full-width digits are an IP address once IDNA maps them
            "https://\uff11\uff12\uff17.\uff10.\uff10.\uff11/",
            "URL must point to a public host name, not 127.0.0.1",
        ),
    ],
)
def test_internationalised_host_names_get_their_ascii_form(url: str, message: str):
    assert url_problem(url) == message


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://10.0.0.5/", "10.0.0.5"),
        ("https://93.184.215.14/page", "93.184.215.14"),  # public, but still not a name
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]/", "::1"),
        ("http://[2606:2800::1]/", "2606:2800::1"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1"),
        ("http://[fe80::1%25eth0]/", "fe80::1%25eth0"),
        ("http://127.1/", "127.1"),  # the short forms a resolver also reads as 127.0.0.1
        ("http://0x7f.0.0.1/", "0x7f.0.0.1"),
        ("http://0177.0.0.1/", "0177.0.0.1"),
        ("http://2130706433/", "2130706433"),
        ("http://1.2.3.4.5/", "1.2.3.4.5"),
        ("https://foo.localhost/", "foo.localhost"),
        ("https://printer.local/", "printer.local"),
        ("https://db.corp.internal/", "db.corp.internal"),
        ("https://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal"),
        ("https://nas.home.arpa/", "nas.home.arpa"),
        ("https://router.lan/", "router.lan"),
        ("https://ROUTER.LAN/", "router.lan"),
    ],
)
def test_ip_addresses_and_local_names_are_refused(url: str, host: str):
    assert url_problem(url) == f"URL must point to a public host name, not {host}"


@pytest.mark.parametrize(
    "url",
    ["http://localhost/x", "https://localhost./", "https://intranet/", "https://.example.org/"],
)
def test_dotless_names_keep_the_older_message(url: str):
    assert url_problem(url) == "URL needs a public host name such as example.org"


@pytest.mark.parametrize(
    "char",
    [
        "\u200b",  # zero-width space
        "\u200c",
        "\u200d",
        "\u200e",  # left-to-right mark
        "\u200f",
        "\u202a",
        "\u202e",  # right-to-left override: "moc.elpmaxe" shows as example.com
        "\u2060",  # word joiner
        "\u2064",
        "\u2066",
        "\u2069",
        "\ufeff",  # byte order mark, often pasted from a document
        "\u061c",  # Arabic letter mark
    ],
)
@pytest.mark.parametrize(
    "where", ["https://exa{}mple.org/", "https://example.org/a{}b", "{}https://example.org/"]
)
def test_invisible_characters_are_refused_anywhere(char: str, where: str):
    assert url_problem(where.format(char)) == (
        f"URL contains an invisible character U+{ord(char):04X}; retype it"
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://example.org/a\u00a0b", "URL contains whitespace"),  # a no-break space
        ("https://example.org/a\u2028b", "URL contains whitespace"),
        ("https://example.org/a\x00b", "URL contains whitespace"),
        ("https://exa%6dple.org/", "URL host may only contain letters, digits, hyphens and dots"),
        ("https://a..b.example/", "URL host may only contain letters, digits, hyphens and dots"),
        ("https://a*b.example/", "URL host may only contain letters, digits, hyphens and dots"),
        ("http://[::1/", "URL cannot be parsed"),
        ("https://example.org:99999/", "URL cannot be parsed"),
        ("https://example.org:8080/", "URL must use the standard port"),
        ("javascript:alert(1)", "URL scheme must be http or https, not 'javascript'"),
        ("https://user@example.org/", "URL must not contain a user name or password"),
        ("https://example.org@10.0.0.5/", "URL must not contain a user name or password"),
    ],
)
def test_hostile_urls_are_refused(url: str, message: str):
    problem = url_problem(url)
    assert problem is not None
    assert problem.startswith(message)


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("https://example.org", True),
        ("https://example.org/", True),
        ("https://example.org/#about", True),  # a fragment is still the home page
        ("https://example.org/?lang=en", False),
        ("https://example.org/talks/2024", False),
        ("https://example.org/index.html", False),
        ("http://[::1", False),  # not parseable: not a site root either
    ],
)
def test_is_site_root(url: str, root: bool):
    assert is_site_root(url) is root


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("http://www.example.org/a/", "https://example.org/a"),
        ("https://example.org/a/index.html", "https://example.org/a"),
        ("https://example.org/a?utm_source=x&b=2&a=1#top", "https://example.org/a?a=1&b=2"),
        ("https://example.org/caf%C3%A9", "https://example.org/caf%c3%a9"),
        ("https://example.org/caf%C3%A9", "https://example.org/café"),
        ("https://example.org/%7Euser/a%2Db%5F%2E", "https://example.org/~user/a-b_."),
        ("https://example.org/%41%5a%30", "https://example.org/AZ0"),
        ("https://example.org/index%2Ehtml", "https://example.org/"),
        ("https://example.org/?q=caf%C3%A9", "https://example.org/?q=café"),
        ("https://bücher.example/", "https://xn--bcher-kva.example/"),
        ("https://EXAMPLE.org/", "https://example.org"),
        # one video, its many addresses
        ("https://www.youtube.com/watch?v=LCEmiRjPEtQ", "https://youtu.be/LCEmiRjPEtQ"),
        (
            "https://www.youtube.com/watch?v=LCEmiRjPEtQ",
            "https://m.youtube.com/watch?v=LCEmiRjPEtQ",
        ),
        ("https://youtube.com/watch?feature=share&v=abc", "https://youtu.be/abc?si=XYZ"),
        ("https://www.youtube.com/watch?v=abc&t=30s", "https://www.youtube.com/embed/abc"),
        ("https://www.youtube.com/shorts/abc", "https://www.youtube.com/live/abc/"),
        ("https://www.youtube.com/watch?v=abc&list=PL1", "https://youtu.be/abc"),
    ],
)
def test_same_page_same_key(one: str, other: str):
    assert normalise_url(one) == normalise_url(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://example.org/a%2Fb", "https://example.org/a/b"),  # an escaped / is not a /
        ("https://example.org/a%3Fb", "https://example.org/a?b"),
        ("https://example.org/A", "https://example.org/a"),  # paths are case-sensitive
        ("https://example.org/a?x=1", "https://example.org/a?x=2"),
        ("https://example.org/a", "https://example.net/a"),
        ("https://youtu.be/abc", "https://youtu.be/abd"),
        ("https://www.youtube.com/playlist?list=PL1", "https://www.youtube.com/playlist?list=PL2"),
        ("https://www.youtube.com/watch?v=abc", "https://www.youtube.com/@abc"),
        ("https://example.org/watch?v=abc", "https://www.youtube.com/watch?v=abc"),
    ],
)
def test_different_pages_different_keys(one: str, other: str):
    assert normalise_url(one) != normalise_url(other)


def test_normalised_escapes_are_upper_case_and_unreserved_ones_decoded():
    assert (
        normalise_url("https://example.org/caf%c3%a9/%7e%2f%zz%")
        == "//example.org/caf%C3%A9/~%2F%zz%"
    )


@pytest.mark.parametrize(
    "url",
    ["http://[::1", "", "   ", "https://example.org/\ud800", "%%%", "https://" + "é" * 70 + ".x/"],
)
def test_normalise_never_raises(url: str):
    assert isinstance(normalise_url(url), str)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("https://example.org/talk?utm_source=newsletter", "utm_source"),
        ("https://example.org/talk?v=3&UTM_Campaign=spring", "UTM_Campaign"),
        ("https://example.org/post?fbclid=IwAR0abc", "fbclid"),
        ("https://example.org/post?gclid=", "gclid"),  # even with no value
        ("https://example.org/post?ref=producthunt#part", "ref"),
        ("https://www.linkedin.com/pulse/a-post?trk=public_post", "trk"),
        ("https://example.org/post?_hsenc=p2ANqtz", "_hsenc"),
        ("https://example.org/post?srsltid=AfmBOo", "srsltid"),
        ("https://www.instagram.com/p/abc/?igshid=xyz", "igshid"),
        ("https://youtu.be/abc?si=XYZ", "si"),  # YouTube's share id
        ("https://m.youtube.com/watch?v=abc&feature=share", "feature"),
    ],
)
def test_tracking_parameters_are_refused_by_name(url: str, parameter: str):
    assert url_problem(url) == (
        f"URL carries the tracking parameter {parameter!r}; remove it, the address works without it"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=zjkBMFhNj_g",
        "https://example.org/utm_source/guide",  # in the path, not a parameter
        "https://example.org/search?reference=ml",
        "https://example.org/page#utm_source=x",  # a fragment is never sent to the server
        "https://example.org/search?si=units&feature=maps",  # YouTube's share words, elsewhere
        "https://www.youtube.com/watch?v=abc&t=30s",  # a start time is part of what it shows
    ],
)
def test_parameters_that_are_the_address_stay(url: str):
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("https://www.amazon.com/dp/0123456789?tag=myaffil-20", "tag"),
        ("https://www.amazon.co.uk/dp/0123456789/?ref_=x&tag=a-21", "tag"),
        ("https://example.org/course?aff=abc123", "aff"),
        ("https://example.org/course?AffiliateID=9", None),  # not a name we know: let through
        ("https://example.org/course?affiliate_id=9", "affiliate_id"),
        ("https://www.udemy.com/course/x/?referralCode=ABC123", "referralCode"),
        ("https://example.org/course?irclickid=xyz&irgwc=1", "irclickid"),
        ("https://www.amazon.com/dp/0123456789?ascsubtag=x", "ascsubtag"),
    ],
)
def test_affiliate_parameters_are_refused(url: str, parameter: str | None):
    expected = (
        None
        if parameter is None
        else f"URL carries the affiliate parameter {parameter!r}; remove it, the address works "
        "without it"
    )
    assert url_problem(url) == expected


def test_tag_is_an_affiliate_code_only_on_amazon():
    assert url_problem("https://example.org/blog?tag=mlops") is None
    assert url_problem("https://notamazon.com/dp/1?tag=x") is None


@pytest.mark.parametrize(
    "url", ["https://bit.ly/3abcDEF", "https://t.co/xyz123", "https://www.tinyurl.com/ml-pm-x"]
)
def test_short_links_are_refused(url: str):
    problem = url_problem(url)
    assert problem is not None and "short link" in problem and "address it arrives at" in problem


def test_hosts_that_only_end_like_a_short_link_stay():
    assert url_problem("https://habit.ly/post") is None
    assert url_problem("https://microsoft.co/page") is None
