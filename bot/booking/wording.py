"""The words of the booking emails and calendar invites, in English and Spanish.

A booking made in Spanish (its consultation language, ``Booking.language``)
gets its confirmation, reminder, cancellation and invite in Spanish; every
other booking in English. The chat's own booking messages are responses in
``domain.yml`` (booking).
"""
from __future__ import annotations

from typing import Dict, Optional

from bot.booking.attorneys import MODE_LABELS, MODE_LABELS_ES

EMAIL: Dict[str, Dict[str, str]] = {
    "en": {
        "subject_confirmation": "Your consultation with {firm}: {when} ({reference})",
        "subject_reminder": "Reminder: your consultation tomorrow, {when} ({reference})",
        "subject_cancellation": "Your consultation on {when} is cancelled ({reference})",
        "opening_confirmation": "Your consultation with {attorney} is booked.",
        "opening_reminder": "A reminder: your consultation with {attorney} is in about 24 hours.",
        "opening_cancellation": "Your consultation with {attorney} has been cancelled. You can book a new one in the chat at any time.",
        "hello": "Hello {name},",
        "when": "When", "with": "With", "how": "How", "where": "Where", "reference": "Reference",
        "manage": "To reschedule or cancel, open the chat on our website and give your reference code and this email address,\nor call us at {contact}.",
        "phone": "Phone call: the attorney will call you at the number you gave us",
        "video": "Video call: the link will be emailed to you before the consultation",
        "ics_summary": "Consultation with {attorney} ({firm})",
        "ics_with": "Consultation with {attorney}, {firm}.",
        "ics_questions": "Questions, or to reschedule or cancel: call {phone} or write to {email} with your reference code.",
    },
    "es": {
        "subject_confirmation": "Su consulta con {firm}: {when} ({reference})",
        "subject_reminder": "Recordatorio: su consulta es mañana, {when} ({reference})",
        "subject_cancellation": "Su consulta del {when} está cancelada ({reference})",
        "opening_confirmation": "Su consulta con {attorney} está reservada.",
        "opening_reminder": "Un recordatorio: su consulta con {attorney} es en unas 24 horas.",
        "opening_cancellation": "Su consulta con {attorney} fue cancelada. Puede reservar otra en el chat cuando quiera.",
        "hello": "Hola, {name}:",
        "when": "Cuándo", "with": "Con", "how": "Cómo", "where": "Dónde", "reference": "Referencia",
        "manage": "Para cambiar o cancelar la cita, abra el chat en nuestro sitio web y dé su código de referencia y este correo,\no llámenos al {contact}.",
        "phone": "Llamada telefónica: el abogado le llamará al número que nos dio",
        "video": "Videollamada: le enviaremos el enlace por correo antes de la consulta",
        "ics_summary": "Consulta con {attorney} ({firm})",
        "ics_with": "Consulta con {attorney}, {firm}.",
        "ics_questions": "Preguntas, o para cambiar o cancelar: llame al {phone} o escriba a {email} con su código de referencia.",
    },
}


def language_of(booking_language: Optional[str]) -> str:
    """The language a booking's emails are written in."""
    return "es" if booking_language == "es" else "en"


def words(language: Optional[str]) -> Dict[str, str]:
    return EMAIL[language_of(language)]


def mode_label(mode: str, language: Optional[str]) -> str:
    return (MODE_LABELS_ES if language_of(language) == "es" else MODE_LABELS).get(mode, mode)
