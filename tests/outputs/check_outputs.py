#!/usr/bin/env python3
"""Reads a study's files as a researcher's notebook would, and checks that they
cannot mislead: every CSV row has the header's field count through Python's csv
module (RFC 4180), names with commas and quotes come back whole, numbers carry
full precision (equal to summary.json's), swept columns are numbers that sort
right, and summary.json validates against the schema shipped in docs/.

    check_outputs.py IMMERSIM SCENARIO SCHEMA WORKDIR
"""
import csv
import json
import subprocess
import sys

import jsonschema


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def rows_of(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            fail(f"{path}:{number}: {len(row)} fields, header has {len(header)}")
    return header, body


def main():
    immersim, scenario, schema_path, workdir = sys.argv[1:5]
    out = workdir + "/outputs"
    subprocess.run([immersim, "run", scenario, "--out", out, "--overwrite"],
                   check=True, stdout=subprocess.DEVNULL)
    summary = json.load(open(out + "/summary.json"))
    jsonschema.validate(summary, json.load(open(schema_path)))
    stdout_json = subprocess.run([immersim, "run", scenario, "--format", "json"], check=True,
                                 capture_output=True, text=True).stdout
    jsonschema.validate(json.loads(stdout_json), json.load(open(schema_path)))

    for name in ("runs.csv", "summary.csv", "timeseries.csv", "perf.csv"):
        header, body = rows_of(f"{out}/{name}")
        if any(row[0] != summary["scenario"] for row in body):
            fail(f"{name}: the scenario's name does not come back whole")

    header, runs = rows_of(out + "/runs.csv")
    if len(runs) != len(summary["runs"]):
        fail(f"runs.csv has {len(runs)} runs, summary.json {len(summary['runs'])}")
    if "until" in summary:
        check_sequential(summary)
        print(f"ok: {len(runs)} runs under sequential stopping; schema valid")
        return
    for column in summary["swept_columns"]:
        if column["unit"] is None and column["column"] != "topology.clients":
            continue
        values = [float(row[header.index(column["column"])]) for row in runs]
        expected = [run["parameters"][column["column"]] for run in summary["runs"]]
        if values != expected:
            fail(f"{column['column']}: {values} in CSV, {expected} in JSON")
    latency = sorted({float(row[header.index("topology.link.latency_ms")]) for row in runs})
    if latency != [5.0, 50.0, 200.0]:
        fail(f"swept latencies read {latency}, not the numbers 5, 50, 200 ms")
    labels = {row[header.index("strategy")] for row in runs}
    if 'merge, "sum"' not in labels:
        fail(f"a strategy's name with a comma and quotes came back as {labels}")
    rate = header.index("conflict_rate")
    for row, run in zip(runs, summary["runs"]):
        if float(row[rate]) != run["metrics"]["conflict_rate"]:
            fail(f"conflict_rate {row[rate]} in CSV is not {run['metrics']['conflict_rate']}")
    check_with_pandas(out, summary)
    print(f"ok: {len(runs)} runs; CSV and JSON agree at full precision; schema valid")


def check_sequential(summary):
    """Sequential stopping: each point's seeds_run is the runs made per strategy,
    a whole number of batches or the most allowed, and at most `max`."""
    rule = summary["until"]
    strategies = len(summary["points"][0]["strategies"])
    for point in summary["points"]:
        n = point["seeds_run"]
        if n > rule["max"] or (n % rule["batch"] != 0 and n != rule["max"]):
            fail(f"seeds_run {n} is not a whole number of batches of {rule['batch']} "
                 f"up to {rule['max']}")
        made = [r for r in summary["runs"] if r["parameters"] == point["parameters"]]
        if len(made) != n * strategies:
            fail(f"{len(made)} runs listed for a point that ran {n} seeds x {strategies}")


def check_with_pandas(out, summary):
    """The same files as pandas reads them: whole names, numeric swept columns that
    sort as numbers, full-precision metrics. Skipped (said so) without pandas."""
    try:
        import pandas
    except ImportError:
        print("note: pandas is not installed; its reading of the files was not checked")
        return
    # pandas' default float parser may miss the last bit; round_trip reads exactly
    # what was written (docs/cli.md says so).
    runs = pandas.read_csv(out + "/runs.csv", float_precision="round_trip")
    if list(runs["scenario"].unique()) != [summary["scenario"]]:
        fail(f"pandas reads the scenario's name as {runs['scenario'].unique()}")
    latency = runs["topology.link.latency_ms"]
    if latency.dtype.kind not in "if" or sorted(latency.unique()) != [5, 50, 200]:
        fail(f"pandas reads the swept latency as {latency.dtype}: {sorted(latency.unique())}")
    if list(runs["conflict_rate"]) != [r["metrics"]["conflict_rate"] for r in summary["runs"]]:
        fail("pandas reads conflict_rate at less than full precision")
    summary_csv = pandas.read_csv(out + "/summary.csv")
    if 'merge, "sum"' not in set(summary_csv["strategy"]):
        fail(f"pandas reads the strategies as {set(summary_csv['strategy'])}")


main()
