#!/usr/bin/python3
"""Writes importers/data/countries.csv — ISO 3166-1 codes and names for actor resolution — from
Debian's iso-codes package (/usr/share/iso-codes/json/iso_3166-1.json), plus the everyday
spellings researchers' tables use that ISO does not list (e.g. "Ivory Coast", "Cape Verde").
Run it again when iso-codes changes; the CSV is committed so building govnet does not need it."""
import csv, json, pathlib, sys

# Everyday names by alpha-3 code (facts about usage, not from any one source).
EXTRA = {
    "BOL": ["Bolivia"], "BIH": ["Bosnia", "Bosnia-Herzegovina"], "BRN": ["Brunei"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"], "CPV": ["Cape Verde"], "COD": ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo"],
    "COG": ["Congo-Brazzaville", "Republic of Congo", "Congo Republic"], "CZE": ["Czech Republic"],
    "GBR": ["UK", "Great Britain", "Britain", "United Kingdom"], "USA": ["US", "USA", "United States of America", "America"],
    "GMB": ["The Gambia"], "IRN": ["Iran"], "KOR": ["South Korea", "Korea"], "PRK": ["North Korea"],
    "LAO": ["Laos"], "MDA": ["Moldova", "Republic of Moldova"], "MKD": ["Macedonia", "FYROM", "North Macedonia"],
    "MMR": ["Burma"], "NLD": ["Holland", "The Netherlands"], "PSE": ["Palestine"], "RUS": ["Russia"],
    "SWZ": ["Swaziland", "Eswatini"], "SYR": ["Syria"], "TZA": ["Tanzania"], "TUR": ["Turkey", "Turkiye"],
    "TWN": ["Taiwan"], "VEN": ["Venezuela"], "VNM": ["Vietnam", "Viet Nam"], "VAT": ["Vatican", "Holy See"],
    "FSM": ["Micronesia"], "TLS": ["East Timor", "Timor-Leste"], "XKX": ["Kosovo"],
}

def main():
    src = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]
    out = pathlib.Path(__file__).resolve().parent.parent / "importers" / "data" / "countries.csv"
    rows = []
    for c in src:
        names = [c["name"]]
        for k in ("common_name", "official_name"):
            if k in c and c[k] not in names:
                names.append(c[k])
        for n in EXTRA.get(c["alpha_3"], []):
            if n not in names:
                names.append(n)
        display = c.get("common_name", c["name"])
        rows.append((c["alpha_2"], c["alpha_3"], display, "|".join(n for n in names if n != display)))
    # Kosovo has no ISO 3166-1 code; XKX is the code the EU and others use.
    rows.append(("XK", "XKX", "Kosovo", "|".join(EXTRA["XKX"][1:])))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["alpha2", "alpha3", "name", "other_names"])
        for r in sorted(rows, key=lambda r: r[1]):
            w.writerow(r)
    print(f"wrote {len(rows)} countries to {out}", file=sys.stderr)

main()
