"""Helpdesk questions over the whole period: received by a regional or the central team,
dispatched by the central team to one or two policy domains (never to VLOT's own, reception
and housing: VLOT answers those itself), reminded, answered by the sector and by VLOT, some
published in the knowledge base, a few articles in a second version, plus good practices and
frameworks.

Everything goes through the helpdesk's write paths (``services.questions``,
``services.knowledge_base``), as the screens write: intake, status steps with their history,
dispatches with the due date of the theme, reminders, answers, publications and versions. The
generator passes its own moments (``at``) and ids, so the same seed gives the same data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from vlot_desktop.demo.context import Context, Municipality, Person, Staff, Theme
from vlot_desktop.demo.context import WeightedPicker as Picker
from vlot_desktop.demo.helpdesk_texts import (
    ANSWERS,
    ASKER_ROLES,
    DEFAULT_ANSWER,
    DEFAULT_SECTOR_ANSWER,
    FRAMEWORKS,
    FREE_ASKER_DOMAINS,
    GOOD_PRACTICES,
    QUESTION_CONTEXTS,
    QUESTION_SUBJECTS,
    SECTOR_ANSWERS,
    VERSION_NOTES,
)
from vlot_desktop.demo.names import FLEMISH_FIRST_NAMES, FLEMISH_LAST_NAMES
from vlot_desktop.demo.people import add_organisation, add_person, slug
from vlot_desktop.domain.enums import QuestionStatus
from vlot_desktop.domain.question_rules import OWN_DOMAIN, ArticleKind, default_due_date
from vlot_desktop.domain.text import fold
from vlot_desktop.services import knowledge_base, questions
from vlot_desktop.services.knowledge_base import ArticleValues
from vlot_desktop.services.questions import DispatchTarget, NewQuestion

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

# The sector organisations of demo.people and the policy domain each speaks for.
ORGANISATION_DOMAINS: dict[str, str] = {
    "VDAB": "werk-activering",
    "Agentschap Opgroeien": "welzijn-zorg",
    "Agentschap Integratie en Inburgering": "juridisch-verblijf",
    "Departement Onderwijs en Vorming": "onderwijs",
    "Departement Zorg": "welzijn-zorg",
    "Wonen in Vlaanderen": "energie-water-wonen",
    "Agentschap Binnenlands Bestuur": "subsidies-financien",
    "Vereniging van Vlaamse Steden en Gemeenten": "communicatie-samenwerking",
    "Departement Mobiliteit en Openbare Werken": "mobiliteit",
}
# Domains without such an organisation get one of their own.
EXTRA_SECTOR_ORGANISATIONS: tuple[tuple[str, str], ...] = (
    ("Departement Mobiliteit en Openbare Werken", "mow.vlaanderen.be"),
)
# A question of the first domain is sometimes also put to the second.
SECOND_DOMAIN: dict[str, str] = {
    "subsidies-financien": "welzijn-zorg",
    "onderwijs": "welzijn-zorg",
    "juridisch-verblijf": "subsidies-financien",
    "werk-activering": "onderwijs",
    "welzijn-zorg": "subsidies-financien",
    "energie-water-wonen": "subsidies-financien",
}
DISPATCH_SHARE = 0.36  # of the questions outside VLOT's own domain (about a quarter of all)
TWO_DOMAINS = 0.1
CENTRAL_INTAKE = 0.12  # questions that reach the central team directly
NO_ANSWER = 0.05  # dispatches a domain never answers
PUBLISH = 0.6  # the first answer to a general question is published this often
NEW_VERSION = 0.08  # published articles that get a second version later
USE_ARTICLE = 0.6  # answers that use a current article on their question


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


@dataclass
class _Version:
    id: str
    valid_from: int  # date ordinals
    valid_until: int | None
    answer: str


@dataclass
class _Helpdesk:
    """What the generator keeps while it goes through the questions in order."""

    articles: dict[str, list[_Version]] = field(default_factory=dict)  # folded subject ->
    central: list[Staff] = field(default_factory=list)

    def current(self, subject: str, day: dt.date) -> _Version | None:
        for version in self.articles.get(fold(subject), []):
            until = version.valid_until
            if version.valid_from <= day.toordinal() and (
                until is None or until >= day.toordinal()
            ):
                return version
        return None


def _ids(ctx: Context, day: dt.date, seconds: int) -> questions.NewId:
    return lambda: ctx.new_id(day, seconds)


def add_sector_coordinators(ctx: Context) -> None:
    """The sector coordinators of each policy domain (a domain without a sector organisation
    in ``demo.people`` gets one)."""
    first = ctx.clock.first_day
    for name, mail_domain in EXTRA_SECTOR_ORGANISATIONS:
        org = add_organisation(ctx, first, name, "sector", None, domain=mail_domain)
        ctx.sector_people.append(
            add_person(ctx, first, "sectorcoordinator", org, None, domain=mail_domain)
        )
    ctx.sink.flush()
    minute = 0
    for person in ctx.sector_people:
        domain = ORGANISATION_DOMAINS.get(person.organisation_name or "")
        if domain is None or domain == OWN_DOMAIN:
            continue
        minute += 1
        questions.set_domain_coordinator(
            ctx.conn, domain, person.id, at=ctx.at(first, 17 * 3600 + minute * 60)
        )


def _free_asker(ctx: Context) -> tuple[str | None, str | None, str | None]:
    """A field worker who is not a known contact person: a name, sometimes contact details."""
    if not ctx.chance(0.5):
        return None, None, None
    first, last = ctx.pick(FLEMISH_FIRST_NAMES), ctx.pick(FLEMISH_LAST_NAMES)
    email = (
        f"{slug(first)}.{slug(last)}@{ctx.pick(FREE_ASKER_DOMAINS)}" if ctx.chance(0.4) else None
    )
    phone = None
    if ctx.chance(0.3):
        n = ctx.rng.randrange(1_000_000)
        phone = f"04{ctx.rng.randint(70, 99)} {n // 10000:02d} {n // 100 % 100:02d} {n % 100:02d}"
    return f"{first} {last}", email, phone


def add_questions(ctx: Context, count: int) -> None:
    clock, rng = ctx.clock, ctx.rng
    ctx.sink.flush()  # the people and places the questions point at
    add_sector_coordinators(ctx)
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
    state = _Helpdesk(central=ctx.staff_by_team["centraal"])
    span = (clock.last_day - clock.first_day).days or 1
    for received in received_days:
        progress = (received - clock.first_day).days / span
        theme = themes.pick(rng)
        while out_of_season(ctx, theme.code, progress):
            theme = themes.pick(rng)
        _question(ctx, state, received, theme)
    add_articles(ctx)


def _question(ctx: Context, state: _Helpdesk, received: dt.date, theme: Theme) -> None:
    clock, rng = ctx.clock, ctx.rng
    m: Municipality | None = ctx.municipality_picker.pick(rng) if ctx.chance(0.9) else None
    contacts = ctx.contacts[m.nis] if m else None
    asker: Person | None = None
    if contacts and contacts.coordinators and ctx.chance(0.7):
        asker = ctx.pick(contacts.coordinators)
    asker_role = "de gemeentelijke coördinator" if asker else ctx.pick(ASKER_ROLES)
    free_name, free_email, free_phone = (None, None, None) if asker else _free_asker(ctx)
    team = (
        "centraal" if m is None or ctx.chance(CENTRAL_INTAKE) else ctx.team_of_province[m.province]
    )
    intake = ctx.pick(state.central) if team == "centraal" else ctx.staff_of(team)
    subject = subject_for(ctx, theme)
    gemeente = m.name if m else "een partnerorganisatie"
    text = ctx.pick(QUESTION_CONTEXTS).format(asker=asker_role, gemeente=gemeente, subject=subject)
    text = text[0].upper() + text[1:]
    seconds = clock.office_seconds()
    result = questions.create_question(
        ctx.conn,
        NewQuestion(
            question_text=text,
            subject=subject,
            received_on=received,
            received_team_code=team,
            channel=_CHANNELS.pick(rng),
            municipality_nis=m.nis if m else None,
            theme_code=theme.code,
            asker_contact_id=asker.id if asker else None,
            asker_name=free_name,
            asker_email=free_email,
            asker_phone=free_phone,
            handled_by_id=intake.id,
        ),
        author_id=intake.id,
        today=clock.last_day,
        at=ctx.at(received, seconds),
        new_id=_ids(ctx, received, seconds),
    )
    question_id = result.question_id
    assert question_id is not None, result.problems
    stale = ctx.chance(0.04)  # still open long after, e.g. forgotten
    domains: list[str] = []
    if theme.domain != OWN_DOMAIN and ctx.chance(DISPATCH_SHARE):
        domains.append(theme.domain)
        second = SECOND_DOMAIN.get(theme.domain)
        if second and ctx.chance(TWO_DOMAINS):
            domains.append(second)
    if domains:
        ready, last = _dispatch(ctx, state, question_id, received, seconds, theme, domains, stale)
    else:
        ready, last = _take_in_hand(ctx, question_id, received, seconds, intake)
    age = (clock.last_day - received).days
    answered: dt.date | None = None
    if ready is not None and not stale and age >= 10:
        answered = _answer(ctx, state, question_id, subject, theme, ready, last, intake)
    if answered is None:
        ctx.open_questions.append((received.toordinal(), 0, question_id, subject))
    elif (answered - received).days >= 2:
        ctx.open_questions.append(
            (received.toordinal(), answered.toordinal(), question_id, subject)
        )


Moment = tuple[dt.date, int]  # a day and the seconds after midnight


def _take_in_hand(
    ctx: Context, question_id: str, received: dt.date, seconds: int, handler: Staff
) -> tuple[dt.date | None, Moment]:
    """A question VLOT answers itself: in progress soon, answerable after a short lag.
    Returns the day it can be answered (``None``: not yet) and its last status step."""
    clock, rng = ctx.clock, ctx.rng
    lag = int(12 * rng.random() ** 2)
    last = (received, seconds)
    if ctx.chance(0.6):
        day = clock.after(received, 0, 2)
        at = seconds + 60 if day == received else clock.office_seconds(8 * 3600, 12 * 3600)
        _step(ctx, question_id, QuestionStatus.IN_PROGRESS, day, at, handler.id)
        last = (day, at)
    ready = max(received + dt.timedelta(days=lag), last[0])
    return (ready if ready <= clock.last_day else None), last


def _step(
    ctx: Context,
    question_id: str,
    status: QuestionStatus,
    day: dt.date,
    seconds: int,
    author_id: str,
) -> None:
    problems = questions.step_status(
        ctx.conn,
        question_id,
        status,
        author_id=author_id,
        today=day,
        at=ctx.at(day, seconds),
        new_id=_ids(ctx, day, seconds),
    )
    assert not problems, problems


def _dispatch(
    ctx: Context,
    state: _Helpdesk,
    question_id: str,
    received: dt.date,
    seconds: int,
    theme: Theme,
    domains: list[str],
    stale: bool,
) -> tuple[dt.date | None, Moment]:
    """Send to the domains; each answers after a lag (reminded when late), or never. Returns
    the day VLOT has every answer it will get (``None``: still waiting) and the moment of the
    dispatch (the question's last status step)."""
    clock, rng = ctx.clock, ctx.rng
    sent = clock.after(received, 0, 3)
    sent_seconds = seconds + 120 if sent == received else clock.office_seconds()
    sender = ctx.pick(state.central)
    result = questions.dispatch_question(
        ctx.conn,
        question_id,
        [DispatchTarget(d) for d in domains],
        sent_on=sent,
        author_id=sender.id,
        today=clock.last_day,
        at=ctx.at(sent, sent_seconds),
        new_id=_ids(ctx, sent, sent_seconds),
    )
    assert result.saved, result.problems
    ready: dt.date | None = sent
    for dispatch_id, domain in zip(result.dispatch_ids, domains, strict=True):
        due = default_due_date(sent, theme.code, domain)
        lag = rng.randint(2, 12) if ctx.chance(0.7) else rng.randint(10, 35)
        answer_day = sent + dt.timedelta(days=lag)
        never = stale or ctx.chance(NO_ANSWER)
        reminders = [due + dt.timedelta(days=2)]
        if never:
            reminders.append(due + dt.timedelta(days=9))
        for reminder in reminders:
            if reminder > clock.last_day or (not never and reminder >= answer_day):
                break
            problems = questions.remind_dispatch(
                ctx.conn,
                dispatch_id,
                on_date=reminder,
                today=clock.last_day,
                at=ctx.at(reminder, clock.office_seconds()),
            )
            assert not problems, problems
        if never:
            given_up = due + dt.timedelta(days=20)
            if given_up <= clock.last_day and not stale:
                questions.record_no_answer(
                    ctx.conn, dispatch_id, at=ctx.at(given_up, clock.office_seconds())
                )
                ready = max(ready, given_up) if ready else None
            else:
                ready = None
            continue
        if answer_day > clock.last_day:
            ready = None
            continue
        text = ctx.pick(SECTOR_ANSWERS.get(domain, (DEFAULT_SECTOR_ANSWER,)))
        problems = questions.record_sector_answer(
            ctx.conn,
            dispatch_id,
            answer_text=text.format(theme=theme.name.lower()),
            answered_on=answer_day,
            today=clock.last_day,
            at=ctx.at(answer_day, clock.office_seconds()),
        )
        assert not problems, problems
        ready = max(ready, answer_day) if ready else None
    return ready, (sent, sent_seconds)


def _answer(
    ctx: Context,
    state: _Helpdesk,
    question_id: str,
    subject: str,
    theme: Theme,
    ready: dt.date,
    last: Moment,
    handler: Staff,
) -> dt.date | None:
    """VLOT's answer (with the current article on the question, often), after the question's
    last status step, sometimes closed later; the first answer to a general question is
    often published."""
    clock, rng = ctx.clock, ctx.rng
    day = max(min(ready + dt.timedelta(days=rng.randint(0, 3)), clock.last_day), last[0])
    article = state.current(subject, day)
    used: list[str] = []
    if article is not None and ctx.chance(USE_ARTICLE):
        text = article.answer
        used.append(article.id)
    else:
        templates = ANSWERS.get(theme.domain, (DEFAULT_ANSWER,))
        text = ctx.pick(templates).format(theme=theme.name.lower())
    seconds = clock.office_seconds(15 * 3600, 17 * 3600)
    if day == last[0] and seconds <= last[1]:
        seconds = last[1] + 60
    problems = questions.answer_question(
        ctx.conn,
        question_id,
        answer_text=text,
        answered_on=day,
        author_id=handler.id,
        used_article_ids=used,
        today=clock.last_day,
        at=ctx.at(day, seconds),
        new_id=_ids(ctx, day, seconds),
    )
    assert not problems, problems
    if ctx.chance(0.45):
        closed = min(day + dt.timedelta(days=rng.randint(0, 7)), clock.last_day)
        _step(ctx, question_id, QuestionStatus.CLOSED, closed, seconds + 600, handler.id)
    key = fold(subject)
    if key not in state.articles and ctx.chance(PUBLISH):
        _publish(ctx, state, question_id, subject, text, theme, day, seconds + 300, handler)
    return day


def _publish(
    ctx: Context,
    state: _Helpdesk,
    question_id: str,
    subject: str,
    answer: str,
    theme: Theme,
    day: dt.date,
    seconds: int,
    author: Staff,
) -> None:
    clock = ctx.clock
    values = ArticleValues(
        kind=ArticleKind.QA.value,
        title=subject,
        general_question=subject,
        answer=answer,
        valid_from=day,
        domain_code=theme.domain,
        theme_code=theme.code,
    )
    result = knowledge_base.publish_question(
        ctx.conn,
        question_id,
        values,
        author_id=author.id,
        at=ctx.at(day, seconds),
        new_id=_ids(ctx, day, seconds),
    )
    if result.article_id is None:  # personal data found in the text: not published
        return
    versions = [_Version(result.article_id, day.toordinal(), None, answer)]
    state.articles[fold(subject)] = versions
    ctx.published_questions.append((day.toordinal(), question_id, subject, answer))
    first_change = day + dt.timedelta(days=120)
    if first_change <= clock.last_day and ctx.chance(NEW_VERSION):
        changed = clock.day(first_change, clock.last_day)
        new_answer = f"{answer} {ctx.pick(VERSION_NOTES)}"
        change_seconds = clock.office_seconds()
        new = knowledge_base.new_version(
            ctx.conn,
            result.article_id,
            replace(values, answer=new_answer, valid_from=changed),
            author_id=ctx.pick(state.central).id,
            at=ctx.at(changed, change_seconds),
            new_id=_ids(ctx, changed, change_seconds),
        )
        if new.article_id is not None:
            versions[0].valid_until = changed.toordinal() - 1
            versions.append(_Version(new.article_id, changed.toordinal(), None, new_answer))
            ctx.published_questions.append(
                (changed.toordinal(), question_id, f"{subject} (nieuwe versie)", new_answer)
            )


def add_articles(ctx: Context) -> None:
    """Good practices of municipalities and frameworks, spread over the period; one framework
    in a second version."""
    clock = ctx.clock
    central = ctx.staff_by_team["centraal"]
    themes = {t.code: t for t in ctx.themes}
    span = (clock.last_day - clock.first_day).days
    for index, (title, text, theme_code) in enumerate(FRAMEWORKS):
        theme = themes.get(theme_code)
        day = clock.first_day + dt.timedelta(days=30 + index * 45)
        seconds = clock.office_seconds()
        values = ArticleValues(
            kind=ArticleKind.FRAMEWORK.value,
            title=title,
            general_question=None,
            answer=text,
            valid_from=day,
            domain_code=theme.domain if theme else None,
            theme_code=theme_code if theme else None,
        )
        created = knowledge_base.create_article(
            ctx.conn,
            values,
            author_id=ctx.pick(central).id,
            at=ctx.at(day, seconds),
            new_id=_ids(ctx, day, seconds),
        )
        if created.article_id is not None and index == 1 and span > 500:
            changed = clock.first_day + dt.timedelta(days=span // 2)
            change_seconds = clock.office_seconds()
            knowledge_base.new_version(
                ctx.conn,
                created.article_id,
                replace(values, answer=f"{text} {VERSION_NOTES[2]}", valid_from=changed),
                author_id=ctx.pick(central).id,
                at=ctx.at(changed, change_seconds),
                new_id=_ids(ctx, changed, change_seconds),
            )
    for title, text, theme_code in GOOD_PRACTICES:
        theme = themes.get(theme_code)
        m = ctx.municipality_picker.pick(ctx.rng)
        day = clock.day(clock.first_day + dt.timedelta(days=60), clock.last_day)
        seconds = clock.office_seconds()
        knowledge_base.create_article(
            ctx.conn,
            ArticleValues(
                kind=ArticleKind.GOOD_PRACTICE.value,
                title=f"{title} ({m.name})",
                general_question=None,
                answer=text,
                valid_from=day,
                domain_code=theme.domain if theme else None,
                theme_code=theme_code if theme else None,
                municipality_nis=m.nis,
            ),
            author_id=ctx.staff_of(ctx.team_of_province[m.province]).id,
            at=ctx.at(day, seconds),
            new_id=_ids(ctx, day, seconds),
        )
