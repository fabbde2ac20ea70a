"""The shipped scripts and stylesheets lose their comments, and nothing else."""

from __future__ import annotations

from handbook_engine.compact import compact_assets, compact_script, compact_stylesheet


def test_a_script_loses_the_comments_that_fill_whole_lines():
    source = (
        "/*\n * What this file does.\n */\n"
        "(() => {\n"
        "  // why the next line is so\n"
        "  const a = 1; // said after code: kept (it could be a regular expression)\n"
        "  /* one line */\n"
        "  const b = 2;\n"
        "})();\n"
    )
    assert compact_script(source) == (
        "(() => {\n"
        "  const a = 1; // said after code: kept (it could be a regular expression)\n"
        "  const b = 2;\n"
        "})();\n"
    )


def test_what_only_looks_like_a_comment_in_a_script_is_kept():
    kept = [
        'const svg = "http://www.w3.org/2000/svg";\n',
        "const text = `first line\n// not a comment: the template's text\n/* nor this */\nend`;\n",
        "/* a block that code follows */ const c = 3;\n",
        "/* a block over lines,\n   code after its end */ const d = 4;\n",
        "/*! a notice that must ship */\n",
        "const re = /\\/\\/ not a comment/;\n",
    ]
    for source in kept:
        assert compact_script(source) == source, source


def test_a_script_with_a_block_never_closed_is_left_as_it_is():
    source = "const a = 1;\n/* never closed\nconst b = 2;\n"
    assert compact_script(source) == source


def test_a_stylesheet_loses_every_comment_outside_a_string():
    source = (
        "/* Cards */\n"
        ".a { color: red; } /* after a rule */\n"
        '.b::before { content: "/* kept: a string */"; }\n'
        ".c::before { content: '\\'/* still a string'; }\n"
        "/*! a notice */\n"
        ".d { margin: 0 /* inside a rule */ 1px; }\n"
    )
    assert compact_stylesheet(source) == (
        ".a { color: red; } \n"
        '.b::before { content: "/* kept: a string */"; }\n'
        ".c::before { content: '\\'/* still a string'; }\n"
        "/*! a notice */\n"
        ".d { margin: 0  1px; }\n"
    )


def test_only_the_handbook_s_own_folders_are_rewritten(tmp_path):
    (tmp_path / "javascripts" / "vendor").mkdir(parents=True)
    (tmp_path / "stylesheets").mkdir()
    (tmp_path / "assets").mkdir()
    ours = tmp_path / "javascripts" / "a.js"
    ours.write_text("// note\nrun();\n", encoding="utf-8")
    style = tmp_path / "stylesheets" / "a.css"
    style.write_text("/* note */\n.a { b: c; }\n", encoding="utf-8")
    vendored = tmp_path / "javascripts" / "vendor" / "v.js"
    theme = tmp_path / "assets" / "t.js"
    for other in (vendored, theme):
        other.write_text("// licence\nrun();\n", encoding="utf-8")
    compact_assets(tmp_path)
    assert ours.read_text(encoding="utf-8") == "run();\n"
    assert style.read_text(encoding="utf-8") == ".a { b: c; }\n"
    for other in (vendored, theme):
        assert other.read_text(encoding="utf-8") == "// licence\nrun();\n"
