"""Every CLI command and option is documented in the README, and every --help works (sqlite-utils style)."""
import argparse
import re

import pytest

from flows.cli import build_parser, main
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _subcommands():
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_command_is_documented(name):
    assert f"wirewatch {name}" in README, f"`wirewatch {name}` is not documented in README.md"


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_options_are_documented(name):
    for action in _subcommands()[name]._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag != "--help":
                assert re.search(rf"wirewatch {name}[^\n]*{re.escape(flag)}", README), \
                    f"`wirewatch {name} {flag}` is not documented in README.md"


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_help_works(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([name, "--help"])
    assert exit_.value.code == 0
    assert "usage: wirewatch" in capsys.readouterr().out


def test_readme_first_screen_has_exactly_two_commands():
    first_screen = README.split("\n---\n", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", first_screen, re.S)
    assert len(blocks) == 2
    assert "pip install -e '.[dev]'" in blocks[0] and "wirewatch demo" in blocks[0]
    ci = (REPO / ".ci" / "run").read_text()
    assert blocks[1].strip() in ci, "the README's test command must be what CI runs"
    assert blocks[0].split(" && .venv/bin/wirewatch")[0].strip() in ci


def test_unknown_command_is_one_line_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_missing_feeds_file_is_one_line(tmp_path, capsys):
    assert main(["run", "--feeds", str(tmp_path / "none.yaml"), "--data", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wirewatch: error: ") and err.count("\n") == 1 and "no such feed file" in err


@pytest.mark.parametrize("text,problem", [
    ("feeds:\n  - name: a\n    url: ftp://example.org/rss\n", "feed 'a': url must be an http(s) URL"),
    ("feeds:\n  - name: a\n    url: https://example.org/rss\n    langue: fr\n", "feed 'a': unknown key 'langue'"),
    ("feeds: [\n", "not valid YAML"),
])
def test_bad_feeds_file_is_one_line_before_any_flow_run(tmp_path, capsys, text, problem):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(text)
    assert main(["run", "--feeds", str(feeds), "--data", str(tmp_path / "data")]) == 2
    out, err = capsys.readouterr()
    assert err.startswith(f"wirewatch: error: {feeds}") and err.count("\n") == 1 and problem in err
    assert "Flow run" not in out + err and not (tmp_path / "data").exists()


def test_report_without_warehouse(tmp_path, capsys):
    assert main(["report", "--data", str(tmp_path)]) == 2
    assert "no lake yet" in capsys.readouterr().err
