"""The domain layer never imports Textual, the import-linter contracts hold, and no section
number is typed outside the Act profiles (oiadraft/data/acts/)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def domain_modules() -> list[str]:
    package = REPO / "oiadraft"
    names = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(REPO)
        if rel.parts[1] == "tui" or path.name == "__main__.py":
            continue
        names.append(".".join(rel.with_suffix("").parts).removesuffix(".__init__"))
    return names


def test_domain_modules_do_not_import_textual():
    modules = domain_modules()
    assert "oiadraft.model" in modules and "oiadraft.cli" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from oiadraft.cli import build_parser\n"
        "build_parser()\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, check=True)
    assert result.stdout.strip() == "", f"textual imported by the domain layer: {result.stdout}"


# "s18(f)", "s 16", "section 19(a)(ii)", "ss 18(a)(i)", "18(f)", "9(2)(a)", "15A", "18B"
SECTION_PATTERN = re.compile(
    r"(?<![\w.])(?:ss?\.?\s?|sections?\s+)\d{1,2}[A-Z]{0,2}(?:\(\w{1,4}\))*"
    r"|(?<![\w./-])\d{1,2}[A-Z]{0,2}(?:\([0-9]{1,2}[A-Z]{0,2}\)|\([a-h]{1,2}\))(?:\(\w{1,4}\))*"
    r"|(?<![\w./-])1[5-9][AB](?!\w)",
    re.IGNORECASE,
)


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
        # attribute docstrings: a bare string right after an assignment
        for field in ("body", "orelse"):
            stmts = getattr(node, field, None)
            for stmt in stmts if isinstance(stmts, list) else []:
                if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                    ids.add(id(stmt.value))
    return ids


def python_string_literals(path: Path):
    """(line, text) for every string literal in a module that can reach a user (docstrings and
    comments are documentation, not output)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstring_nodes(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def yaml_text_lines(path: Path):
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.lstrip().startswith("#"):
            yield lineno, line


def sources_that_must_not_type_sections():
    for path in sorted((REPO / "oiadraft").rglob("*.py")):
        yield path, python_string_literals(path)
    yaml_files = list((REPO / "oiadraft" / "data").glob("*.yaml"))  # not data/acts/*.yaml
    yaml_files += list((REPO / "prompts").glob("*.yaml")) + list((REPO / "clauses").glob("*.yaml"))
    for path in sorted(yaml_files):
        yield path, yaml_text_lines(path)


def test_no_section_number_typed_outside_the_act_profiles():
    offenders = []
    for path, lines in sources_that_must_not_type_sections():
        for lineno, text in lines:
            if "sections-ok" in text:  # an explicit, reviewed exception (e.g. Privacy Act IPP 6)
                continue
            for match in SECTION_PATTERN.finditer(text):
                offenders.append(f"{path.relative_to(REPO)}:{lineno}: {match.group(0)!r}")
    assert offenders == []


def test_the_section_pattern_catches_what_it_should():
    for text in ["s18(f)", "section 16", "under s19(a)(ii)", "18(f)", "9(2)(a)", "ss 18(a)(i)",
                 "s15A", "18B", "section 12(3)"]:
        assert SECTION_PATTERN.search(text), text
    for text in ["{s.preferences}", "2024-10-11", "part 3", "1 October 2020", "(a) Disarmament",
                 "version: 1"]:
        assert not SECTION_PATTERN.search(text), text


def _lint_imports(*args: str) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).parent / "lint-imports"
    return subprocess.run([str(tool), "--no-cache", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


def test_import_linter_contracts_hold():
    """The layer contracts in pyproject.toml ([tool.importlinter]), as `make lint` runs them."""
    result = _lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    contracts = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    assert f"{len(contracts['contracts'])} kept, 0 broken" in result.stdout


def test_a_forbidden_contract_is_not_vacuous(tmp_path):
    """The same kind of contract breaks when the import it forbids exists (the store does
    import the model), so a kept contract means something."""
    probe = tmp_path / "probe.ini"
    probe.write_text("[importlinter]\nroot_package = oiadraft\n\n"
                     "[importlinter:contract:probe]\nname = probe\ntype = forbidden\n"
                     "source_modules = oiadraft.store\nforbidden_modules = oiadraft.model\n",
                     encoding="utf-8")
    result = _lint_imports(str(probe))
    assert result.returncode != 0 and "BROKEN" in result.stdout


def act_key_literals(source: str) -> list[tuple[int, str]]:
    """String constants in Python source that are an Act's key, docstrings left out."""
    from oiadraft.acts import act_keys

    keys = set(act_keys())
    tree = ast.parse(source)
    docstrings = _docstring_nodes(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and node.value in keys and id(node) not in docstrings]


def test_no_act_key_is_typed_in_the_code():
    """Which Acts exist, and which is the default, is data: code asks the profiles."""
    offenders = []
    for path in sorted((REPO / "oiadraft").rglob("*.py")):
        for lineno, value in act_key_literals(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(REPO)}:{lineno}: {value!r}")
    assert offenders == []


def test_the_act_key_scan_sees_a_literal_but_not_a_docstring():
    source = '"""Mentions "oia" in prose."""\ndef f():\n    """get_act("lgoima")"""\n' \
             '    return get_act("lgoima")\n'
    assert act_key_literals(source) == [(4, "lgoima")]
