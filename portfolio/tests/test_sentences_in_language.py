"""The API's own sentences (not found, bad input, a body that is no JSON document) in
the request's language: Spanish for a Spanish request, English for an English one."""

import pytest

from portfolio.testing import assert_error_envelope

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}


@pytest.mark.parametrize(
    ("path", "spanish", "english"),
    [
        ("/api/v1/projects/no-such-project",
         "Ningún proyecto tiene el id o el slug 'no-such-project'.",
         "No project has the id or slug 'no-such-project'."),
        ("/api/v1/news/no-such-post",
         "Ningún artículo del blog tiene el slug 'no-such-post'.",
         "No blog post has the slug 'no-such-post'."),
    ],
)  # fmt: skip
def test_a_missing_item_is_told_in_the_requests_language(client, seeded, path, spanish, english):
    assert_error_envelope(client.get(path, **SPANISH), 404, spanish)
    assert_error_envelope(client.get(path, **ENGLISH), 404, english)


def test_an_unsupported_lang_is_told_in_the_accepted_language(client, seeded):
    spanish = client.get("/api/v1/projects/list", {"lang": "fr"}, **SPANISH).json()
    assert spanish["details"]["lang"] == [
        "El idioma 'fr' no está disponible; usa uno de estos: en, es."
    ]
    english = client.get("/api/v1/projects/list", {"lang": "fr"}, **ENGLISH).json()
    assert english["details"]["lang"] == ["The language 'fr' is not supported; use one of: en, es."]


@pytest.mark.parametrize(
    ("headers", "unknown", "nul"),
    [
        (SPANISH, "Campo desconocido: colour.",
         "Error al analizar el JSON: el texto de name contiene un carácter NUL (\\u0000)."),
        (ENGLISH, "Unknown field: colour.",
         "JSON parse error - the text in name contains a NUL character (\\u0000)."),
    ],
)  # fmt: skip
def test_bad_input_is_told_in_the_requests_language(client, headers, unknown, nul):
    form = {"name": "Jane", "email": "jane@example.com", "message": "Hello there, Daniyal."}
    url = "/api/v1/contact/submit"
    refused = client.post(url, {**form, "colour": "red"}, "application/json", **headers)
    assert_error_envelope(refused, 400, unknown, details={"colour": [unknown]})
    body = '{"name": "Ja\\u0000ne"}'
    assert_error_envelope(client.post(url, body, "application/json", **headers), 400, nul)


@pytest.mark.parametrize(
    ("headers", "broken", "nan"),
    [
        (SPANISH, "Error al analizar el JSON: el cuerpo no es JSON válido (línea 1, columna 10).",
         "Error al analizar el JSON: NaN e Infinity no son números JSON."),
        (ENGLISH, "JSON parse error - the body is not valid JSON (line 1, column 10).",
         "JSON parse error - NaN and Infinity are not JSON numbers."),
    ],
)  # fmt: skip
def test_a_body_that_is_no_json_is_told_in_the_requests_language(client, headers, broken, nan):
    url = "/api/v1/contact/submit"
    refused = client.post(url, '{"name": ', "application/json", **headers)
    assert_error_envelope(refused, 400, broken)
    refused = client.post(url, '{"name": NaN}', "application/json", **headers)
    assert_error_envelope(refused, 400, nan)
