"""Request bodies, uploads and uploaded media (issue 13, items 4 and 5).

Visitors who are not logged in may post small forms only: a larger body is
refused (413) before any of it is read or written to disk. Editors upload
images and documents up to the documented limits, and a broken image is a
form error in their language, never a 500. Documents reach visitors only
through Wagtail's serve view, which checks collection privacy; `/media/`
(when Django serves it) serves images, never documents.
"""

import importlib
import io
import json
import os
import tempfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.forms import ImageField
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import clear_url_caches, reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.contrib.forms.models import FormSubmission
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.users.models import UserProfile

from tests import factories

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
# A made-up CSRF cookie and token of the right shape (the finding's attack).
FAKE_CSRF = "a" * 32
FAKE_TOKEN = "b" * 32


class CountingInput(io.BytesIO):
    """A request body (wsgi.input) that counts the bytes the site read from it."""

    bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readline(self, size=-1):
        data = super().readline(size)
        self.bytes_read += len(data)
        return data


@pytest.fixture
def temporary_files(settings, tmp_path, monkeypatch):
    """Every temporary upload file Django opens while a request is read.

    Uploads go to FILE_UPLOAD_TEMP_DIR, or tempfile.gettempdir() when that is
    unset; both point at an empty folder of the test's own here, and the upload
    handler records each file it starts writing.
    """
    folder = tmp_path / "tmp"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = None
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    started = []
    new_file = TemporaryFileUploadHandler.new_file

    def recording_new_file(self, *args, **kwargs):
        new_file(self, *args, **kwargs)
        started.append(self.file.temporary_file_path())

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", recording_new_file)

    def written():
        return started + sorted(os.listdir(folder))

    assert tempfile.gettempdir() == str(folder)
    return written


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def form_page(db):
    return factories.enquiry_form_page(slug="tell-us")


def large_multipart_body(size=3 * MB):
    """A multipart POST carrying a file: above FILE_UPLOAD_MAX_MEMORY_SIZE, so
    Django would write it to a temporary file as it reads it."""
    return encode_multipart(
        BOUNDARY,
        {
            "csrfmiddlewaretoken": FAKE_TOKEN,
            "file": SimpleUploadedFile("big.bin", b"\0" * size),
        },
    )


def anonymous_client():
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = FAKE_CSRF
    return client


# --- Anonymous request bodies ---------------------------------------------------


def test_a_large_anonymous_post_is_refused_before_its_body_is_read(
    settings, form_page, temporary_files
):
    body = large_multipart_body()
    stream = CountingInput(body)
    response = anonymous_client().generic(
        "POST", form_page.url, body, content_type=MULTIPART_CONTENT, **{"wsgi.input": stream}
    )
    assert response.status_code == 413
    assert "1.0" in response.content.decode()  # the limit, 1.0 MB
    assert stream.bytes_read == 0
    assert temporary_files() == []
    assert not FormSubmission.objects.exists()


def test_a_large_chunked_anonymous_post_is_refused_once_it_passes_the_limit(
    settings, form_page, temporary_files
):
    body = large_multipart_body()
    stream = CountingInput(body)
    response = anonymous_client().generic(
        "POST",
        form_page.url,
        body,
        content_type=MULTIPART_CONTENT,
        # No Content-Length: the body's end is known only once it has been read
        # (the server, gunicorn, decodes the chunks and says so).
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": stream, "wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    # Read no further than the limit (and one byte more, to know it is passed).
    assert stream.bytes_read <= settings.ANONYMOUS_REQUEST_MAX_SIZE + 1
    assert temporary_files() == []


@pytest.fixture
def refusal_languages(monkeypatch):
    """The language active each time the refusal's message is translated."""
    import config.middleware

    languages = []

    def gettext(message):
        languages.append(translation.get_language())
        return translation.gettext(message)

    monkeypatch.setattr(config.middleware, "_", gettext)
    return languages


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
def test_the_refusal_is_in_the_visitors_language(form_page, refusal_languages, language):
    response = anonymous_client().post(
        form_page.url.replace("/en/", f"/{language}/"), {"idea": "x" * (2 * MB)}
    )
    assert response.status_code == 413
    assert refusal_languages == [language]
    assert response["Content-Language"] == language


def test_an_enquiry_is_still_accepted_from_a_visitor(form_page):
    client = Client(enforce_csrf_checks=True)
    form = client.get(form_page.url)
    token = form.content.decode().split('name="csrfmiddlewaretoken" value="', 1)[1].split('"')[0]
    names = {field.label: field.clean_name for field in form_page.get_form_fields()}
    response = client.post(
        form_page.url,
        {
            "csrfmiddlewaretoken": token,
            names["Your name"]: "Chan Tai Man",
            names["Your e-mail"]: "taiman@example.com",
            names["Your idea"]: "A joint workshop on optical networks.",
            "website_url": "",
        },
    )
    assert response.status_code == 200
    assert FormSubmission.objects.filter(page=form_page).count() == 1


def test_a_small_chunked_enquiry_is_read_and_accepted(form_page):
    names = {field.label: field.clean_name for field in form_page.get_form_fields()}
    body = (
        f"{names['Your name']}=Chan+Tai+Man&{names['Your e-mail']}=taiman%40example.com"
        f"&{names['Your idea']}=Optical+networks&website_url="
    ).encode()
    response = Client().generic(
        "POST",
        form_page.url,
        body,
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True},
    )
    assert response.status_code == 200
    submission = FormSubmission.objects.get(page=form_page)
    assert submission.get_data()[names["Your idea"]] == "Optical networks"


# --- Editors' uploads -------------------------------------------------------------


def noise_png(width=760, height=700):
    """A photograph-like PNG that does not compress: about 1.6 MB, more than a
    visitor who is not logged in may post."""
    image = PILImage.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def pdf(size):
    return b"%PDF-1.4\n" + os.urandom(size)


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def test_an_editor_uploads_an_image_and_a_document_through_the_admin(
    admin_client, media_root, root_collection
):
    photo = noise_png()
    assert len(photo) > 1.2 * MB
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Campus",
            "file": SimpleUploadedFile("campus.png", photo, content_type="image/png"),
            "collection": root_collection.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get(title="Campus")
    assert (image.width, image.height) == (760, 700)

    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Annual report",
            "file": SimpleUploadedFile("annual-report.pdf", pdf(3 * MB)),
            "collection": root_collection.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Document.objects.get(title="Annual report").file.size > 3 * MB


def test_an_editor_uploads_several_images_and_documents_at_once(
    admin_client, media_root, root_collection
):
    # With more than one collection, as on the site, the uploader names one.
    root_collection.add_child(name="Photographs")
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile("lab.png", noise_png(), content_type="image/png"),
            "collection": root_collection.pk,
        },
    )
    assert json.loads(response.content)["success"] is True
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile("brochure.pdf", pdf(2 * MB)),
            "collection": root_collection.pk,
        },
    )
    assert json.loads(response.content)["success"] is True
    assert Image.objects.filter(title="lab.png").exists()
    assert Document.objects.filter(title="brochure.pdf").exists()


def test_an_editors_request_above_the_upload_limits_is_refused_unread(
    settings, admin_client, temporary_files
):
    stream = CountingInput(b"")
    response = admin_client.generic(
        "POST",
        reverse("wagtaildocs:add_multiple"),
        b"",
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(settings.EDITOR_REQUEST_MAX_SIZE + 1),
        **{"wsgi.input": stream},
    )
    assert response.status_code == 413
    assert stream.bytes_read == 0
    assert temporary_files() == []


def test_an_editor_is_refused_in_their_admin_language(
    settings, admin_user, client, refusal_languages
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(admin_user)
    response = client.generic(
        "POST",
        reverse("wagtailimages:add_multiple"),
        b"",
        content_type=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(settings.EDITOR_REQUEST_MAX_SIZE + 1),
    )
    assert response.status_code == 413
    assert refusal_languages == ["zh-hans"]


def test_the_request_limits_leave_room_for_the_largest_upload(settings):
    largest = max(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    assert settings.ANONYMOUS_REQUEST_MAX_SIZE <= MB
    assert settings.EDITOR_REQUEST_MAX_SIZE >= largest + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.mark.parametrize(
    ("limits", "upload", "message"),
    [
        (
            {"WAGTAILIMAGES_MAX_UPLOAD_SIZE": MB},
            ("big.png", lambda: noise_png()),
            "This file is too big",
        ),
        (
            {"WAGTAILIMAGES_MAX_IMAGE_PIXELS": 100 * 100},
            ("wide.png", lambda: noise_png(200, 100)),
            "This file has too many pixels",
        ),
    ],
)
def test_images_above_the_documented_limits_are_refused(
    settings, admin_client, media_root, root_collection, limits, upload, message
):
    for name, value in limits.items():
        setattr(settings, name, value)
    filename, data = upload
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Too much",
            "file": SimpleUploadedFile(filename, data()),
            "collection": root_collection.pk,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()


def test_documents_outside_the_allow_list_are_refused(admin_client, media_root, root_collection):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Setup",
            "file": SimpleUploadedFile("setup.exe", b"MZ" + b"\0" * 100),
            "collection": root_collection.pk,
        },
    )
    assert response.status_code == 200
    assert "File extension “exe” is not allowed" in response.content.decode()
    assert not Document.objects.exists()


# --- Broken images ----------------------------------------------------------------


def gif_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (50, 40), "#8a1538").save(buffer, "GIF")
    return buffer.getvalue()


def png_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 200), "#1d1d1f").save(buffer, "PNG")
    return buffer.getvalue()


BROKEN_IMAGES = {
    "a GIF header and nothing else": ("header.gif", lambda: b"GIF89a" + b"\0" * 20),
    "a truncated GIF": ("truncated.gif", lambda: gif_bytes()[: len(gif_bytes()) // 2]),
    "a truncated PNG": ("truncated.png", lambda: png_bytes()[: len(png_bytes()) // 2]),
    "text named .png": ("notes.png", lambda: b"Minutes of the meeting, not a picture.\n"),
}


def invalid_image_message(language):
    with translation.override(language):
        return str(ImageField.default_error_messages["invalid_image"])


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.parametrize("broken", BROKEN_IMAGES, ids=list(BROKEN_IMAGES))
@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_a_broken_image_is_a_form_error_in_the_editors_language(
    admin_user, client, media_root, root_collection, broken, language
):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin_user)
    client.raise_request_exception = False
    filename, data = BROKEN_IMAGES[broken]
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Broken",
            "file": SimpleUploadedFile(filename, data()),
            "collection": root_collection.pk,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert invalid_image_message(language) in html
    if language != "en":
        assert invalid_image_message("en") not in html
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("broken", BROKEN_IMAGES, ids=list(BROKEN_IMAGES))
def test_a_broken_image_in_the_multiple_uploader_is_an_error_too(
    admin_client, media_root, root_collection, broken
):
    admin_client.raise_request_exception = False
    filename, data = BROKEN_IMAGES[broken]
    response = admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(filename, data()), "collection": root_collection.pk},
    )
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["success"] is False
    assert invalid_image_message("en") in answer["error_message"]
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


# --- Media and documents -----------------------------------------------------------


def reload_urls():
    import config.urls

    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def django_serves_media(settings, media_root):
    """DJANGO_SERVE_MEDIA=1 (`make serve`): the URLconf reads it when imported."""
    settings.SERVE_MEDIA = True
    reload_urls()
    yield media_root
    settings.SERVE_MEDIA = False
    reload_urls()


def private_collection(restriction_type, **options):
    collection = Collection.get_first_root_node().add_child(name=f"Board papers {restriction_type}")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type, **options
    )
    return collection


@pytest.fixture
def documents(media_root):
    return {
        "public": factories.DocumentFactory(
            title="Leaflet",
            file=SimpleUploadedFile("leaflet.pdf", b"%PDF-1.4 public leaflet"),
        ),
        "password": factories.DocumentFactory(
            title="Minutes",
            file=SimpleUploadedFile("minutes.pdf", b"%PDF-1.4 board minutes"),
            collection=private_collection(
                CollectionViewRestriction.PASSWORD, password="board-only"
            ),
        ),
        "login": factories.DocumentFactory(
            title="Budget",
            file=SimpleUploadedFile("budget.pdf", b"%PDF-1.4 confidential budget"),
            collection=private_collection(CollectionViewRestriction.LOGIN),
        ),
    }


def content(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("which", ["public", "password", "login"])
def test_media_never_serves_a_document_whatever_its_privacy(
    client, django_serves_media, documents, which
):
    document = documents[which]
    assert document.file.name.startswith("documents/")
    response = client.get(f"/media/{document.file.name}")
    assert response.status_code == 404
    assert document.file.read() not in content(response)


def test_media_serves_original_images_and_renditions(client, django_serves_media):
    image = factories.SmallImageFactory()
    rendition = image.get_rendition("width-60")
    for name in (image.file.name, rendition.file.name):
        assert name.split("/")[0] in {"original_images", "images"}
        response = client.get(f"/media/{name}")
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("image/")
        with open(django_serves_media / name, "rb") as stored:
            assert content(response) == stored.read()


@pytest.mark.parametrize(
    "path",
    [
        "/media/original_images/../documents/minutes.pdf",
        "/media/images/%2e%2e/documents/minutes.pdf",
        "/media/images/..%2fdocuments/minutes.pdf",
    ],
)
def test_media_cannot_be_walked_out_of_the_image_folders(
    client, django_serves_media, documents, path
):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert b"board minutes" not in content(response)


def test_a_private_document_is_refused_to_an_anonymous_visitor(client, documents):
    public = client.get(documents["public"].url)
    assert public.status_code == 200
    assert content(public) == b"%PDF-1.4 public leaflet"

    password = client.get(documents["password"].url)
    assert b"board minutes" not in content(password)
    assert 'name="password"' in password.content.decode()

    login = client.get(documents["login"].url)
    assert login.status_code == 302
    assert b"confidential budget" not in content(login)


def test_an_editor_still_reads_a_private_document(admin_client, documents):
    response = admin_client.get(documents["login"].url)
    assert response.status_code == 200
    assert content(response) == b"%PDF-1.4 confidential budget"
