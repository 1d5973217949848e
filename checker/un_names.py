"""Participant names as the UN Treaty Collection writes them, where they differ from ISO 3166-1.

The spellings are the UN's short names as they appear in the depositary's status tables
(treaties.un.org, "Status of Treaties"), which follow the UN Terminology Database (UNTERM); older
copies of a table carry the names in use before a change (Swaziland until 2018, Turkey until
2022). A name found here or among checker/countries.py's ISO names is mapped; any other is
refused, never matched approximately.
"""

from __future__ import annotations

UN_NAMES: dict[str, str] = {
    "Bolivia (Plurinational State of)": "BOL",
    "Cape Verde": "CPV",
    "Czech Republic": "CZE",
    "Democratic People's Republic of Korea": "PRK",
    "Democratic Republic of the Congo": "COD",
    "Holy See": "VAT",
    "Iran (Islamic Republic of)": "IRN",
    "Lao People's Democratic Republic": "LAO",
    "Libyan Arab Jamahiriya": "LBY",
    "Micronesia (Federated States of)": "FSM",
    "Netherlands (Kingdom of the)": "NLD",
    "Republic of Korea": "KOR",
    "Republic of Moldova": "MDA",
    "State of Palestine": "PSE",
    "Swaziland": "SWZ",
    "Syrian Arab Republic": "SYR",
    "The former Yugoslav Republic of Macedonia": "MKD",
    "Turkey": "TUR",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "United Republic of Tanzania": "TZA",
    "United States of America": "USA",
    "Venezuela (Bolivarian Republic of)": "VEN",
    "Viet Nam": "VNM",
}

# Participants with no ISO 3166-1 alpha-3 code (former states, organisations): refused with a
# message of their own, since their records need a state declared by hand under `states:`.
NO_CODE: frozenset[str] = frozenset({
    "Czechoslovakia",
    "European Community",
    "European Union",
    "German Democratic Republic",
    "Serbia and Montenegro",
    "Union of Soviet Socialist Republics",
    "Yugoslavia",
})
