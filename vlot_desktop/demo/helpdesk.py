"""Helpdesk questions: received, dispatched by the central team, answered, some published."""

from __future__ import annotations

from vlot_desktop.demo.context import Context, Theme
from vlot_desktop.demo.context import WeightedPicker as Picker
from vlot_desktop.demo.helpdesk_texts import (
    ANSWERS,
    ASKER_ROLES,
    DEFAULT_ANSWER,
    QUESTION_CONTEXTS,
    QUESTION_SUBJECTS,
)
from vlot_desktop.demo.timeline import stamp

# Relative weight of each policy domain (housing, subsidies and legal questions dominate).
DOMAIN_WEIGHTS: dict[str, float] = {
    "opvang-huisvesting": 30,
    "subsidies-financien": 17,
    "juridisch-verblijf": 15,
    "welzijn-zorg": 9,
    "onderwijs": 8,
    "werk-activering": 8,
    "energie-water-wonen": 7,
    "mobiliteit": 3,
    "communicatie-samenwerking": 3,
}
# Themes that come up more than others within their domain.
THEME_BOOST: dict[str, float] = {
    "opvang-herhuisvesting": 3,
    "opvang-huisvestingstool": 2.5,
    "opvang-einde-gastgezin": 2,
    "subsidies-afrekening": 3,
    "juridisch-referentieadres": 2,
    "wonen-sociaal-tarief-energie": 2,
    "subsidies-fiscale-gevolgen-gastgezinnen": 1.5,
}
# How the work shifted (answer 1, docs/domain.md): at first keeping the housing tool current, later
# intake and difficult rehousing.
FADING_THEMES = ("opvang-huisvestingstool", "opvang-collectieve-opvang", "opvang-noodopvang")
GROWING_THEMES = ("opvang-herhuisvesting", "opvang-einde-gastgezin", "opvang-toewijzing-fedasil")
_CHANNELS = Picker(
    ["e_mail", "telefoon", "vergadering", "bezoek", "videogesprek"], [55, 30, 8, 4, 3]
)


def theme_picker(ctx: Context) -> Picker[Theme]:
    per_domain: dict[str, int] = {}
    for theme in ctx.themes:
        per_domain[theme.domain] = per_domain.get(theme.domain, 0) + 1
    weights = [
        DOMAIN_WEIGHTS.get(t.domain, 2) / per_domain[t.domain] * THEME_BOOST.get(t.code, 1)
        for t in ctx.themes
    ]
    return Picker(ctx.themes, weights)


def out_of_season(ctx: Context, theme_code: str | None, progress: float) -> bool:
    """Whether to draw again: ``progress`` runs from 0 (start of the window) to 1 (today)."""
    if theme_code in FADING_THEMES:
        return ctx.chance(0.7 * progress)
    if theme_code in GROWING_THEMES:
        return ctx.chance(0.6 * (1 - progress))
    return False


def subject_for(ctx: Context, theme: Theme) -> str:
    subjects = QUESTION_SUBJECTS.get(theme.code)
    if subjects:
        return ctx.pick(subjects)
    return f"Vraag over {theme.name[0].lower()}{theme.name[1:]}"


def add_questions(ctx: Context, count: int) -> None:
    clock, rng = ctx.clock, ctx.rng
    themes = theme_picker(ctx)
    # Somewhat more questions in the early period, and hardly any in the weekend.
    received_days = sorted(
        clock.off_weekend(
            clock.skewed_day(clock.first_day, clock.last_day, 1.0 if ctx.chance(0.6) else 1.6),
            clock.first_day,
            clock.last_day,
        )
        if ctx.chance(0.97)
        else clock.day(clock.first_day, clock.last_day)
        for _ in range(count)
    )
    central = ctx.staff_by_team["centraal"]
    span = (clock.last_day - clock.first_day).days or 1
    for received in received_days:
        progress = (received - clock.first_day).days / span
        theme = themes.pick(rng)
        while out_of_season(ctx, theme.code, progress):
            theme = themes.pick(rng)
        m = ctx.municipality_picker.pick(rng) if ctx.chance(0.9) else None
        contacts = ctx.contacts[m.nis] if m else None
        asker = None
        if contacts and contacts.coordinators and ctx.chance(0.7):
            asker = ctx.pick(contacts.coordinators)
        asker_role = "de gemeentelijke coördinator" if asker else ctx.pick(ASKER_ROLES)
        dispatched = ctx.chance(0.25)
        if dispatched or m is None or ctx.chance(0.12):
            team = "centraal"
        else:
            team = ctx.team_of_province[m.province]
        handler = ctx.pick(central) if team == "centraal" else ctx.staff_of(team)

        age = (clock.last_day - received).days
        dispatched_on = clock.after(received, 0, 3) if dispatched else None
        stale = ctx.chance(0.04)
        if age < 10 or stale:
            status = (
                "doorverwezen" if dispatched else ("nieuw" if ctx.chance(0.4) else "in_behandeling")
            )
            answered_on = None
        else:
            lag = rng.randint(3, 30) if dispatched else int(12 * rng.random() ** 2)
            answered_on = clock.after(dispatched_on or received, lag, lag)
            status = "beantwoord" if ctx.chance(0.55) else "gesloten"
        subject = subject_for(ctx, theme)
        gemeente = m.name if m else "een partnerorganisatie"
        question_text = ctx.pick(QUESTION_CONTEXTS).format(
            asker=asker_role, gemeente=gemeente, subject=subject
        )
        question_text = question_text[0].upper() + question_text[1:]
        answer_text = None
        published = False
        if answered_on is not None:
            templates = ANSWERS.get(theme.domain, (DEFAULT_ANSWER,))
            answer_text = ctx.pick(templates).format(theme=theme.name.lower())
            published = ctx.chance(0.2)
        seconds = clock.office_seconds()
        question_id = ctx.new_id(received, seconds)
        ctx.sink.add(
            "question",
            {
                "id": question_id,
                "created_at": stamp(received, seconds),
                "received_on": received.isoformat(),
                "team_code": team,
                "municipality_nis": m.nis if m else None,
                "asker_contact_id": asker.id if asker else None,
                "channel": _CHANNELS.pick(rng),
                "theme_code": theme.code,
                "subject": subject,
                "question_text": question_text,
                "status": status,
                "handled_by_id": handler.id,
                "dispatched_to_domain": theme.domain if dispatched else None,
                "dispatched_on": dispatched_on.isoformat() if dispatched_on else None,
                "answered_on": answered_on.isoformat() if answered_on else None,
                "answer_text": answer_text,
                "published": int(published),
                "published_title": subject if published else None,
                "asker_name": asker.name if asker else None,
            },
        )
        if published and answered_on is not None and answer_text is not None:
            ctx.published_questions.append(
                (answered_on.toordinal(), question_id, subject, answer_text)
            )
        if answered_on is None:
            ctx.open_questions.append((received.toordinal(), 0, question_id, subject))
        elif (answered_on - received).days >= 2:
            ctx.open_questions.append(
                (received.toordinal(), answered_on.toordinal(), question_id, subject)
            )
