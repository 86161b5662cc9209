"""The intake situation categories and what the assistant asks for each.

The category names are the values of the ``situation`` slot and of the
``situation`` column in exports; they are also the practice areas attorneys
list in ``firm.yml`` and the categories of posted updates.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

#: Category -> plain-language label shown to visitors and staff.
CATEGORIES: Dict[str, str] = {
    "detention": "Someone is detained by ICE or CBP",
    "removal": "Removal (deportation) case, court hearing or ICE check-in",
    "enforcement": "ICE activity, raids or know-your-rights",
    "humanitarian": "Asylum, TPS, DACA, parole, U/T visa, VAWA or SIJS",
    "family": "Family-based immigration or marriage",
    "employment": "Work visas, employment green cards or employer questions",
    "citizenship": "Citizenship or naturalization",
    "other": "Something else",
}

#: The categories as a Spanish-speaking visitor reads them in the summary.
CATEGORIES_ES: Dict[str, str] = {
    "detention": "Alguien está detenido por ICE o CBP",
    "removal": "Caso de deportación, audiencia en la corte o cita con ICE",
    "enforcement": "Actividad de ICE, redadas o sus derechos",
    "humanitarian": "Asilo, TPS, DACA, parole, visa U/T, VAWA o SIJS",
    "family": "Inmigración por familia o matrimonio",
    "employment": "Visas de trabajo, residencia por empleo o preguntas de empleadores",
    "citizenship": "Ciudadanía o naturalización",
    "other": "Otra cosa",
}

#: Short labels for buttons.
BUTTON_LABELS: Dict[str, str] = {
    "detention": "Someone is detained",
    "removal": "Court / deportation case",
    "enforcement": "ICE activity / my rights",
    "humanitarian": "Asylum, TPS, DACA",
    "family": "Family or marriage",
    "employment": "Work visa / employer",
    "citizenship": "Citizenship",
    "other": "Something else",
}

#: The NLU intent that carries each category.
INTENT_PREFIX = "situation_"


def category_for_intent(intent: str | None) -> str | None:
    """``situation_family`` -> ``family``; None for intents that are not situations."""
    if intent and intent.startswith(INTENT_PREFIX):
        category = intent[len(INTENT_PREFIX):]
        if category in CATEGORIES:
            return category
    return None


def buttons() -> List[Tuple[str, str]]:
    """(label, payload) pairs for the situation question."""
    return [(BUTTON_LABELS[c], f"/{INTENT_PREFIX}{c}") for c in CATEGORIES]
