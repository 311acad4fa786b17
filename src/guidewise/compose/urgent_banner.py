"""The urgent banner's first actions: the suspected emergency's own cited steps, in the reader's voice."""

from __future__ import annotations

from guidewise.compose.citations import CitationRegistry
from guidewise.understand.urgent import Urgent, UrgentAction

SOURCE = "#em/"  # citation keys of the catalogue are (SOURCE + emergency key, reference key)


def fill_banner(urgent: Urgent, audience: str, cites: CitationRegistry[tuple[str, str]]) -> None:
    """Add the lead emergency's first actions and things not to do, citing the catalogue's references."""
    from guidewise.library.emergencies.loader import load_catalogue  # only answers with a banner need it

    em = load_catalogue().emergencies[urgent.categories[0]]
    urgent.actions = []
    for avoid, notes in ((False, em.first_actions), (True, em.do_not)):
        for note in notes:
            text = note.plain if audience == "patient" and note.plain else note.text
            numbers = cites.cite([(SOURCE + em.key, k) for k in note.cite])
            urgent.actions.append(UrgentAction(text=text, avoid=avoid, citations=numbers))
