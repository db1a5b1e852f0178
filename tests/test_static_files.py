"""WhiteNoise serves collected static files under hashed names, cached for ever."""

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.mark.django_db
def test_hashed_static_file_is_served_with_a_far_future_immutable_header(tmp_path):
    # Only the site's own files: compressing Wagtail's admin assets takes half a minute.
    own_files_only = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    with override_settings(
        STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGE, STATICFILES_FINDERS=own_files_only
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = static("css/site.css")
        assert url != "/static/css/site.css"  # hashed: /static/css/site.<hash>.css
        assert (tmp_path / url.removeprefix("/static/")).exists()
        assert (tmp_path / (url.removeprefix("/static/") + ".br")).exists()

        response = Client().get(url, headers={"accept-encoding": "br"})  # new middleware
        assert response.status_code == 200
        assert "immutable" in response["Cache-Control"]
        assert "max-age=315360000" in response["Cache-Control"]
        assert response["Content-Encoding"] == "br"
