#!/usr/bin/python3
"""Writes a large IATI activity file for memory and speed measurements of `govnet import`.

The activities of samples/iati/eutf-migration.xml are repeated, each copy with its own activity
identifiers (the organisations stay the same), until the file reaches --mb megabytes.
    bench/make_iati.py --mb 100 --out /tmp/big-iati.xml
"""
import argparse
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
SAMPLE = HERE.parent / "samples" / "iati" / "eutf-migration.xml"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    start = text.index(" <iati-activity ")
    end = text.rindex("</iati-activities>")
    head, body = text[:start], text[start:end]
    target = int(a.mb * 1e6)
    copies = 0
    with open(a.out, "w", encoding="utf-8") as out:
        out.write(head)
        written = len(head.encode())
        while written < target:
            chunk = re.sub("XI-IATI-EC_INTPA-T05", "XI-IATI-EC_INTPA-B%d" % copies, body)
            out.write(chunk)
            written += len(chunk.encode())
            copies += 1
        out.write("</iati-activities>\n")
    print("%s: %d copies, %d activities, %.1f MB" % (a.out, copies, 6 * copies, written / 1e6))


if __name__ == "__main__":
    main()
