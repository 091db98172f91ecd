import pytest
from django.urls import reverse

from guide.models import Section, Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(db):
    Section.objects.create(
        slug="yang-dibawa",
        order=1,
        title_ind="Yang perlu dibawa",
        title_en="What to bring",
        body_ind="Bawa **KTP-el**.\n\n<script>alert(1)</script>",
        body_en="Bring your **KTP-el**.",
        source="PKPU 17/2024",
        voting_day=True,
    )
    Term.objects.create(
        term="DPT",
        slug="dpt",
        expansion="Daftar Pemilih Tetap",
        definition_ind="Daftar final.",
        definition_en="Final list.",
    )


@pytest.mark.parametrize(
    ("lang", "text"), [("id", "Bawa <strong>KTP-el</strong>"), ("en", "Bring your <strong>KTP-el</strong>")]
)
def test_the_guide_is_in_the_readers_language_with_its_source(client, guide, lang, text):
    html = client.get(f"/{lang}/cara-memilih/").content.decode()

    assert text in html
    assert "PKPU 17/2024" in html
    assert "<script>alert" not in html


def test_the_glossary_explains_each_term(client, guide):
    html = client.get("/en/istilah/").content.decode()

    assert 'id="dpt"' in html and "Daftar Pemilih Tetap" in html and "Final list." in html


def test_voting_day_banner_links_to_the_guide(client, settings):
    from datetime import date

    from elections.models import Election, Stage

    election = Election.objects.create(slug="e", name_ind="Pilkada", voting_day=date(2024, 11, 27))
    Stage.objects.create(
        election=election,
        order=1,
        kind=Stage.Kind.VOTING,
        name_ind="Pemungutan suara",
        start=date(2024, 11, 27),
        end=date(2024, 11, 27),
        source="x",
    )
    settings.PORTAL_CLOCK = "2024-11-27T08:00+08:00"

    html = client.get("/id/").content.decode()

    assert reverse("guide:how-to-vote") + "#yang-dibawa" in html


def test_staff_edit_the_guide_in_both_languages(admin_client, guide):
    section = Section.objects.get()
    response = admin_client.get(reverse("admin:guide_section_change", args=[section.pk]))

    assert response.status_code == 200
    assert 'name="body_ind"' in response.content.decode() and 'name="body_en"' in response.content.decode()


def test_guide_pages_are_in_the_sitemap(client, guide):
    xml = client.get("/sitemap.xml").content.decode()

    assert "http://testserver/id/cara-memilih/" in xml and "http://testserver/en/istilah/" in xml
