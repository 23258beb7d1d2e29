"""People: find every person a cable names, merge their spellings, apply the registry.

registry = people.load_registry(Path("content/people.toml"))
cable = people.find(cable, registry)          # fills cable.people
people.sentence_for(paragraph.text, mention.spellings)
"""

from generator.people.find import find
from generator.people.registry import (
    EMPTY,
    Registry,
    RegistryError,
    default_registry,
    load_registry,
)
from generator.people.sentence import sentence_for

__all__ = [
    "EMPTY",
    "Registry",
    "RegistryError",
    "default_registry",
    "find",
    "load_registry",
    "sentence_for",
]
