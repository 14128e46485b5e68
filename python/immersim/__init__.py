"""immersim from Python.

    import immersim
    study = immersim.run("scenarios/latency-sweep.yaml", seeds=10,
                         set={"topology.clients": 20}, jobs=2)
    study.summary()     # a pandas DataFrame (a list of dicts without pandas)
    study.runs()        # one row per run
    study.digest        # the digest `immersim run` prints for the same inputs

Runs go through the same loader, run order and writers as the `immersim`
command, so the same inputs give the same bytes (study.json(), study.table(),
study.write(dir)). See docs/python.md.
"""
import csv
import io
import json
import os

from . import _immersim

__all__ = ["run", "validate", "metrics", "Study", "ScenarioError", "__version__"]
__version__ = _immersim.version


class ScenarioError(ValueError):
    """A scenario (or an override) that cannot run. `errors` lists every problem
    found, each a dict with file, line, column, message and text (the
    `file:line:col: error: ...` line the CLI prints)."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(e["text"] for e in errors))


def _yaml_text(value):
    """A Python value as `--set KEY=VALUE` would write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value) if not isinstance(value, float) else repr(value)
    return json.dumps(value)  # lists and dicts: JSON is YAML's flow style


def _overrides(set_, seeds):
    pairs = [(str(key), _yaml_text(value)) for key, value in (set_ or {}).items()]
    if seeds is not None:
        pairs.append(("seeds", str(int(seeds))))
    return pairs


def _frame(rows):
    try:
        import pandas
    except ImportError:
        return rows
    return pandas.DataFrame(rows)


def _number_or_text(cell):
    try:
        number = float(cell)
    except ValueError:
        return cell
    return int(number) if number.is_integer() and "." not in cell and "e" not in cell else number


class Study:
    """A finished study. Its numbers are those of `immersim run` for the same inputs."""

    def __init__(self, core):
        self._core = core
        self._doc = None

    @property
    def digest(self):
        """The digest over every run, as `immersim run` prints it."""
        return self._core.digest

    def json(self):
        """The text `immersim run --format json` prints."""
        return self._core.json()

    def table(self, metrics=None):
        """The table `immersim run` prints; `metrics`: "all" or a list of names."""
        if metrics == "all":
            metrics = [m["name"] for m in _immersim.metrics()]
        return self._core.table(list(metrics or []))

    def write(self, folder):
        """Writes the files `--out FOLDER` writes (runs.csv, summary.csv,
        summary.json, timeseries.csv, perf.csv, scenario.yaml)."""
        os.makedirs(folder, exist_ok=True)
        self._core.write(str(folder))

    def document(self):
        """summary.json as Python objects."""
        if self._doc is None:
            self._doc = json.loads(self._core.json())
        return self._doc

    def summary(self):
        """One row per point, strategy and metric: the swept parameters (typed
        columns), strategy, metric, unit, n, mean, stddev, ci95_half, min, max
        (None where fewer than two seeds give no interval)."""
        doc = self.document()
        units = {m["name"]: m["unit"] for m in doc["metric_definitions"]}
        rows = []
        for point in doc["points"]:
            for entry in point["strategies"]:
                for metric, values in entry["metrics"].items():
                    over = values["over_seeds"] or {}
                    rows.append({**point["parameters"], "strategy": entry["strategy"],
                                 "metric": metric, "unit": units[metric],
                                 **{k: over.get(k) for k in
                                    ("n", "mean", "stddev", "ci95_half", "min", "max")}})
        return _frame(rows)

    def runs(self):
        """One row per run: the swept parameters, strategy, seed, digest,
        stop_reason, complete, and every metric (None where it does not apply)."""
        rows = []
        for run in self.document()["runs"]:
            rows.append({**run["parameters"], "strategy": run["strategy"], "seed": run["seed"],
                         "digest": run["digest"], "stop_reason": run["stop_reason"],
                         "complete": run["complete"], **run["metrics"]})
        return _frame(rows)

    def timeseries(self):
        """timeseries.csv: one row per run and sample."""
        return _csv_table(self._core.timeseries_csv())

    def documents(self):
        """documents.csv: one row per run and document (a scenario with
        `documents:`; no rows otherwise)."""
        return _csv_table(self._core.documents_csv())


def _csv_table(text):
    """A CSV text as a DataFrame, or as a list of dicts without pandas."""
    try:
        import pandas
    except ImportError:
        reader = csv.DictReader(io.StringIO(text))
        keep_text = {"scenario", "strategy"}
        return [{k: v if k in keep_text else _number_or_text(v) for k, v in row.items()}
                for row in reader]
    return pandas.read_csv(io.StringIO(text))


def run(path, *, seeds=None, set=None, seed=None, jobs=1):  # noqa: A002 (the CLI's name)
    """Runs a study as `immersim run PATH --set KEY=VALUE... --seed SEED --jobs JOBS`
    does. `seeds` overrides the number of seeds; `set` maps dotted keys to values.
    Raises ScenarioError with every positioned error when it cannot run."""
    core, errors = _immersim.run_study(str(path), _overrides(set, seeds), seed, int(jobs))
    if core is None:
        raise ScenarioError(errors)
    return Study(core)


def validate(text_or_path, *, set=None):  # noqa: A002
    """The positioned errors of a scenario given as a file path or as YAML text
    (each a dict with file, line, column, message, text); empty when it is valid."""
    source = str(text_or_path)
    if "\n" not in source and os.path.exists(source):
        return _immersim.validate_file(source, _overrides(set, None))
    if set:
        raise ValueError("set= applies to a file path, not to scenario text")
    return _immersim.validate_text(source, "<text>")


def metrics():
    """Every metric: name, unit, and whether lower is better (docs/metrics.md)."""
    return _immersim.metrics()
