"""The repository's own automation: workflows, Dependabot, issue form and safe YAML loading.

Validation uses check-jsonschema's vendored copies of the GitHub schemas, offline: the
subprocess gets a dead proxy, so any attempt to fetch a schema would fail the test.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from trees import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORM = GITHUB / "ISSUE_TEMPLATE" / "new-resource.yml"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    dead = "http://127.0.0.1:9"  # nothing listens there: a fetch would fail, not succeed
    env = {**os.environ, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "NO_PROXY": ""}
    env.update({k.lower(): v for k, v in env.items() if k.endswith("_PROXY")})
    script = "from check_jsonschema import main; main()"
    return subprocess.run(
        [sys.executable, "-c", script, "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_the_workflows_exist():
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "deploy.yml", "links.yml"}


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
        ("vendor.github-issue-forms", [ISSUE_FORM]),
        ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
    ],
    ids=["workflows", "dependabot", "issue-form", "issue-config"],
)
def test_valid_against_the_vendored_github_schemas(schema: str, files: list[Path]):
    done = _check_jsonschema(schema, *files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  test:\n    steps: []\n", encoding="utf-8")
    done = _check_jsonschema("vendor.github-workflows", broken)
    assert done.returncode == 1, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path: Path):
    text = path.read_text(encoding="utf-8")
    assert "pull_request_target" not in text
    triggers = _load(path).get(True, _load(path).get("on"))  # PyYAML reads `on` as True
    assert "pull_request_target" not in (triggers or {})


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_declares_permissions(path: Path):
    workflow = _load(path)
    assert workflow.get("permissions") == {"contents": "read"}, "top-level default"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} has no permissions"
        assert job["permissions"] not in ("write-all", "read-all"), f"{path.name}: {name}"


def test_write_permissions_only_where_needed():
    writes = {
        (path.name, name): {k for k, v in job["permissions"].items() if v == "write"}
        for path in WORKFLOWS
        for name, job in _load(path)["jobs"].items()
    }
    assert {key: value for key, value in writes.items() if value} == {
        ("deploy.yml", "deploy"): {"pages", "id-token"},
        ("links.yml", "report"): {"issues"},
    }


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path: Path):
    uses = [
        line.split("uses:", 1)[1].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"^\s*(-\s+)?uses:", line)
    ]
    assert uses, f"{path.name} uses no actions?"
    for ref in uses:
        assert PINNED.match(ref), f"{path.name}: {ref!r} is not pinned as owner/repo@<sha> # vX"


def test_the_same_action_has_the_same_pin_everywhere():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for ref in re.findall(r"uses:\s*(\S+@[0-9a-f]{40} # v[\d.]+)", path.read_text()):
            pins.setdefault(ref.split("@")[0], set()).add(ref)
    assert pins and all(len(refs) == 1 for refs in pins.values()), pins


def test_deploy_and_links_workflows():
    deploy = _load(GITHUB / "workflows" / "deploy.yml")
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    links = _load(GITHUB / "workflows" / "links.yml")
    triggers = links[True]
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    text = (GITHUB / "workflows" / "links.yml").read_text(encoding="utf-8")
    assert "handbook links --report report.md" in text
    assert '"Broken resource links"' in text and "gh issue close" not in text


def test_dependabot_covers_pip_and_actions_weekly():
    updates = _load(GITHUB / "dependabot.yml")["updates"]
    assert {
        (u["package-ecosystem"], u["directory"], u["schedule"]["interval"]) for u in updates
    } == {
        ("pip", "/", "weekly"),
        ("github-actions", "/", "weekly"),
    }


def test_issue_form_matches_the_resource_schema():
    schema = json.loads((ROOT / "data" / "schemas" / "resource.schema.json").read_text())
    fields = {item["id"]: item for item in _load(ISSUE_FORM)["body"] if "id" in item}
    # set by maintainers: the date of merging, and of the last review
    asked = [name for name in schema["properties"] if name not in ("added", "checked")]
    assert [name for name in fields if name in schema["properties"]] == asked  # schema order
    optional_in_form = {"topic"}  # a maintainer can choose it from the skill groups
    for name in asked:
        spec = schema["properties"][name]
        if "enum" in spec:
            assert fields[name]["type"] == "dropdown"
            assert fields[name]["attributes"]["options"] == spec["enum"], name
        required = fields[name].get("validations", {}).get("required", False)
        assert required == (name in schema["required"] and name not in optional_in_form), name
    assert fields["skills"]["attributes"]["multiple"] is True


def test_contributing_explains_every_field_and_choice():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    schema = json.loads((ROOT / "data" / "schemas" / "resource.schema.json").read_text())
    for name, spec in schema["properties"].items():
        assert f"| `{name}` |" in text, name
        for value in spec.get("enum", []):
            assert f"`{value}`" in text, f"{name}: {value}"


def _python_files() -> list[Path]:
    files = [ROOT / "dev.py"]
    for folder in ("hooks", "tests"):
        files += [p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts]
    return sorted(files)


def _unsafe_yaml_loads(path: Path) -> list[int]:
    """Lines calling yaml.load / load_all / unsafe_load without a Loader that is safe."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    bad = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        target = node.func
        if not (isinstance(target.value, ast.Name) and target.value.id == "yaml"):
            continue
        if target.attr in ("unsafe_load", "unsafe_load_all", "full_load", "full_load_all"):
            bad.append(node.lineno)
        elif target.attr in ("load", "load_all"):
            loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
            if loader is None and len(node.args) > 1:
                loader = node.args[1]
            name = ast.unparse(loader) if loader is not None else ""
            if not re.search(r"(^|\.)(C?SafeLoader|_Loader|_BaseLoader)$", name):
                bad.append(node.lineno)
    return bad


def test_no_unsafe_yaml_load():
    found = {
        path.relative_to(ROOT).as_posix(): lines
        for path in _python_files()
        if (lines := _unsafe_yaml_loads(path))
    }
    assert found == {}


def test_the_unsafe_yaml_scan_finds_what_it_should(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import yaml\n"
        "yaml.load(text)\n"  # 2: no Loader
        "yaml.load(text, Loader=yaml.Loader)\n"  # 3: unsafe Loader
        "yaml.load(text, yaml.FullLoader)\n"  # 4: unsafe Loader
        "yaml.unsafe_load(text)\n"  # 5
        "yaml.load(text, Loader=yaml.SafeLoader)\n"
        "yaml.load(text, Loader=yaml.CSafeLoader)\n"
        "yaml.safe_load(text)\n",
        encoding="utf-8",
    )
    assert _unsafe_yaml_loads(sample) == [2, 3, 4, 5]


def test_forms_are_generated_from_the_data_and_have_not_drifted(tmp_path):
    """`handbook forms --check` fails when the issue form or contact link differ from the data."""
    from handbook_engine import cli

    assert cli.main(["forms", "--project", str(ROOT), "--check"]) == 0
    # a fork with other groups gets other choices: the generator reads skills.yml, not this file

    for name in ("data", ".github", "mkdocs.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copyfile(source, tmp_path / name)
    skills = tmp_path / "data" / "skills.yml"
    first = _load(skills)["skills"][0]["id"]
    skills.write_text(
        skills.read_text(encoding="utf-8").replace(f"id: {first}\n", "id: baking\n", 1)
    )
    assert cli.main(["forms", "--project", str(tmp_path), "--check"]) == 1
    assert cli.main(["forms", "--project", str(tmp_path)]) == 0
    form = _load(tmp_path / ".github" / "ISSUE_TEMPLATE" / "new-resource.yml")
    options = next(f for f in form["body"] if f.get("id") == "skills")["attributes"]["options"]
    assert options[0] == "baking"


def test_contact_link_points_at_the_branch_the_edit_links_use(tmp_path):
    """A fork publishing from another branch gets a "How to contribute" link that exists."""
    from handbook_engine import cli

    shutil.copytree(ROOT / "data", tmp_path / "data")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^edit_uri: .*$", "edit_uri: edit/trunk/docs/", config)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert cli.main(["forms", "--project", str(tmp_path)]) == 0
    links = _load(tmp_path / ".github" / "ISSUE_TEMPLATE" / "config.yml")["contact_links"]
    assert links[0]["url"].endswith("/blob/trunk/CONTRIBUTING.md")
