"""No import circles (scripts/check_imports.py), and the check finds one when there is one."""
import check_imports  # scripts/, on pytest's path (pyproject.toml)


def test_the_project_has_no_import_circle():
    known = check_imports.modules()
    graph = {name: check_imports.imports_of(name, path, set(known)) for name, path in known.items()}
    assert check_imports.cycles(graph) == []
    assert graph["bot.cli"] >= {"bot.export", "bot.cli_support"}  # the graph is read, not empty


def test_a_circle_is_found_however_late_the_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert check_imports.cycles(graph) == [["a", "b", "c"]]


def test_relative_and_from_imports_name_the_module(tmp_path):
    pkg = tmp_path / "bot"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "one.py").write_text("def f():\n    from . import two\n")
    (pkg / "two.py").write_text("from bot.one import f\n")
    known = {"bot", "bot.one", "bot.two"}
    assert check_imports.imports_of("bot.one", pkg / "one.py", known) == {"bot.two"}
    assert check_imports.imports_of("bot.two", pkg / "two.py", known) == {"bot.one"}
