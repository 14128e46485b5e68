"""The Python module against the CLI: the same inputs give the same bytes, errors
come back positioned, and the tables come as DataFrames (lists without pandas).

Run by ctest (python.module) with PYTHONPATH at the build's python folder and
IMMERSIM_CLI naming the built `immersim` command."""
import filecmp
import os
import subprocess
import sys

import pytest

import immersim

CLI = os.environ["IMMERSIM_CLI"]
SOURCE = os.environ["IMMERSIM_SOURCE"]
SWEEP = os.path.join(SOURCE, "tests/outputs/sweep-with-a-hard-name.yaml")
# The same study both ways: overrides in the same order.
SETS = {"duration": "2s", "workload.ops": [{"increment": "likes"}]}
CLI_SETS = ["--set", "duration=2s", "--set", 'workload.ops=[{"increment": "likes"}]',
            "--set", "seeds=2"]


def cli(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def study():
    return immersim.run(SWEEP, seeds=2, set=SETS, jobs=2)


def test_version_is_the_cli_version():
    assert cli("--version").strip() == "immersim " + immersim.__version__


def test_json_and_table_are_the_cli_bytes(study):
    assert study.json() == cli("run", SWEEP, *CLI_SETS, "--format", "json")
    assert study.table() == cli("run", SWEEP, *CLI_SETS)
    assert study.table("all") == cli("run", SWEEP, *CLI_SETS, "--metrics", "all")
    assert study.digest in study.table()


def test_written_folder_is_the_cli_folder(study, tmp_path):
    study.write(tmp_path / "python")
    cli("run", SWEEP, *CLI_SETS, "--out", str(tmp_path / "cli"))
    names = ["runs.csv", "summary.csv", "summary.json", "timeseries.csv", "scenario.yaml"]
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "python", tmp_path / "cli", names,
                                               shallow=False)
    assert (mismatch, errors) == ([], [])


def test_any_number_of_jobs_gives_the_same_study(study):
    assert immersim.run(SWEEP, seeds=2, set=SETS, jobs=1).json() == study.json()


def test_seed_changes_the_runs_as_the_cli_flag_does():
    seeded = immersim.run(SWEEP, seeds=2, set=SETS, seed=99)
    assert seeded.json() == cli("run", SWEEP, *CLI_SETS, "--seed", "99", "--format", "json")


def test_dataframes_with_pandas(study):
    pandas = pytest.importorskip("pandas")
    summary = study.summary()
    assert isinstance(summary, pandas.DataFrame)
    latency = summary["topology.link.latency_ms"]
    assert latency.dtype.kind in "if"  # numbers, so 5 < 50 < 200
    assert sorted(latency.unique()) == [5, 50, 200]
    runs = study.runs()
    assert len(runs) == 3 * 2 * 1 * 2 * 2  # latency x rate x clients x strategies x seeds
    assert set(runs["strategy"]) == {"none", 'merge, "sum"'}
    assert (runs["lost_increments"][runs["strategy"] == 'merge, "sum"'] == 0).all()
    assert len(study.timeseries()) > 0


def test_lists_of_dicts_without_pandas(study, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    rows = study.summary()
    assert isinstance(rows, list) and isinstance(rows[0], dict)
    first = rows[0]
    assert first["metric"] == "operations" and first["n"] == 2
    assert isinstance(first["topology.link.latency_ms"], (int, float))
    series = study.timeseries()
    assert isinstance(series[0]["time_ms"], int) and series[0]["strategy"] == "none"


def test_bad_scenario_raises_every_positioned_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nseeds: -1\nduration: soon\n")
    with pytest.raises(immersim.ScenarioError) as raised:
        immersim.run(bad)
    cli_errors = subprocess.run([CLI, "validate", str(bad)], capture_output=True, text=True)
    assert cli_errors.returncode == 2
    assert [e["text"] for e in raised.value.errors] == cli_errors.stderr.splitlines()
    assert any(e["line"] == 2 and e["column"] == 8 for e in raised.value.errors)
    assert immersim.validate(str(bad)) == raised.value.errors


def test_validate_text_and_a_valid_file():
    assert immersim.validate(SWEEP) == []
    errors = immersim.validate("name: x\nduration: 3s\nseeds: many\n")
    assert any(e["file"] == "<text>" and e["line"] == 3 and "seeds" in e["message"]
               for e in errors)


def test_metrics_are_the_catalogue():
    names = {m["name"]: m for m in immersim.metrics()}
    assert names["conflict_rate"]["unit"] == "fraction"
    assert names["conflict_rate"]["lower_is_better"] is True
    with pytest.raises(ValueError):
        immersim.run(SWEEP, seeds=1, set=SETS).table(["no_such_metric"])


def test_documents_table_adds_up_to_the_runs():
    path = os.path.join(SOURCE, "scenarios/documents.yaml")
    docs_study = immersim.run(path, seeds=1, set={"duration": "5s"})
    runs = docs_study.runs()
    documents = docs_study.documents()
    assert len(documents) > len(runs)  # many documents per run
    for strategy in set(runs["strategy"]):
        mine = documents[documents["strategy"] == strategy]
        run = runs[runs["strategy"] == strategy].iloc[0]
        assert mine["changes"].sum() == run["changes"]
        assert mine["conflicting_changes"].sum() == run["conflicting_changes"]
        assert mine["clients"].sum() == 200
    assert len(study_without_documents_rows()) == 0


def study_without_documents_rows():
    return immersim.run(SWEEP, seeds=1, set=SETS).documents()
