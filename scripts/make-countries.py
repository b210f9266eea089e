#!/usr/bin/python3
"""Writes importers/data/countries.csv — ISO 3166-1 codes and names for actor resolution — from
Debian's iso-codes package (/usr/share/iso-codes/json/iso_3166-1.json), with the names' French,
Spanish, Portuguese, German and Arabic translations from the same package's message catalogues
(/usr/share/locale/LANG/LC_MESSAGES/iso_3166-1.mo), plus the everyday spellings researchers'
tables use that ISO does not list (e.g. "Ivory Coast", "Cape Verde", "Congo (Kinshasa)").
A translation that is also a name of another country (in any language) is left out, so that
every name resolves to one country.
Run it again when iso-codes changes; the CSV is committed so building govnet does not need it."""
import csv, gettext, json, pathlib, sys, unicodedata

LANGUAGES = ["fr", "es", "pt", "pt_BR", "de", "ar"]

# Everyday names by alpha-3 code (facts about usage, not from any one source).
EXTRA = {
    "BOL": ["Bolivia"], "BIH": ["Bosnia", "Bosnia-Herzegovina"], "BRN": ["Brunei"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"], "CPV": ["Cape Verde"],
    "COD": ["DR Congo", "DRC", "Congo-Kinshasa", "Congo (Kinshasa)", "Democratic Republic of Congo", "Democratic Republic of the Congo", "RD Congo", "RDC"],
    "COG": ["Congo-Brazzaville", "Congo (Brazzaville)", "Republic of Congo", "Republic of the Congo", "Congo Republic"], "CZE": ["Czech Republic"],
    "GBR": ["UK", "Great Britain", "Britain", "United Kingdom"], "USA": ["US", "USA", "United States of America", "America"],
    "GMB": ["The Gambia"], "IRN": ["Iran"], "KOR": ["South Korea", "Korea"], "PRK": ["North Korea"],
    "LAO": ["Laos"], "MDA": ["Moldova", "Republic of Moldova"], "MKD": ["Macedonia", "FYROM", "North Macedonia"],
    "MMR": ["Burma"], "NLD": ["Holland", "The Netherlands"], "PSE": ["Palestine"], "RUS": ["Russia"],
    "SWZ": ["Swaziland", "Eswatini"], "SYR": ["Syria"], "TZA": ["Tanzania"], "TUR": ["Turkey", "Turkiye"],
    "TWN": ["Taiwan"], "VEN": ["Venezuela"], "VNM": ["Vietnam", "Viet Nam"], "VAT": ["Vatican", "Holy See"],
    "FSM": ["Micronesia"], "TLS": ["East Timor", "Timor-Leste"], "XKX": ["Kosovo"],
}

# The names tables and people write for countries whose ISO name is inverted for sorting
# ("Congo, The Democratic Republic of the"): the name a created state gets.
DISPLAY = {
    "COD": "Democratic Republic of the Congo", "FSM": "Micronesia", "PSE": "Palestine",
    "VGB": "British Virgin Islands", "VIR": "United States Virgin Islands",
}

def normalized(name):
    """Close to govnet's normalize_for_search: case, Latin accents and punctuation ignored."""
    out = []
    for ch in unicodedata.normalize("NFKD", name.lower()):
        if unicodedata.category(ch) == "Mn":
            continue
        out.append(ch if ch.isalnum() else " ")
    return " ".join("".join(out).split())


def translations(english_names):
    """Each English name's translations, in the order of LANGUAGES."""
    catalogues = []
    for lang in LANGUAGES:
        mo = pathlib.Path("/usr/share/locale") / lang / "LC_MESSAGES" / "iso_3166-1.mo"
        with open(mo, "rb") as f:
            catalogues.append(gettext.GNUTranslations(f))
    out = []
    for name in english_names:
        for cat in catalogues:
            t = cat.gettext(name)
            if t != name and t not in out:
                out.append(t)
    return out


def main():
    src = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]
    out = pathlib.Path(__file__).resolve().parent.parent / "importers" / "data" / "countries.csv"
    rows = []
    english, translated = {}, {}
    for c in src:
        names = [c["name"]]
        for k in ("common_name", "official_name"):
            if k in c and c[k] not in names:
                names.append(c[k])
        for n in EXTRA.get(c["alpha_3"], []):
            if n not in names:
                names.append(n)
        english[c["alpha_3"]] = names
        translated[c["alpha_3"]] = [t for t in translations(names) if t not in names]
    # Which countries each normalized name (English or translated) belongs to.
    owners = {}
    for table in (english, translated):
        for code, names in table.items():
            for n in names:
                owners.setdefault(normalized(n), set()).add(code)
    for c in src:
        code = c["alpha_3"]
        names = english[code] + [t for t in translated[code] if owners[normalized(t)] == {code}]
        display = DISPLAY.get(code, c.get("common_name", c["name"]))
        if display not in names:
            names.append(display)
        rows.append((c["alpha_2"], code, display, "|".join(n for n in names if n != display)))
    # Kosovo has no ISO 3166-1 code; XKX is the code the EU and others use.
    rows.append(("XK", "XKX", "Kosovo", "|".join(EXTRA["XKX"][1:])))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["alpha2", "alpha3", "name", "other_names"])
        for r in sorted(rows, key=lambda r: r[1]):
            w.writerow(r)
    print(f"wrote {len(rows)} countries to {out}", file=sys.stderr)

main()
