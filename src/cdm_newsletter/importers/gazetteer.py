"""The cities where the network meets, with their country and time zone.

:func:`locate` finds the city named in a place ("Paris la Villette",
"Cité des métiers de Bruxelles") so that an event gets the right zone: a
meeting "24 janvier 2019 (matin), Bruxelles" is in the morning in Brussels.
"""

from __future__ import annotations

import re

from attrs import frozen

from ..french import fold

__all__ = ["City", "locate"]


@frozen(kw_only=True)
class City:
    """A city of the gazetteer: its usual French name, ISO country code and IANA zone."""

    name: str
    country: str
    timezone: str


def _cities(*rows: tuple[str, str, str, tuple[str, ...]]) -> dict[str, City]:
    """Index cities by every folded spelling (French name first, then other names)."""
    index: dict[str, City] = {}
    for name, country, timezone, spellings in rows:
        city = City(name=name, country=country, timezone=timezone)
        for spelling in (name, *spellings):
            index[fold(spelling)] = city
    return index


_GAZETTEER = _cities(
    # France, mainland and overseas
    ("Paris", "FR", "Europe/Paris", ("La Villette",)),
    ("Marseille", "FR", "Europe/Paris", ()),
    ("Lyon", "FR", "Europe/Paris", ()),
    ("Lille", "FR", "Europe/Paris", ()),
    ("Rouen", "FR", "Europe/Paris", ()),
    ("Nantes", "FR", "Europe/Paris", ()),
    ("Bordeaux", "FR", "Europe/Paris", ()),
    ("Toulouse", "FR", "Europe/Paris", ()),
    ("Strasbourg", "FR", "Europe/Paris", ()),
    ("Montpellier", "FR", "Europe/Paris", ()),
    ("Beauvais", "FR", "Europe/Paris", ("Grand Beauvaisis", "Grandvilliers")),
    ("Saint-Brieuc", "FR", "Europe/Paris", ("Côtes d'Armor",)),
    ("Créteil", "FR", "Europe/Paris", ("Val-de-Marne",)),
    ("Saint-Quentin-en-Yvelines", "FR", "Europe/Paris", ("Saint-Quentin en Yvelines",)),
    ("Mamoudzou", "YT", "Indian/Mayotte", ("Mayotte",)),
    ("Saint-Denis", "RE", "Indian/Reunion", ("La Réunion", "Réunion")),
    ("Fort-de-France", "MQ", "America/Martinique", ("Martinique",)),
    ("Pointe-à-Pitre", "GP", "America/Guadeloupe", ("Guadeloupe",)),
    ("Cayenne", "GF", "America/Cayenne", ("Guyane",)),
    ("Nouméa", "NC", "Pacific/Noumea", ("Nouvelle-Calédonie",)),
    # Portugal, Spain, Italy
    ("Porto", "PT", "Europe/Lisbon", ("Oporto",)),
    ("Lisbonne", "PT", "Europe/Lisbon", ("Lisboa", "Lisbon")),
    ("Ponta Delgada", "PT", "Atlantic/Azores", ("Açores", "Azores")),
    ("Barcelone", "ES", "Europe/Madrid", ("Barcelona",)),
    ("Madrid", "ES", "Europe/Madrid", ()),
    ("Valence", "ES", "Europe/Madrid", ("Valencia",)),
    ("Séville", "ES", "Europe/Madrid", ("Sevilla", "Seville")),
    ("Las Palmas", "ES", "Atlantic/Canary", ("Canaries", "Canarias")),
    ("Milan", "IT", "Europe/Rome", ("Milano",)),
    ("Rome", "IT", "Europe/Rome", ("Roma",)),
    ("Turin", "IT", "Europe/Rome", ("Torino",)),
    ("Gênes", "IT", "Europe/Rome", ("Genova", "Genoa")),
    # Belgium, Switzerland, Luxembourg, and further north
    ("Bruxelles", "BE", "Europe/Brussels", ("Brussels", "Brussel")),
    ("Liège", "BE", "Europe/Brussels", ("Liege",)),
    ("Charleroi", "BE", "Europe/Brussels", ()),
    ("Namur", "BE", "Europe/Brussels", ()),
    ("Mons", "BE", "Europe/Brussels", ()),
    ("Genève", "CH", "Europe/Zurich", ("Geneva", "Genf", "Ginevra")),
    ("Lausanne", "CH", "Europe/Zurich", ()),
    ("Luxembourg", "LU", "Europe/Luxembourg", ()),
    ("Dublin", "IE", "Europe/Dublin", ()),
    ("Londres", "GB", "Europe/London", ("London",)),
    ("Berlin", "DE", "Europe/Berlin", ()),
    ("Varsovie", "PL", "Europe/Warsaw", ("Warsaw", "Warszawa")),
    # Further afield
    ("Tunis", "TN", "Africa/Tunis", ()),
    ("Casablanca", "MA", "Africa/Casablanca", ()),
    ("Dakar", "SN", "Africa/Dakar", ()),
    ("Abidjan", "CI", "Africa/Abidjan", ()),
    ("Montréal", "CA", "America/Toronto", ("Montreal",)),
    ("Québec", "CA", "America/Toronto", ("Quebec",)),
)

_LONGEST_FIRST = sorted(_GAZETTEER, key=len, reverse=True)
_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(name) for name in _LONGEST_FIRST) + r")(?![\w-])"
)


def locate(place: str) -> City | None:
    """The gazetteer's city named in ``place`` (case and accents ignored), or ``None``."""
    match = _PATTERN.search(fold(place))
    return None if match is None else _GAZETTEER[match.group(1)]
