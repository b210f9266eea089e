#!/usr/bin/python3
"""Deterministic generator of governance-like networks, in govnet CSV and as a plain edge list.

    bench/generate.py --actors 10000 --out /tmp/net10k [--seed 1] [--ties-per-actor 3]

About 200 states, the rest international organisations, NGOs, agencies and regional processes;
multi-party instruments (agreements, dialogues, programmes) whose parties are drawn with
preferential attachment, so degrees are heavy-tailed; directed funding ties with amounts and
years; cooperation and assistance ties between actors. Writes actors.csv, instruments.csv,
ties.csv and edges.txt into --out. edges.txt is the graph govnet's default (full, undirected) view
builds from those ties, for the peer tools: one "u v" line per linked pair of keys (A12, I5), each
pair once, no self-loops.
"""
import argparse
import csv
import os
import random

KINDS = ["international_org", "ngo", "eu_agency", "regional_process", "private", "subnational"]
INSTRUMENT_KINDS = ["agreement", "dialogue", "funding_programme", "project", "declaration", "policy"]
STATUSES = ["signed", "in_force", "negotiating", "stalled", "ended"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--actors", type=int, required=True)
    ap.add_argument("--ties-per-actor", type=float, default=3.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    n = a.actors
    states = min(200, max(1, n // 5))
    n_instruments = max(1, n // 10)

    # Preferential attachment: a growing list in which each actor appears once per tie it has.
    weighted = list(range(n))
    def pick():
        return rng.choice(weighted)

    edges = []
    def name(vertex):
        return f"A{vertex}" if vertex < n else f"I{vertex - n}"
    with open(os.path.join(a.out, "actors.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["key", "name", "kind", "iso3"])
        for i in range(n):
            kind = "state" if i < states else KINDS[rng.randrange(len(KINDS))]
            iso = "".join(chr(65 + (i // 676) % 26) + chr(65 + (i // 26) % 26) + chr(65 + i % 26)) if kind == "state" else ""
            w.writerow([f"A{i}", f"Actor {i}", kind, iso])
    with open(os.path.join(a.out, "instruments.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["key", "name", "kind", "start", "end", "status"])
        for j in range(n_instruments):
            start = rng.randint(1990, 2020)
            end = start + rng.randint(1, 15) if rng.random() < 0.3 else ""
            w.writerow([f"I{j}", f"Instrument {j}", INSTRUMENT_KINDS[rng.randrange(len(INSTRUMENT_KINDS))],
                        start, end, STATUSES[rng.randrange(len(STATUSES))]])
    total = int(n * a.ties_per_actor)
    with open(os.path.join(a.out, "ties.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["from", "to", "family", "role", "directed", "amount", "currency", "start"])
        made = 0
        # Multi-party instruments: about half of the ties are participations.
        while made < total // 2:
            j = rng.randrange(n_instruments)
            for _ in range(min(2 + int(rng.paretovariate(1.5)), 60)):
                u = pick()
                w.writerow([f"A{u}", f"I{j}", "agreement", "party", "", "", "", ""])
                edges.append((u, n + j))
                weighted.append(u)
                made += 1
        while made < total:
            u, v = pick(), pick()
            if u == v:
                continue
            if rng.random() < 0.4:
                w.writerow([f"A{u}", f"A{v}", "funding", "funder", "true", rng.randint(10, 5000) * 1000, "EUR",
                            rng.randint(1995, 2024)])
            else:
                w.writerow([f"A{u}", f"A{v}", rng.choice(["cooperation", "assistance", "dialogue"]), "", "", "", "", ""])
            edges.append((u, v))
            weighted.extend((u, v))
            made += 1
    # Parallel ties are one link in govnet's view; the peers get each pair once.
    seen = set()
    with open(os.path.join(a.out, "edges.txt"), "w") as f:
        for u, v in edges:
            pair = (u, v) if u < v else (v, u)
            if pair in seen:
                continue
            seen.add(pair)
            f.write(f"{name(u)} {name(v)}\n")
    print(f"{n} actors, {n_instruments} instruments, {total} ties -> {a.out}")


if __name__ == "__main__":
    main()
