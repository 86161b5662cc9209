"""Days as visitors say them about the past ("when were they detained?")."""
from datetime import date

import pytest

from bot import dates

TODAY = date(2026, 12, 3)  # a Thursday


@pytest.mark.parametrize(
    "text, day",
    [
        ("2 hours ago", "2026-12-03"),
        ("LIKE 10 MIN AGO", "2026-12-03"),
        ("hace una hora", "2026-12-03"),
        ("just now", "2026-12-03"),
        ("Since about 7pm yesterday.", "2026-12-02"),
        ("on Tuesday", "2026-12-01"),
        ("Since Tuesday morning.", "2026-12-01"),
        ("el viernes pasado", "2026-11-27"),
        ("since el viernes", "2026-11-27"),
        ("last thursday", "2026-11-26"),
        ("hace 10 días", "2026-11-23"),
        ("hace dos semanas", "2026-11-19"),
        ("two weeks ago", "2026-11-19"),
        ("nov 28", "2026-11-28"),
        ("on the 1st", "2026-12-01"),
        ("el 28", "2026-11-28"),
        ("jan 5 2026", "2026-01-05"),
    ],
)
def test_past_date(text, day):
    assert dates.past_date(text, TODAY) == date.fromisoformat(day)


@pytest.mark.parametrize("text", ["next tuesday", "not sure", "in may", "", "el proximo martes"])
def test_no_past_date(text):
    assert dates.past_date(text, TODAY) is None


@pytest.mark.parametrize(
    "text, day",
    [
        ("el martes que viene", "2026-12-08"),
        ("el proximo viernes", "2026-12-04"),
        ("the decision was 20 days ago, so the deadline is in about 10 days", "2026-12-13"),
    ],
)
def test_coming_days_in_spanish_and_roughly(text, day):
    assert dates.parse_date(text, TODAY) == date.fromisoformat(day)


@pytest.mark.parametrize(
    "text, far", [("el mes que viene", True), ("april next year", True), ("in about three months", True),
                  ("next tuesday", False), ("two months ago", False), ("not sure", False)],
)
def test_far_off(text, far):
    assert dates.far_off(text) is far


@pytest.mark.parametrize("text, far", [
    ("next September", True), ("in 2027", True), ("march 2027", True),
    ("two years ago in september", False), ("in 2019", False), ("last month", False), ("since last year", False),
    # a comma after the word that places it in the past
    ("no fui a mi corte el mes pasado, tenia miedo", False), ("it was last month, i was scared", False),
])
def test_far_off_is_only_the_future(text, far):
    assert dates.far_off(text, date(2026, 12, 3)) is far


def test_days_from_today_count_forward():
    assert dates.mentioned_date("my court is 12 days from today", date(2026, 12, 3)) == date(2026, 12, 15)


# Spanish through Duckling (bot.dates.spanish_date), on Thursday 3 December 2026.
@pytest.mark.parametrize("text, expected", [
    ("mañana a las 10", date(2026, 12, 4)),
    ("manana", date(2026, 12, 4)),
    ("pasado mañana", date(2026, 12, 5)),
    ("el lunes", date(2026, 12, 7)),
    ("el próximo martes", date(2026, 12, 8)),
    ("15 de diciembre", date(2026, 12, 15)),
    ("el 3 de enero a las 9am", date(2027, 1, 3)),    # parsedatetime said 3 December
    ("tengo corte el 8 de enero", date(2027, 1, 8)),  # not "the 8th" of this month
    ("en 10 días", date(2026, 12, 13)),
])
def test_spanish_dates_ahead(text, expected):
    assert dates.parse_date(text, date(2026, 12, 3)) == expected


@pytest.mark.parametrize("text, expected", [
    ("ayer", date(2026, 12, 2)),
    ("el lunes pasado", date(2026, 11, 30)),
    ("hace dos semanas", date(2026, 11, 19)),
    ("el 20 de noviembre", date(2026, 11, 20)),
    ("el 1 de diciembre", date(2026, 12, 1)),
])
def test_spanish_dates_past(text, expected):
    assert dates.past_date(text, date(2026, 12, 3)) == expected


def test_a_spanish_message_with_two_dates_gives_none():
    assert dates.spanish_date("la corte era el 5 de enero pero la cambiaron al 9 de febrero", date(2026, 12, 3)) is None


def test_the_one_day_ahead_when_a_day_behind_is_said_too():
    assert dates.coming_date("fui a mi cita hace 2 semanas, me dijeron q vuelva el 11 de diciembre", TODAY) == date(2026, 12, 11)
    assert dates.coming_date("my check in was last week", TODAY) is None
    assert dates.coming_date("court dec 15 or dec 22, not sure", TODAY) is None


@pytest.mark.parametrize("text, expected", [
    ("3 weeks", date(2026, 11, 12)),
    ("como un mes", date(2026, 11, 3)),
    ("yesterday", date(2026, 12, 2)),
    ("el lunes pasado", date(2026, 11, 30)),
    ("2 wks ago", date(2026, 11, 19)),  # units typed short
    ("a wk", date(2026, 11, 26)),
])
def test_a_stretch_of_time_said_alone_counts_back(text, expected):
    assert dates.day_detained(text, TODAY) == expected


@pytest.mark.parametrize("text, said", [
    ("como un mes", True), ("since october", True), ("last week", True), ("desde octubre", True),
    ("can they deport me", False), ("im really scared right now please help me i dont know what to do", False),
])
def test_a_short_reply_about_a_time(text, said):
    assert dates.says_when(text) is said


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the 15th of december", date(2026, 12, 15)),
        ("my court is the 15th of this month", date(2026, 12, 15)),
        ("15th of jan", date(2027, 1, 15)),
    ],
)
def test_day_of_month_said_first(text, expected):
    # parsedatetime alone read "the 15th of december" as December 1 of next year
    assert dates.parse_date(text, date(2026, 12, 3)) == expected


def test_past_dates_said_with_last_and_a_month_ahead_of_today():
    today = date(2026, 12, 3)
    assert dates.past_date("from venezuela last december the 9", today) == date(2025, 12, 9)
    assert dates.past_date("tomorrow", today) is None


@pytest.mark.parametrize(
    "text, none_yet",
    [("it says to be set", True), ("the paper has no date yet", True), ("sin fecha todavia", True), ("fue en 2016", True),
     ("dice por definir", True), ("next tuesday", False), ("in 2027 i think", False), ("dec 18", False),
     # the hearing already held ("ya fue, hace 3 semanas" had been asked again as a date not read)
     ("ya fue, hace 3 semanas", True), ("it already happened last week", True), ("nope", False)],
)
def test_no_coming_hearing_date(text, none_yet):
    assert dates.no_coming_date(text, date(2026, 12, 3)) is none_yet


FRIDAY = date(2026, 12, 4)


@pytest.mark.parametrize("text, day", [
    ("the day before yesterday", "2026-12-02"), ("antes de ayer", "2026-12-02"),
    ("on December 1st", "2026-12-01"), ("dec 25", "2025-12-25"),
    # that weekday of the week before this one
    ("el jueves de la semana pasada", "2026-11-26"), ("last week thursday", "2026-11-26"),
    # a holiday, the latest one
    ("on thanksgiving", "2026-11-26"), ("el dia de accion de gracias", "2026-11-26"),
    ("a couple days ago", "2026-12-02"), ("hace un par de dias", "2026-12-02"),
    ("desde antenoche", "2026-12-02"), ("since the weekend", "2026-11-28"),
    ("since the week before last", "2026-11-20"),
    # the weekday in the week before last week (Nov 16-22), not the Thursday before last
    ("the week before last, on thursday", "2026-11-19"), ("la semana antepasada, un jueves", "2026-11-19"),
    ("desde la semana antepasada", "2026-11-20"),
])
def test_past_days_said_as_visitors_say_them(text, day):
    assert dates.past_date(text, FRIDAY) == date.fromisoformat(day)


@pytest.mark.parametrize("text, day", [
    ("she has to go sign with ICE next week on wednesday", "2026-12-09"),
    ("el miercoles de la otra semana", "2026-12-09"),
    ("tengo court el 15 de december", "2026-12-15"),
    # "this week's thursday" said on the Friday after it: the one ahead (a coming date is asked)
    ("tengo corte el jueves de esta semana", "2026-12-10"),
    ("me toca firmar el martes de esta semana", "2026-12-08"),
    ("my court is thursday this week", "2026-12-10"),
    ("tengo audiencia la semana que entra", "2026-12-11"),
    # the coming Monday is the 7th; the one after it
    ("her final hearing is monday after next", "2026-12-14"),
])
def test_coming_days_said_as_visitors_say_them(text, day):
    assert dates.coming_date(text, FRIDAY) == date.fromisoformat(day)


@pytest.mark.parametrize("text", ["my court is thursday this week", "court is this thursday", "el jueves de esta semana"])
def test_a_weekday_of_this_week_said_early_in_the_week(text):
    # parsedatetime read "thursday this week" as the Friday
    assert dates.coming_date(text, date(2026, 12, 1)) == date(2026, 12, 3)


@pytest.mark.parametrize("text", ["nothing coming up", "nothing scheduled", "ya no hay audiencia, solo la fecha para apelar",
                                  "no more court dates", "no tengo audiencia"])
def test_no_coming_hearing_said_in_words(text):
    assert dates.no_coming_date(text, date(2026, 12, 5))


@pytest.mark.parametrize("text", ["my check in is next month on the 12", "tengo cita el 12 del mes que viene"])
def test_a_day_of_next_month(text):
    assert dates.parse_date(text, date(2026, 12, 5)) == date(2027, 1, 12)
    assert dates.coming_date(text, date(2026, 12, 5)) == date(2027, 1, 12)


@pytest.mark.parametrize("text", ["next month", "in january", "sometime in february", "next year"])
def test_a_month_alone_is_not_a_day(text):
    # parsedatetime gives the month's 1st; shown to staff as a date, that would be made up
    assert dates.parse_date(text, date(2026, 12, 5)) is None
    assert dates.far_off(text, date(2026, 12, 5))


@pytest.mark.parametrize("text, expected", [
    ("day after tomorrow", date(2026, 12, 5)),  # parsedatetime read only "tomorrow"
    ("my court is the day after tomorrow", date(2026, 12, 5)),
    ("pasado mañana", date(2026, 12, 5)),
    ("next thurs", date(2026, 12, 10)),  # weekdays typed short
    ("next weds", date(2026, 12, 9)),
    ("i gotta go see the ICE officer first thing in the morning", date(2026, 12, 4)),
])
def test_days_ahead_said_in_words_typed_on_a_phone(text, expected):
    assert dates.coming_date(text, TODAY) == expected


def test_the_day_after_tomorrow_is_not_a_past_day():
    assert dates.past_date("day after tomorrow", TODAY) is None


def test_a_stretch_of_time_in_parts_is_one_stretch_in_calendar_months():
    today = date(2026, 12, 5)
    assert dates.time_ago("hace 11 meses y 3 semanas", today) == date(2025, 12, 15)
    assert dates.time_ago("11 months and 3 weeks ago", today) == date(2025, 12, 15)
    assert dates.time_ago("2 months", today) == date(2026, 10, 5)
    assert dates.time_ago("3 weeks ago, then 2 days in jail", today) is None  # two stretches, not one


@pytest.mark.parametrize("text, expected", [
    ("my court is tmrw at 8", date(2026, 12, 4)),
    ("hearing 2morrow morning", date(2026, 12, 4)),
    ("court on the fifteenth", date(2026, 12, 15)),
    ("my court is on the twenty-first", date(2026, 12, 21)),
    ("court in a couple weeks", date(2026, 12, 17)),
])
def test_days_typed_short_or_spelled_out(text, expected):
    assert dates.coming_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["the first time i went", "court is on the first hearing"])
def test_an_ordinal_that_is_not_a_day_stays_a_word(text):
    assert dates.typed_out(text) == text


@pytest.mark.parametrize("text, expected", [
    # next week said in Spanish with no day, as "next week" is read in English
    ("la semana que viene", date(2026, 12, 12)),
    ("tengo que presentarme con ICE la otra semana", date(2026, 12, 12)),
    ("la semana que viene, el miércoles", date(2026, 12, 9)),
    # "ya" is "already", not now
    ("el juez ya me dio fecha", None),
    # "q" typed for "que"
    ("tengo corte el 14 del mes q viene", date(2027, 1, 14)),
])
def test_spanish_weeks_and_already(text, expected):
    assert dates.mentioned_date(text, date(2026, 12, 5)) == expected


def test_after_new_years_is_far_off():
    assert dates.far_off("after new years, no exact date yet", date(2026, 12, 5))
    assert dates.parse_date("after new years, no exact date yet", date(2026, 12, 5)) is None


@pytest.mark.parametrize("text", ["my hearing is the 2nd week of january", "la primera semana de enero", "the last week of the month"])
def test_a_week_of_a_month_is_not_a_day(text):
    today = date(2026, 12, 5)
    assert dates.parse_date(text, today) is None
    assert dates.coming_date(text, today) is None


@pytest.mark.parametrize("text, day", [
    ("ICE estuvo en mi casa a las 6 de la manana, se llevaron a mi esposo", date(2026, 12, 5)),  # the morning, not tomorrow
    ("a mi esposo se lo llevaron el 28 de nov", date(2026, 11, 28)),  # a Spanish month typed short
])
def test_a_day_of_detention_in_spanish(text, day):
    assert dates.day_detained(text, date(2026, 12, 5)) == day


def test_al_and_a_day_is_the_day_not_the_hour():
    assert dates.coming_date("mi ISAP me cambio la cita al 4 de enero", date(2026, 12, 5)) == date(2027, 1, 4)
    assert dates.parse_date("mañana a las 10", date(2026, 12, 5)) == date(2026, 12, 6)


def test_last_weekend_is_its_saturday():
    from datetime import date as _date

    assert dates.day_detained("since last weekend", _date(2026, 12, 5)) == _date(2026, 11, 28)


@pytest.mark.parametrize("text, timed", [("se llevaron a mi hijo el mayor", False), ("mi marido y mi novia", False),
                                         ("my court is in march", True), ("sept 3rd", True)])
def test_a_month_is_a_whole_word(text, timed):
    # "mayor" (the eldest) is not May, "marido" not March, "novia" not November
    assert dates.names_a_time(text) is timed


@pytest.mark.parametrize("text, day", [
    # a stretch and a half, in whole days
    ("the judge denied it like two and a half weeks ago", date(2026, 11, 19)),
    ("a week and a half ago", date(2026, 11, 26)),
    ("hace mes y medio", date(2026, 10, 22)),
    ("hace una semana y media", date(2026, 11, 26)),
    ("my hearing is en dos semanas y media", date(2026, 12, 23)),
])
def test_a_stretch_and_a_half(text, day):
    assert dates.parse_date(text, date(2026, 12, 6)) == day


def test_a_stretch_and_a_half_said_roughly_is_left_as_said():
    assert dates.typed_out("dentro de mes y medio, más o menos") == "dentro de mes y medio, más o menos"


@pytest.mark.parametrize("text, day", [
    # weekdays mistyped or spelt as they sound
    ("since tusday", date(2026, 12, 1)), ("wensday", date(2026, 12, 2)), ("el jeuves", date(2026, 12, 3)),
    ("el biernes", date(2026, 12, 4)), ("desde el mierkoles", date(2026, 12, 2)), ("sabdo en la noche", date(2026, 12, 5)),
    # a day of this month written with numbers, and a Spanish month typed short before the day
    ("12/1", date(2026, 12, 1)), ("dic 3", date(2026, 12, 3)), ("el 3 dic", date(2026, 12, 3)),
    # agents who have just come and taken someone: today
    ("agents just came to our house and took my son", date(2026, 12, 6)),
    ("they just showed up at the shop and grabbed my uncle", date(2026, 12, 6)),
])
def test_the_day_detained_as_it_is_typed(text, day):
    assert dates.day_detained(text, date(2026, 12, 6)) == day


def test_a_spanish_month_typed_short_before_the_day_is_ahead_for_a_hearing():
    assert dates.mentioned_date("dic 18", date(2026, 12, 6)) == date(2026, 12, 18)


@pytest.mark.parametrize("text, day", [
    # a part of a day, no day named, said of the past: today's
    ("my dad got picked up by immigration in the morning", date(2026, 12, 6)),
    ("lo agarraron en la mañana", date(2026, 12, 6)),
    ("yesterday in the morning", date(2026, 12, 5)),
    ("vinieron a la casa como a las 6am y se llevaron a mi husband", date(2026, 12, 6)),
    ("a las 7 de la mañana", date(2026, 12, 6)),
])
def test_a_part_of_the_day_said_of_the_past(text, day):
    assert dates.past_date(text, date(2026, 12, 6)) == day


@pytest.mark.parametrize("text, day", [
    ("court is a week from monday", date(2026, 12, 14)),
    ("my wife has an ICE check in two weeks from tuesday", date(2026, 12, 22)),
])
def test_weeks_from_a_weekday(text, day):
    assert dates.mentioned_date(text, date(2026, 12, 6)) == day


@pytest.mark.parametrize("text, day", [
    ("the 2nd friday from today, in the morning", date(2026, 12, 18)),  # not the 2nd of a month
    ("el segundo viernes a partir de hoy", date(2026, 12, 18)),
    ("3rd monday from now", date(2026, 12, 28)),  # said on a Monday: the first is next week's
    ("two weeks from tomorrow", date(2026, 12, 22)),  # 15 days: the day after the 14-day line
    ("dentro de dos semanas a partir de mañana, en newark", date(2026, 12, 22)),
    ("10 days from tomorrow", date(2026, 12, 18)),
])
def test_a_day_counted_from_today_or_tomorrow(text, day):
    monday = date(2026, 12, 7)
    assert dates.coming_date(text, monday) == day
    assert dates.parse_date(text, monday) == day


@pytest.mark.parametrize("text, far", [
    ("my court date is in may is that bad", True),
    ("the 2nd week of may", True),
    ("en 2 años", True),
    ("para dentro de 2 años", True),
    ("they may come to the house", False),  # "may" the verb is no time
    ("2 years ago", False),
    ("he is 5 years old", False),
    ("i have lived here 10 years", False),  # how long, not when
])
def test_far_off_months_and_years(text, far):
    assert dates.far_off(text, date(2026, 12, 6)) is far


def test_an_ordinal_week_is_not_a_day_of_the_month():
    # "the 2nd week" was read as the 2nd of the next month
    assert dates.parse_date("in may, the 2nd week i think", date(2026, 12, 6)) is None
    assert dates.parse_date("ICE detained my husband last week", date(2026, 12, 6)) is not None


def test_weeks_and_days_are_counted_together():
    from datetime import date as _date
    from bot import dates as _dates
    assert _dates.coming_date("my ice appointment is in 2 weeks and 2 days", _date(2026, 12, 6)) == _date(2026, 12, 22)
    assert _dates.coming_date("en 2 semanas y tres dias", _date(2026, 12, 6)) == _date(2026, 12, 23)


@pytest.mark.parametrize("text, day", [
    ("faltan 13 días", date(2026, 12, 16)),  # days counted down
    ("me quedan 10 dias para la corte", date(2026, 12, 13)),
    ("13 days left", date(2026, 12, 16)),
    ("en dos semanas y un día", date(2026, 12, 18)),  # weeks and days together, not cut at "y"
    ("in 2 weeks and 3 days", date(2026, 12, 20)),
])
def test_days_counted_down_and_weeks_with_days_are_one_coming_day(text, day):
    assert dates.coming_date(text, TODAY) == day


def test_this_friday_said_on_a_sunday_is_the_coming_friday():
    sunday = date(2026, 12, 6)
    assert dates.coming_date("a paper that says report to the ice office and its this friday. he also has court "
                             "sometime next year", sunday) == date(2026, 12, 11)


def test_a_distance_told_in_hours_is_no_time_of_day():
    assert "hours" not in dates.plain("he is at some facility like 2 hours north of here")
    assert "horas" not in dates.plain("lo tienen en un centro a dos horas de aqui")
    assert dates.plain("se lo llevaron hace dos horas") == "se lo llevaron hace dos horas"
    assert dates.past_date("they took him 2 hours ago", TODAY) == TODAY


@pytest.mark.parametrize("text, day", [
    ("next month, el tercer viernes creo", date(2027, 1, 15)),  # the month said before the weekday counted in it
    ("the third friday of next month", date(2027, 1, 15)),
    ("next month on the first monday", date(2027, 1, 4)),  # "on the first monday" is no 1st of the month
    ("second tuesday of january", date(2027, 1, 12)),
    ("el primer lunes de enero", date(2027, 1, 4)),
    ("last monday of this month", date(2026, 12, 28)),
    ("on the first of next month", date(2027, 1, 1)),
])
def test_a_weekday_counted_in_a_month_is_that_day(text, day):
    assert dates.coming_date(text, date(2026, 12, 7)) == day
    assert dates.mentioned_date(text, date(2026, 12, 7)) == day


@pytest.mark.parametrize("text, day", [
    ("tengo la final en quince dias", date(2026, 12, 21)),  # a fortnight, in Spanish words
    ("en ocho dias", date(2026, 12, 14)),  # a week
    ("dentro de 15 dias", date(2026, 12, 22)),  # digits are days
    ("its like 2 months away, a monday", date(2027, 2, 5)),  # months away, not the coming monday
    ("three weeks away", date(2026, 12, 28)),
    ("my hearing is 3 weeks out", date(2026, 12, 28)),  # a time ahead said as "out"
])
def test_spanish_fortnights_and_times_away(text, day):
    assert dates.coming_date(text, date(2026, 12, 7)) == day


def test_days_left_counted_down_after_the_whole_period():
    text = "el juez me dio salida voluntaria y tengo que salir en 60 dias, ya me quedan como 10, vivo en oxnard"
    assert dates.coming_date(text, date(2026, 12, 7)) == date(2026, 12, 17)


def test_eleven_and_a_half_months_is_one_stretch_counted_back():
    assert dates.time_ago("hace once meses y medio", date(2026, 12, 7)) == date(2025, 12, 27)
    assert dates.time_ago("eleven and a half months ago", date(2026, 12, 7)) == date(2025, 12, 27)


@pytest.mark.parametrize("text, day", [
    ("mi hermana tiene cita con ICE mañana a las 9 en el 26 Federal Plaza pa reportarse", date(2026, 12, 8)),
    ("court on the 14th at 630 Sansome St", date(2026, 12, 14)),
])
def test_a_street_address_is_no_day(text, day):
    assert dates.coming_date(text, date(2026, 12, 7)) == day
    assert dates.mentioned_date(text, date(2026, 12, 7)) == day


@pytest.mark.parametrize("text, day", [
    ("Gaspar Domingo Pablo", None),  # a name at the name question
    ("me llamo Jose Domingo", None),
    ("mi nombre es martes lopez", None),
    ("soy Domingo, tengo corte", None),
    ("mi esposo Domingo tiene corte el lunes", "2026-12-07"),  # the court's day, not Sunday as well
    ("tengo corte el Domingo", "2026-12-06"),
    ("Este Domingo", "2026-12-06"),
    ("Domingo", "2026-12-06"),
])
def test_a_weekday_in_a_name_is_no_day(text, day):
    found = dates.coming_date(text, TODAY)
    assert (found.isoformat() if found else None) == day


@pytest.mark.parametrize("text, day", [
    ("i have court either this friday or next friday i cant find the paper", "2026-12-04"),  # the nearer
    ("mi corte es el lunes o el martes, no me acuerdo", "2026-12-07"),
    ("court on monday or tuesday idk", "2026-12-07"),
    ("my court was last friday, next one is monday", "2026-12-07"),
])
def test_one_day_or_another_is_the_nearer(text, day):
    assert dates.coming_date(text, TODAY).isoformat() == day


def test_a_date_put_off_by_a_stretch_of_time_is_that_far_ahead():
    assert "moved it out in 2 months" in dates.plain("ice called and moved it out about 2 months")
    assert "pushed my check in back in 3 weeks" in dates.plain("they pushed my check in back like 3 weeks")
