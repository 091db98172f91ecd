"""Every public page can be shared: Open Graph tags with a real preview image, WhatsApp links."""

import io
import re
from html import unescape
from urllib.parse import quote, unquote, urlsplit

import pytest
from PIL import Image

from elections.models import Subdistrict

pytestmark = pytest.mark.django_db

REQUIRED = [
    "og:title",
    "og:description",
    "og:url",
    "og:image",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
]


def sitemap_urls(client):
    xml = client.get("/sitemap.xml").content.decode()
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def og_tags(html):
    return {
        key: unescape(value)
        for key, value in re.findall(r'<meta property="(og:[^"]+)" content="([^"]*)"', html)
    }


def local(url):
    parts = urlsplit(url)
    assert parts.scheme == "http" and parts.netloc == "testserver", url
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_every_sitemap_page_has_open_graph_tags_and_a_valid_preview_image(client, demo):
    urls = sitemap_urls(client)
    assert len(urls) > 90
    images = {}
    for url in urls:
        response = client.get(local(url))
        assert response.status_code == 200, url
        tags = og_tags(response.content.decode())
        missing = [name for name in REQUIRED if not tags.get(name)]
        assert not missing, f"{url} lacks {missing}"
        assert tags["og:url"] == url
        assert tags["og:image:width"] == "1200" and tags["og:image:height"] == "630"
        assert tags["og:locale"] in {"id_ID", "en_US"}
        images[tags["og:image"]] = url

    for image_url, page in images.items():
        response = client.get(local(image_url))
        assert response.status_code == 200, page
        assert response["Content-Type"] == "image/jpeg"
        assert len(response.content) < 300 * 1024
        picture = Image.open(io.BytesIO(response.content))
        assert (picture.format, picture.size) == ("JPEG", (1200, 630))


def test_pages_without_their_own_picture_share_the_portal_card(client, demo):
    tags = og_tags(client.get("/id/pemilih/").content.decode())

    assert tags["og:image"].startswith("http://testserver/id/og/portal.jpg?v=")


def test_a_pairs_preview_is_its_own_card_and_changes_when_the_pair_changes(client, demo, committed):
    from candidates.models import Candidate

    url = "/id/calon/walikota-balikpapan-2024/2/"
    before = og_tags(client.get(url, follow=True).content.decode())["og:image"]
    candidate = Candidate.objects.get(
        pair__ballot_number=2, pair__contest__slug="walikota-balikpapan-2024", role="head"
    )
    candidate.full_name = "Nama Contoh Diubah"
    with committed():
        candidate.save()

    after = og_tags(client.get(url, follow=True).content.decode())["og:image"]

    assert "/id/og/calon/walikota-balikpapan-2024/2.jpg?v=" in before
    assert before != after


def test_the_schedule_preview_counts_the_days_to_voting(client, demo, settings):
    settings.PORTAL_CLOCK = "2024-11-20T10:00+08:00"
    tags = og_tags(client.get("/id/jadwal/").content.decode())

    image = client.get(local(tags["og:image"]))

    assert image.status_code == 200
    assert "/id/og/jadwal.jpg" in tags["og:image"]


def test_unpublished_items_have_no_preview_image(client, demo):
    from announcements.models import Announcement, Status

    draft = Announcement.objects.create(
        slug="draf-rahasia", title_ind="Draf", summary_ind="R", body_ind="I", status=Status.DRAFT, source="S"
    )

    assert client.get(f"/id/og/pengumuman/{draft.slug}.jpg").status_code == 404


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (
            "/id/jadwal/",
            "Jadwal tahapan pemilihan. Info resmi dari Pemkot Balikpapan: "
            "http://testserver/id/pemilihan/pilkada-2024/jadwal/",
        ),
        (
            "/en/jadwal/",
            "Election schedule (tahapan). Official info from Pemkot Balikpapan: "
            "http://testserver/en/pemilihan/pilkada-2024/jadwal/",
        ),
        (
            "/id/",
            "Portal Pilkada Kota Balikpapan. Info resmi dari Pemkot Balikpapan: http://testserver/id/",
        ),
    ],
)
def test_whatsapp_links_carry_an_encoded_message_in_the_pages_language(client, demo, path, text):
    html = client.get(path).content.decode()

    link = re.search(r'href="https://wa\.me/\?text=([^"]+)"', html).group(1)

    assert link == quote(text, safe="")
    assert unquote(link) == text


def test_shared_messages_carry_plain_text_not_html_entities_on_any_page(client, demo):
    """Pair names hold apostrophes and "&" (Sa'bani & Syukri): WhatsApp shows what is sent."""
    pair_messages = []
    for url in sitemap_urls(client):
        html = client.get(local(url)).content.decode()
        for pattern in (
            r'href="https://wa\.me/\?text=([^"]+)"',
            r'href="https://t\.me/share/url\?[^"]*text=([^"&]+)',
        ):
            message = unquote(re.search(pattern, html).group(1))
            assert not re.search(r"&(#x?[0-9a-fA-F]+|amp|quot|lt|gt);", message), (url, message)
        if "/calon/" in url:
            pair_messages.append(unquote(re.search(r'wa\.me/\?text=([^"]+)"', html).group(1)))

    assert any("Sa'bani & Syukri" in message for message in pair_messages)


@pytest.fixture
def stations(demo):
    """Three TPS in Kelurahan Damai."""
    from datetime import date

    from elections.models import Election, PollingStation

    subdistrict = Subdistrict.objects.select_related("district").get(slug="damai")
    for number in (1, 2, 3):
        PollingStation.objects.create(
            election=Election.objects.get(),
            subdistrict=subdistrict,
            number=number,
            address=f"Alamat contoh {number}",
            source="PPS contoh",
            as_of=date(2024, 11, 20),
        )
    return subdistrict


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "id",
            "Kelurahan Damai: hari pemungutan suara Rabu, 27 November 2024, "
            "3 TPS-nya buka pukul 07.00–13.00 WITA. Info resmi dari Pemkot Balikpapan: "
            "http://testserver/id/pemilihan/pilkada-2024/pemilih/balikpapan-kota/damai/",
        ),
        (
            "en",
            "Kelurahan Damai: voting day Wednesday, 27 November 2024, its 3 TPS open 07:00–13:00 WITA. "
            "Official info from Pemkot Balikpapan: "
            "http://testserver/en/pemilihan/pilkada-2024/pemilih/balikpapan-kota/damai/",
        ),
    ],
)
def test_a_kelurahan_is_shared_with_voting_day_hours_and_its_number_of_tps(client, stations, lang, text):
    html = client.get(f"/{lang}/pemilih/balikpapan-kota/damai/").content.decode()

    assert unquote(re.search(r'href="https://wa\.me/\?text=([^"]+)"', html).group(1)) == text


def test_a_kelurahan_without_its_tps_list_is_shared_without_a_count(client, demo):
    html = client.get("/id/pemilih/balikpapan-kota/damai/").content.decode()

    message = unquote(re.search(r'href="https://wa\.me/\?text=([^"]+)"', html).group(1))
    assert message.startswith(
        "Kelurahan Damai: hari pemungutan suara Rabu, 27 November 2024, TPS buka pukul 07.00"
    )


def test_each_kelurahan_has_its_own_preview_card_that_follows_its_tps(client, demo, committed):
    from datetime import date

    from elections.models import Election, PollingStation

    before = og_tags(client.get("/id/pemilih/balikpapan-kota/damai/").content.decode())
    other = og_tags(client.get("/id/pemilih/balikpapan-kota/prapatan/").content.decode())
    with committed():
        PollingStation.objects.create(
            election=Election.objects.get(),
            subdistrict=Subdistrict.objects.get(slug="damai"),
            number=1,
            source="PPS contoh",
            as_of=date(2024, 11, 20),
        )
    after = og_tags(client.get("/id/pemilih/balikpapan-kota/damai/").content.decode())

    assert before["og:image"].startswith("http://testserver/id/og/pemilih/balikpapan-kota/damai.jpg?v=")
    assert before["og:image"] != other["og:image"] and before["og:image"] != after["og:image"]
    assert after["og:image:alt"] == "Kelurahan Damai: hari pemungutan suara, jam buka, dan TPS"
    image = client.get(local(after["og:image"]))
    assert image["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(image.content)).size == (1200, 630)


def test_a_kelurahan_card_under_the_wrong_kecamatan_is_not_found(client, demo):
    assert client.get("/id/og/pemilih/balikpapan-utara/damai.jpg").status_code == 404


def test_the_print_notice_and_error_pages_offer_no_share_action(client, demo):
    assert "wa.me" not in client.get("/id/pemilih/balikpapan-kota/damai/cetak/").content.decode()
    assert "wa.me" not in client.get("/id/tidak-ada/").content.decode()


def test_the_share_action_comes_before_the_main_content(client, demo):
    html = client.get("/id/jadwal/").content.decode()

    assert html.index('<details class="share no-print"') < html.index("<main")


def test_telegram_and_copy_link_work_without_javascript(client, demo):
    html = client.get("/en/pemilih/").content.decode()

    # The permanent address (elections.links): a shared link keeps showing this election.
    shared = "http%3A%2F%2Ftestserver%2Fen%2Fpemilihan%2Fpilkada-2024%2Fpemilih%2F"
    assert f'href="https://t.me/share/url?url={shared}&amp;text=' in html
    assert 'readonly value="http://testserver/en/pemilihan/pilkada-2024/pemilih/"' in html


def test_every_page_names_its_canonical_address(client, demo):
    subdistrict = Subdistrict.objects.select_related("district").first()

    html = client.get(subdistrict.get_absolute_url() + "?utm_source=wa").content.decode()

    # Its permanent address (elections.links), which the short one names.
    permanent = subdistrict.get_absolute_url().replace("/pemilih/", "/pemilihan/pilkada-2024/pemilih/", 1)
    assert f'<link rel="canonical" href="http://testserver{permanent}">' in html


def test_a_filtered_or_later_page_of_a_list_shares_its_own_address_without_tracking_tags(client, demo):
    html = client.get("/id/pengumuman/?utm_source=wa&kategori=politik-uang&fbclid=x").content.decode()

    canonical = "http://testserver/id/pengumuman/?kategori=politik-uang"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert quote(canonical, safe="") in re.search(r'wa\.me/\?text=([^"]+)"', html).group(1)


def test_the_search_box_allows_what_the_search_reads(client, demo):
    from reach.search import MAX_QUERY_LENGTH

    html = client.get("/id/").content.decode()

    assert f'maxlength="{MAX_QUERY_LENGTH}"' in html


def test_preview_cards_draw_dashes_and_accents_the_font_lacks_as_their_plain_forms():
    """Pillow's built-in font has no "–" or "é": drawn as is, they would be empty boxes."""
    from core import sharecards as og

    fancy = og.Card(label="Jadwal", title="Target partisipasi 70–80 persen", subtitle="Kafe Señor — café")
    plain = og.Card(label="Jadwal", title="Target partisipasi 70-80 persen", subtitle="Kafe Senor - cafe")

    assert og.render(fancy) == og.render(plain)
    assert og.drawable("Sa'bani & Syukri…") == "Sa'bani & Syukri…"


def test_a_preview_image_at_its_digest_address_is_cached_for_good_and_others_briefly(client, demo):
    image_url = og_tags(client.get("/id/pemilih/").content.decode())["og:image"]
    path = image_url.removeprefix("http://testserver")

    versioned = client.get(path)
    stale = client.get(path.split("?")[0] + "?v=0000000000000000")
    bare = client.get(path.split("?")[0])

    assert "immutable" in versioned["Cache-Control"] and "max-age=31536000" in versioned["Cache-Control"]
    for response in (stale, bare):
        assert "immutable" not in response["Cache-Control"] and "max-age=60" in response["Cache-Control"]
