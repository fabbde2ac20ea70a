"""This handbook's own pages (guides, playbook, every generated page) are valid HTML to the Nu
HTML checker, but for the errors Material's own theme markup makes (tests/nu_checker.py)."""

from __future__ import annotations

import pytest
from nu_checker import assert_valid_but_for_material

pytestmark = pytest.mark.build


def test_every_page_of_this_handbook_is_valid_html_but_for_materials_own_markup(
    real_site, tmp_path
):
    assert (real_site.site / "playbook" / "index.html").exists()
    assert_valid_but_for_material(real_site.site, tmp_path)
