#!/usr/bin/python3
"""Input latency of the real viewer window, driven by real X input events (xdotool) under Xvfb
with Mesa's software rasterizer: the time from sending an event to the end of the frame that
answers it, for wheel zoom, drag pan and click-to-select, and the times to the first picture and
to exit after Ctrl+Q.

    bench/latency.py [--build BUILD_DIR] [--actors 33334] [--work DIR]

The store is generated with bench/generate.py (33,334 actors give ~100k ties) and laid out once
(positions saved), so the window opens from saved positions, as a researcher's second visit does.
The window runs with --input-log, which records when each batch of input arrived and when the
frame that fed it was done (glFinish after the buffer swap). An event's latency is that frame's
end minus the moment just before xdotool was started to send it (so the process start of xdotool
counts against govnet). The layout is paused (space) before measuring, so repaints come from the
input alone."""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def sh(*args, **kw):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def xdo(*args):
    """Sends one xdotool command; returns the time just before it started."""
    t = time.time()
    subprocess.run(("xdotool",) + args, check=True)
    return t


def read_log(path):
    first, inputs = None, []
    with open(path) as f:
        for line in f:
            p = line.split()
            if p[0] == "first-frame":
                first = float(p[1])
            elif p[0] == "input":
                inputs.append({"arrival": float(p[1]), "done": float(p[2]), "kinds": p[4],
                               "how": p[6]})
    return first, inputs


def answer(inputs, sent, need=None, within=2.0):
    """The first frame that fed input arriving after `sent` (and that meets `need`)."""
    for i in inputs:
        if i["arrival"] >= sent - 0.0005 and (need is None or need(i)):
            return i if i["arrival"] < sent + within else None
    return None


def summary(name, latencies):
    if not latencies:
        return f"{name}: no samples"
    ms = sorted(x * 1000 for x in latencies)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return (f"{name}: {len(ms)} events, median {statistics.median(ms):.1f} ms, "
            f"p95 {p95:.1f} ms, max {ms[-1]:.1f} ms")


def prepare(govnet, work, actors):
    data, db = os.path.join(work, "net"), os.path.join(work, "db")
    if os.path.isdir(db):
        return db
    sh("/usr/bin/python3", os.path.join(HERE, "generate.py"), "--actors", str(actors), "--out", data)
    sh(govnet, "import", "--db", db, "--dataset", "generated",
       *(os.path.join(data, f) for f in ("actors.csv", "instruments.csv", "ties.csv")))
    # Lay it out once and keep the positions, as a window closed after a first visit would.
    sh(govnet, "view", "--db", db, "--screenshot", os.path.join(work, "first.png"),
       "--layout-steps", "300", "--save-positions")
    return db


def measure(govnet, db, work, width, height):
    log = os.path.join(work, "input.log")
    started = time.time()
    # A picture flag (--labels) opens the view itself, not the last scene the window saved.
    proc = subprocess.Popen([govnet, "view", "--db", db, "--input-log", log, "--labels", "30", "--size",
                             f"{width}x{height}"], stdout=subprocess.DEVNULL)
    while not (os.path.exists(log) and read_log(log)[0]):
        if proc.poll() is not None:
            sys.exit("govnet view exited before its first frame")
        time.sleep(0.01)
    window = sh("xdotool", "search", "--sync", "--pid", str(proc.pid)).stdout.split()[0].decode()
    xdo("windowfocus", "--sync", window)
    time.sleep(1.0)
    cx, cy = width // 2, height // 2
    xdo("mousemove", "--window", window, str(cx), str(cy))
    xdo("keydown", "space")
    xdo("keyup", "space")  # pause the layout
    time.sleep(2.0)
    zooms, pans, clicks = [], [], []
    for burst in range(8):  # wheel: bursts of three notches, then a look
        for _ in range(3):
            zooms.append(xdo("click", "--window", window, "4" if burst % 2 == 0 else "5"))
            time.sleep(0.08)
        time.sleep(1.5)
    for stroke in range(8):  # drags of ten moves
        sx, sy = cx - 100 + 25 * stroke, cy - 60 + 15 * stroke
        xdo("mousemove", "--window", window, str(sx), str(sy))
        xdo("mousedown", "1")
        for step in range(1, 11):
            time.sleep(0.03)
            pans.append(xdo("mousemove", "--window", window, str(sx + 12 * step),
                            str(sy + 6 * step)))
        xdo("mouseup", "1")
        time.sleep(1.5)
    for i in range(10):  # clicks around the middle, where nodes are dense
        x, y = cx - 150 + 33 * i, cy - 40 + 9 * (i % 4)
        xdo("mousemove", "--window", window, str(x), str(y))
        time.sleep(0.3)
        clicks.append(xdo("click", "--window", window, "1"))
        time.sleep(1.5)
    closing = xdo("keydown", "ctrl")
    xdo("key", "--window", window, "q")
    xdo("keyup", "ctrl")
    proc.wait()
    exited = time.time()
    first, inputs = read_log(log)

    def latencies(sends, need=None):
        out = []
        for s in sends:
            a = answer(inputs, s, need)
            if a:
                out.append(a["done"] - s)
        return out

    print(f"first picture {first - started:.2f} s after start; exit {exited - closing:.2f} s "
          "after Ctrl+Q")
    print(summary("wheel zoom", latencies(zooms)))
    print(summary("drag pan", latencies(pans)))
    # The selection changes at the button's release; its frame repaints (or defers that).
    selected = latencies(clicks, lambda a: "button" in a["kinds"] and
                         a["how"] in ("deferred", "repainted"))
    print(summary("click that changed the selection (Details filled)", selected))
    hows = {}
    for i in inputs:
        hows[i["how"]] = hows.get(i["how"], 0) + 1
    print("frames with input, by how the network was drawn:",
          ", ".join(f"{k} {v}" for k, v in sorted(hows.items())))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.path.join(HERE, "..", "build"))
    ap.add_argument("--actors", type=int, default=33334)
    ap.add_argument("--work", help="keep the generated store here (reused when present)")
    ap.add_argument("--size", default="1280x800")
    a = ap.parse_args()
    if not os.environ.get("DISPLAY"):
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
                               sys.executable] + sys.argv)
    govnet = os.path.abspath(os.path.join(a.build, "cli", "govnet"))
    work = a.work or tempfile.mkdtemp(prefix="govnet-latency-")
    os.makedirs(work, exist_ok=True)
    width, height = (int(v) for v in a.size.split("x"))
    try:
        db = prepare(govnet, work, a.actors)
        measure(govnet, db, work, width, height)
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
