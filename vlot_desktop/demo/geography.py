"""What the demo needs to know about Flemish municipalities beyond the reference table.

The reference data has no population figures, so locations, cases and contacts are spread by a
rough population weight: approximate inhabitants (thousands, after the 2025 mergers) for the
larger municipalities, a drawn value between 8 and 22 thousand for the others. Central cities
get a little extra because reception and rehousing concentrate there.
"""

from __future__ import annotations

# Approximate inhabitants in thousands (order of magnitude is what matters).
POPULATION_K: dict[str, int] = {
    "Antwerpen": 545, "Gent": 270, "Brugge": 119, "Leuven": 104, "Mechelen": 89, "Aalst": 89,
    "Hasselt": 90, "Kortrijk": 80, "Sint-Niklaas": 82, "Beveren-Kruibeke-Zwijndrecht": 85,
    "Oostende": 72, "Genk": 67, "Roeselare": 65, "Lokeren": 48, "Dendermonde": 47,
    "Beringen": 47, "Turnhout": 46, "Vilvoorde": 46, "Deinze": 45, "Heist-op-den-Berg": 43,
    "Dilbeek": 43, "Bilzen-Hoeselt": 42, "Tongeren-Borgloon": 42, "Geel": 41, "Halle": 41,
    "Sint-Truiden": 41, "Ninove": 40, "Brasschaat": 39, "Waregem": 39, "Grimbergen": 38,
    "Pajottegem": 38, "Maasmechelen": 38, "Lier": 37, "Mol": 37, "Merelbeke-Melle": 36,
    "Ieper": 35, "Lommel": 35, "Tienen": 35, "Zaventem": 35, "Asse": 34, "Menen": 34,
    "Schoten": 34, "Geraardsbergen": 34, "Knokke-Heist": 33, "Heusden-Zolder": 34,
    "Oudenaarde": 32, "Houthalen-Helchteren": 31, "Evergem": 36, "Aalter": 31,
    "Lochristi": 30, "Tessenderlo-Ham": 30, "Tielt": 30, "Harelbeke": 28, "Herentals": 29,
    "Puurs-Sint-Amands": 27, "Kapellen": 27, "Zottegem": 27, "Mortsel": 26, "Wetteren": 26,
    "Willebroek": 27, "Izegem": 28, "Pelt": 33, "Ronse": 27, "Eeklo": 21, "Temse": 30,
    "Hamme": 26, "Zele": 22, "Maldegem": 24, "Wevelgem": 32, "Sint-Pieters-Leeuw": 34,
    "Diest": 24, "Aarschot": 30, "Nazareth-De Pinte": 24, "Lievegem": 27, "Boom": 19,
    "Torhout": 21, "Poperinge": 20, "Wingene": 19, "Kontich": 21, "Edegem": 22,
    "Zemst": 24, "Overijse": 25, "Tervuren": 22, "Herent": 22, "Maaseik": 25, "Lanaken": 26,
}  # fmt: skip

# The thirteen Flemish central cities ("centrumsteden").
CENTRAL_CITIES: tuple[str, ...] = (
    "Aalst", "Antwerpen", "Brugge", "Genk", "Gent", "Hasselt", "Kortrijk", "Leuven",
    "Mechelen", "Oostende", "Roeselare", "Sint-Niklaas", "Turnhout",
)  # fmt: skip

# Municipalities that carry the title "stad" (their lokaal bestuur is "Stad X").
CITIES: frozenset[str] = frozenset(
    (
        "Aalst", "Aarschot", "Antwerpen", "Beringen", "Bilzen-Hoeselt", "Blankenberge", "Bree",
        "Brugge", "Damme", "Deinze", "Dendermonde", "Diest", "Diksmuide", "Dilsen-Stokkem",
        "Eeklo", "Geel", "Genk", "Gent", "Geraardsbergen", "Gistel", "Halen", "Halle",
        "Hamont-Achel", "Harelbeke", "Hasselt", "Herentals", "Herk-de-Stad", "Hoogstraten",
        "Ieper", "Izegem", "Kortrijk", "Landen", "Leuven", "Lier", "Lokeren", "Lommel",
        "Lo-Reninge", "Maaseik", "Mechelen", "Menen", "Mesen", "Mortsel", "Nieuwpoort",
        "Ninove", "Oostende", "Oudenaarde", "Oudenburg", "Peer", "Poperinge", "Roeselare",
        "Ronse", "Scherpenheuvel-Zichem", "Sint-Niklaas", "Sint-Truiden", "Tielt", "Tienen",
        "Tongeren-Borgloon", "Torhout", "Turnhout", "Veurne", "Vilvoorde", "Waregem", "Wervik",
        "Zottegem", "Zoutleeuw",
    )
)  # fmt: skip

# Seat of the governor's services per province code.
PROVINCIAL_CAPITALS: dict[str, str] = {
    "antwerpen": "Antwerpen",
    "limburg": "Hasselt",
    "oost-vlaanderen": "Gent",
    "vlaams-brabant": "Leuven",
    "west-vlaanderen": "Brugge",
}

PROVINCE_NAMES: dict[str, str] = {
    "antwerpen": "Antwerpen",
    "limburg": "Limburg",
    "oost-vlaanderen": "Oost-Vlaanderen",
    "vlaams-brabant": "Vlaams-Brabant",
    "west-vlaanderen": "West-Vlaanderen",
}

# Landline zones per province (Belgian telephone zones), for plausible phone numbers.
PHONE_ZONES: dict[str, tuple[str, ...]] = {
    "antwerpen": ("03", "014", "015"),
    "limburg": ("011", "089", "012"),
    "oost-vlaanderen": ("09", "052", "053", "054", "055"),
    "vlaams-brabant": ("016", "02", "013"),
    "west-vlaanderen": ("050", "051", "056", "057", "058", "059"),
}
