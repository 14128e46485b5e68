#!/usr/bin/env python3
"""Runs `immersim run --out DIR --plots` and `immersim plot` as a user would and
checks what comes out: every figure index.html shows exists as a PNG of the
chart's size and as an SVG document; the page carries the summary table (every
strategy, every chosen metric) and the scenario's text, escaped; a sweep gets a
picture of each metric against a swept parameter; and a folder that is not a
study's is refused with exit 2 and a positioned message, writing nothing.

    check_plots.py IMMERSIM SCENARIO WORKDIR [--sweep]

A study under sequential stopping must say how many seeds it ran.
"""
import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path}: not a PNG")
    return struct.unpack(">II", head[16:24])


def check_figures(plots, page):
    shown = re.findall(r'<img src="([^"]+)\.png"', page)
    if not shown:
        fail("index.html shows no figure")
    for stem in shown:
        stem = html.unescape(stem)
        if png_size(f"{plots}/{stem}.png") != (1200, 675):
            fail(f"{stem}.png is not 1200x675")
        root = ET.parse(f"{plots}/{stem}.svg").getroot()
        if not root.tag.endswith("svg"):
            fail(f"{stem}.svg is not an SVG document")
    return shown


def check_page(out, page, metrics):
    summary = json.load(open(out + "/summary.json"))
    for s in summary["points"][0]["strategies"]:
        if "<th>" + html.escape(s["strategy"]) + "</th>" not in page:
            fail(f"the summary table lacks strategy {s['strategy']!r}")
    for m in metrics:
        if f"<td>{m} <small>" not in page:
            fail(f"the summary table lacks metric {m}")
    scenario = open(out + "/scenario.yaml").read()
    shown = re.search(r"<pre>(.*?)</pre>", page, re.S)
    if not shown or html.unescape(shown.group(1)) != scenario or "<" in shown.group(1):
        fail("index.html does not show the scenario's text, escaped")


def check_refusal(immersim, workdir):
    bad = workdir + "/not-a-study"
    shutil.rmtree(bad, ignore_errors=True)
    os.makedirs(bad)
    with open(bad + "/summary.json", "w") as f:
        f.write('{\n  "schema": "immersim-summary",\n  oops\n}\n')
    done = subprocess.run([immersim, "plot", bad], capture_output=True, text=True)
    if done.returncode != 2 or f"{bad}/summary.json:3:3: error:" not in done.stderr:
        fail(f"a broken summary.json: exit {done.returncode}, said {done.stderr!r}")
    if os.path.exists(bad + "/plots"):
        fail("a refused folder still got a plots folder")


def main():
    immersim, scenario, workdir = sys.argv[1:4]
    sweep = "--sweep" in sys.argv[4:]
    out = workdir + "/study"
    metrics = ["conflict_rate", "overwritten_writes", "convergence_time_ms"]
    subprocess.run([immersim, "run", scenario, "--out", out, "--overwrite", "--plots",
                    "--metrics", ",".join(metrics)], check=True, stdout=subprocess.DEVNULL)
    page = open(out + "/plots/index.html").read()
    shown = check_figures(out + "/plots", page)
    check_page(out, page, metrics)
    summary = json.load(open(out + "/summary.json"))
    for m in metrics:
        pictures = [s for s in shown if s.startswith(m)]
        if not pictures:
            fail(f"no picture of {m}")
        if sweep and not all("-vs-" in s for s in pictures):
            fail(f"a sweep's {m} is not drawn against a swept parameter: {pictures}")
    if "until" in summary:
        # Sequential stopping: the pictures count the seeds run, not the most allowed.
        ran = {p["seeds_run"] for p in summary["points"]}
        said = f"{min(ran)} seeds" if len(ran) == 1 else f"{min(ran)} to {max(ran)} seeds"
        if "sequential stopping" not in page or f"{said} per strategy" not in page:
            fail(f"index.html does not say the study ran {said} per strategy")
        svg = open(out + "/plots/conflict_rate.svg").read()
        if f"over {said}" not in svg or f"over {summary['seeds']} seeds" in svg:
            fail(f"the conflict_rate picture does not say 'over {said}'")
    series = [s for s in shown if s.startswith("timeseries-")]
    if len(series) != 5 * len(summary["points"]):
        fail(f"{len(series)} time-series pictures for {len(summary['points'])} points")
    # `immersim plot` on the same folder, SVG only, elsewhere: the same figures.
    again = workdir + "/svg-only"
    shutil.rmtree(again, ignore_errors=True)
    subprocess.run([immersim, "plot", out, "--to", again, "--format", "svg",
                    "--metrics", ",".join(metrics)], check=True, stdout=subprocess.DEVNULL)
    svgs = sorted(f[:-4] for f in os.listdir(again) if f.endswith(".svg"))
    if svgs != sorted(html.unescape(s) for s in shown) or any(f.endswith(".png") for f in os.listdir(again)):
        fail("--format svg did not draw the same figures, as SVG only")
    check_refusal(immersim, workdir)
    print(f"ok: {len(shown)} figures, PNG and SVG, index.html with table and scenario")


main()
