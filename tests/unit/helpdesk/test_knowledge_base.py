"""The knowledge base: publishing shows exactly what becomes public and leaks no personal
data (found names, phones, e-mail addresses hold the publication until confirmed or taken
out), versions replace each other with valid-until and "vervangen door", the questions that
used an article are listed on it, documents are attached through the attachment store, and
similar articles and themes are suggested while a question is typed."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from helpdesk_data import ASKER, DAY, TODAY, Helpdesk

from vlot_desktop.db import attachment_store
from vlot_desktop.domain.question_rules import ArticleKind
from vlot_desktop.services import knowledge_base as kb
from vlot_desktop.services import question_detail, question_search, questions
from vlot_desktop.services.knowledge_base import ArticleFilter, ArticleValues

FAMILY = "0196a000-0000-7000-8000-00000000f001"
MEMBER = "0196a000-0000-7000-8000-00000000f002"


def add_household(h: Helpdesk) -> None:
    """A case with a member called Olena Kovalenko (Олена Коваленко)."""
    stamp = "2026-01-05 09:00:00.000000"
    h.sql(
        "INSERT INTO case_file (id, reference, case_type, status, team_code, municipality_nis, "
        "opened_on, household_size, created_at, updated_at) VALUES (?, 'HH-2026-00001', "
        "'herhuisvesting', 'nieuw', 'limburg', '71072', '2026-01-05', 1, ?, ?)",
        FAMILY,
        stamp,
        stamp,
    )
    h.sql(
        "INSERT INTO household_member (id, case_id, first_name, last_name, first_name_cyrillic, "
        "last_name_cyrillic, search_names, relation, needs_mobility, needs_medical, has_pets, "
        "school_age, created_at, updated_at) VALUES (?, ?, 'Olena', 'Kovalenko', 'Олена', "
        "'Коваленко', 'olena kovalenko олена коваленко', 'contactpersoon', 0, 0, 0, 0, ?, ?)",
        MEMBER,
        FAMILY,
        stamp,
        stamp,
    )


def answered_question(h: Helpdesk, answer: str) -> str:
    qid = h.take_in(
        "Kan een Oekraïens kind midden in het schooljaar instappen? Vraag van Jan Claes "
        "over het gezin van Olena.",
        asker_contact_id=ASKER,
    )
    assert (
        questions.answer_question(
            h.engine, qid, answer_text=answer, answered_on=TODAY, author_id=None, today=TODAY
        )
        == []
    )
    return qid


def test_the_draft_proposes_only_public_text_and_names_what_stays_private(
    helpdesk: Helpdesk,
) -> None:
    h = helpdesk
    qid = answered_question(h, "Ja, een kind kan op elk moment instappen; het CLB helpt.")
    with h.engine.connect() as conn:
        draft = kb.publication_draft(conn, qid, TODAY)
    assert draft.proposed.kind == ArticleKind.QA.value
    assert draft.proposed.title == "Kan een Oekraïens kind midden in het schooljaar instappen?"
    assert draft.proposed.general_question == draft.proposed.title
    assert draft.proposed.answer == "Ja, een kind kan op elk moment instappen; het CLB helpt."
    assert draft.proposed.theme_code == "onderwijs-inschrijving-school"
    assert draft.proposed.domain_code == "onderwijs"
    assert draft.findings == () and draft.problems == ()
    assert draft.public.domain_name == "Onderwijs" and draft.public.municipality_name is None
    assert any("vraagsteller" in k for k in draft.kept_private)
    public = json.dumps(dataclasses.asdict(draft.public), default=str)
    for private in ("Jan", "Claes", "Hasselt", "jan.claes", draft.reference, "Olena"):
        assert private not in public


def test_personal_data_holds_a_publication_until_confirmed(helpdesk: Helpdesk) -> None:
    h = helpdesk
    add_household(h)
    qid = answered_question(
        h, "Olena kan met Jan Claes (011 23 45 67, jan.claes@hasselt.be) een school zoeken."
    )
    with h.engine.connect() as conn:
        draft = kb.publication_draft(conn, qid, TODAY)
    assert [(f.kind.value, f.fragment) for f in draft.findings] == [
        ("name", "Olena"),
        ("name", "Jan Claes"),
        ("phone", "011 23 45 67"),
        ("email", "jan.claes@hasselt.be"),
    ]
    assert all(not p.is_error for p in draft.problems)
    before = h.sql("SELECT count(*) FROM kb_article")
    held = kb.publish_question(h.engine, qid, draft.proposed, author_id=h.author_id)
    assert not held.saved and held.needs_confirmation and len(held.problems) == 4
    assert held.problems[0].message.startswith("De tekst bevat de naam 'Olena'.")
    assert h.sql("SELECT count(*) FROM kb_article") == before
    assert h.sql("SELECT published FROM question WHERE id = ?", qid) == [(0,)]
    # Taken out: published, and nothing of the asker or the household in the article.
    clean = dataclasses.replace(
        draft.proposed, answer="Een kind kan op elk moment instappen; het CLB helpt zoeken."
    )
    published = kb.publish_question(h.engine, qid, clean, author_id=h.author_id)
    assert published.saved and published.problems == []
    row = h.sql("SELECT * FROM kb_article WHERE id = ?", published.article_id)[0]
    text = " ".join(str(v) for v in row)
    for private in ("Olena", "Kovalenko", "Jan", "Claes", "011", "hasselt.be"):
        assert private not in text
    assert h.sql("SELECT published, published_title FROM question WHERE id = ?", qid) == [
        (1, clean.title)
    ]
    # Confirmed on purpose (e.g. a public service's phone number): published with the warning.
    confirmed = kb.publish_question(
        h.engine,
        qid,
        dataclasses.replace(clean, answer="Bel de infolijn op 02 553 00 00."),
        author_id=None,
        confirm_personal_data=True,
    )
    assert confirmed.saved and [p.field for p in confirmed.problems] == ["answer"]


def test_errors_save_nothing(helpdesk: Helpdesk) -> None:
    h = helpdesk
    qid = answered_question(h, "Ja.")
    with h.engine.connect() as conn:
        draft = kb.publication_draft(conn, qid, TODAY)
    bad = dataclasses.replace(draft.proposed, title=" ", valid_until=TODAY - DAY)
    result = kb.publish_question(h.engine, qid, bad, author_id=None, confirm_personal_data=True)
    assert not result.saved and not result.needs_confirmation
    assert {p.field for p in result.problems} == {"title", "valid_until"}
    assert h.sql("SELECT count(*) FROM kb_article") == [(0,)]


def values(title: str = "Instappen in het schooljaar", **changes: object) -> ArticleValues:
    base = ArticleValues(
        kind=ArticleKind.QA.value,
        title=title,
        general_question="Kan een kind midden in het schooljaar instappen?",
        answer="Ja, op elk moment.",
        valid_from=TODAY - 100 * DAY,
        domain_code="onderwijs",
        theme_code="onderwijs-inschrijving-school",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_a_new_version_replaces_the_old_one(helpdesk: Helpdesk) -> None:
    h = helpdesk
    first = kb.create_article(h.engine, values(), author_id=h.author_id).article_id
    assert first is not None
    second = kb.new_version(
        h.engine,
        first,
        values(answer="Ja, maar meld het eerst bij het CLB.", valid_from=TODAY - 10 * DAY),
        author_id=h.author_id,
    )
    assert second.saved and second.article_id
    assert h.sql(
        "SELECT version, valid_from, valid_until, replaced_by_id FROM kb_article ORDER BY version"
    ) == [
        (1, (TODAY - 100 * DAY).isoformat(), (TODAY - 11 * DAY).isoformat(), second.article_id),
        (2, (TODAY - 10 * DAY).isoformat(), None, None),
    ]
    # Only the newest gets a successor; a successor starts later.
    again = kb.new_version(h.engine, first, values(valid_from=TODAY), author_id=None)
    assert [p.field for p in again.problems] == ["replaced_by"]
    early = kb.new_version(
        h.engine, second.article_id, values(valid_from=TODAY - 20 * DAY), author_id=None
    )
    assert [p.field for p in early.problems] == ["valid_from"]
    with h.engine.connect() as conn:
        old = kb.article_detail(conn, first, TODAY)
        current = kb.list_articles(conn, ArticleFilter(today=TODAY))
        everything = kb.list_articles(conn, ArticleFilter(include_old=True, today=TODAY))
        past = kb.list_articles(conn, ArticleFilter(today=TODAY - 50 * DAY))
    assert not old.current and old.replaced_by_id == second.article_id
    assert old.replaced_by_title == "Instappen in het schooljaar"
    assert [v.version for v in old.versions] == [1, 2]
    assert [r.version for r in current.rows] == [2] and current.total == 1
    assert [r.version for r in everything.rows] == [2, 1]
    assert [r.version for r in past.rows] == [1]  # what applied then


def test_questions_that_used_an_article_are_listed_on_it(helpdesk: Helpdesk) -> None:
    h = helpdesk
    article = kb.create_article(h.engine, values(), author_id=None).article_id
    assert article is not None
    qid = h.take_in()
    assert (
        questions.answer_question(
            h.engine,
            qid,
            answer_text=kb.insertable_text(h.engine.connect(), article),
            answered_on=TODAY,
            author_id=h.author_id,
            used_article_ids=[article],
            today=TODAY,
        )
        == []
    )
    questions.note_article_used(h.engine, qid, article, author_id=None)  # once per pair
    with h.engine.connect() as conn:
        detail = kb.article_detail(conn, article, TODAY)
        q = question_detail.detail(conn, qid, TODAY)
    assert [u.question_id for u in detail.used_by] == [qid]
    assert [a.id for a in q.used_articles] == [article]
    assert h.sql("SELECT count(*) FROM question_article") == [(1,)]


def test_a_framework_with_its_document(helpdesk: Helpdesk, tmp_path: Path) -> None:
    h = helpdesk
    framework = values(
        "Kader intergemeentelijke samenwerking",
        kind=ArticleKind.FRAMEWORK.value,
        general_question=None,
        answer=None,
        domain_code="opvang-huisvesting",
        theme_code="opvang-intergemeentelijke-samenwerking",
    )
    created = kb.create_article(h.engine, framework, author_id=None)
    assert created.saved and created.article_id
    document = tmp_path / "modelovereenkomst.pdf"
    document.write_bytes(b"%PDF-1.4 model")
    attached = kb.attach_document(h.engine, h.data_dir, created.article_id, document)
    assert attachment_store.has(h.data_dir, attached.sha256)
    assert kb.attach_document(h.engine, h.data_dir, created.article_id, document) == attached
    with h.engine.connect() as conn:
        public = kb.public_article(conn, created.article_id)
        listed = kb.list_articles(conn, ArticleFilter(kind="kader", today=TODAY))
    assert public.documents == ("modelovereenkomst.pdf",) and public.kind_label == "Kader"
    assert listed.rows[0].documents == 1
    assert h.sql(
        "SELECT media_type, owner_table FROM attachment WHERE id = ?", attached.attachment_id
    ) == [("application/pdf", "kb_article")]


def test_a_good_practice_names_its_municipality(helpdesk: Helpdesk) -> None:
    h = helpdesk
    practice = values(
        "Buddywerking in Genk",
        kind=ArticleKind.GOOD_PRACTICE.value,
        general_question=None,
        answer="Vrijwilligers begeleiden nieuwe gezinnen de eerste maanden.",
        municipality_nis="71016",
    )
    created = kb.create_article(h.engine, practice, author_id=None)
    assert created.article_id
    with h.engine.connect() as conn:
        assert kb.public_article(conn, created.article_id).municipality_name == "Genk"
    unknown = kb.create_article(h.engine, values(theme_code="nope"), author_id=None)
    assert [p.field for p in unknown.problems] == ["theme_code"]


def test_update_and_withdraw(helpdesk: Helpdesk) -> None:
    h = helpdesk
    article = kb.create_article(h.engine, values(), author_id=None).article_id
    assert article is not None
    assert kb.update_article(h.engine, article, values(title="Instappen tijdens het jaar")) == []
    assert h.sql("SELECT title, version FROM kb_article") == [("Instappen tijdens het jaar", 1)]
    assert [
        p.field for p in kb.withdraw_article(h.engine, article, last_day=TODAY - 200 * DAY)
    ] == ["valid_until"]
    assert kb.withdraw_article(h.engine, article, last_day=TODAY - DAY) == []
    with h.engine.connect() as conn:
        assert kb.list_articles(conn, ArticleFilter(today=TODAY)).total == 0


def test_similar_articles_and_themes_while_typing(helpdesk: Helpdesk) -> None:
    h = helpdesk
    current = kb.create_article(h.engine, values(), author_id=None).article_id
    old = kb.create_article(
        h.engine, values("Oude regel", valid_until=TODAY - 30 * DAY), author_id=None
    ).article_id
    h.take_in("Wanneer mag een Oekraïens kind instappen in de school?")
    with h.engine.connect() as conn:
        found = question_search.suggestions(conn, "schooljaar instappen kind midden", today=TODAY)
        with_old = question_search.similar_articles(
            conn, "schooljaar instappen", today=TODAY, current_only=False
        )
    assert [a.id for a in found.articles] == [current]
    assert {a.id for a in with_old} == {current, old}
    assert found.theme is not None and found.theme.code == "onderwijs-inschrijving-school"
    assert found.questions and found.questions[0].subject.startswith("Wanneer mag")
