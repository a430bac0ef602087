"""The DCAT catalogue (JSON-LD) that a CKAN site such as data.go.th harvests
(ckanext-dcat reads DCAT-AP in JSON-LD), with the licence and both languages."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from activities import cache

from .build import CONTENT_TYPES
from .datasets import DATASETS
from .models import DataFile

# (format, label, URL name) of the whole-dataset files the worker builds.
FILES = (
    (DataFile.Format.CSV, "CSV", "opendata:csv"),
    (DataFile.Format.XLSX, "XLSX", "opendata:xlsx"),
    (DataFile.Format.JSON, "JSON", "opendata:full-json"),
)

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
PUBLISHER = {"th": "ศูนย์ประสานงานจิตอาสา กระทรวงศึกษาธิการ",
             "en": "Volunteer Coordination Centre, Ministry of Education"}  # fmt: skip
THAILAND = "http://publications.europa.eu/resource/authority/country/THA"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def _both(text):
    """A translatable text in Thai and English, as JSON-LD language-tagged values."""
    values = []
    for language in ("th", "en"):
        with translation.override(language):
            values.append({"@value": str(text), "@language": language})
    return values


def _publisher():
    return {
        "@type": "foaf:Organization",
        "foaf:name": [{"@value": v, "@language": k} for k, v in PUBLISHER.items()],
        "foaf:homepage": {"@id": settings.SITE_URL + "/"},
    }


def modified():
    return datetime.datetime.fromtimestamp(int(cache.content_version()), tz=datetime.UTC)


def built_files():
    """[(dataset, [file])] for the page and the catalogue: each file's format, label, media
    type, path and `built` (its DataFile, or None before the worker's first build)."""
    built = {(f.dataset, f.format): f for f in DataFile.objects.all()}
    return [
        (
            dataset,
            [
                {"format": fmt, "label": label,
                 "media_type": CONTENT_TYPES[fmt].split(";")[0],
                 "path": reverse(name, args=[dataset.slug]),
                 "built": built.get((dataset.slug, fmt))}
                for fmt, label, name in FILES
            ],
        )
        for dataset in DATASETS.values()
    ]  # fmt: skip


def _distribution(dataset, file):
    link = settings.SITE_URL + file["path"]
    described = {
        "@id": link + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": f"jitarsa-{dataset.slug}.{file['format']}",
        "dct:format": file["label"],
        "dcat:mediaType": file["media_type"],
        "dcat:accessURL": {"@id": link},
        "dcat:downloadURL": {"@id": link},
        "dct:license": {"@id": LICENCE},
        "dct:conformsTo": {"@id": url("opendata:schema", dataset.slug)},
    }
    if built := file["built"]:
        described["dcat:byteSize"] = {"@value": str(built.size), "@type": "xsd:nonNegativeInteger"}
        described["dct:modified"] = {
            "@value": built.built_at.isoformat(timespec="seconds"),
            "@type": "xsd:dateTime",
        }
    return described


def _pages_distribution(dataset):
    link = url("opendata:json", dataset.slug)
    return {
        "@id": link + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": _both(_("JSON pages of up to 1,000 records, linked by “next”")),
        "dct:format": "JSON",
        "dcat:mediaType": "application/json",
        "dcat:accessURL": {"@id": link},
        "dct:license": {"@id": LICENCE},
        "dct:conformsTo": {"@id": url("opendata:schema", dataset.slug)},
    }


def _dataset(dataset, files, changed):
    return {
        "@id": url("opendata:json", dataset.slug) + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": f"jitarsa-{dataset.slug}",
        "dct:title": _both(dataset.title),
        "dct:description": _both(dataset.description),
        "dcat:keyword": list(dataset.keywords),
        "dct:publisher": _publisher(),
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": PUBLISHER["th"],
            "vcard:hasEmail": {"@id": f"mailto:{settings.CONTACT_EMAIL}"},
        },
        "dct:license": {"@id": LICENCE},
        "dct:language": [{"@id": "http://id.loc.gov/vocabulary/iso639-1/th"}],
        "dct:spatial": {"@id": THAILAND},
        "dct:modified": {"@value": changed.isoformat(), "@type": "xsd:dateTime"},
        # The files are built every night; the JSON pages follow the site continuously.
        "dct:accrualPeriodicity": {
            "@id": "http://publications.europa.eu/resource/authority/frequency/DAILY"
        },
        "dcat:landingPage": {"@id": url("opendata")},
        "dct:conformsTo": {"@id": url("opendata:schema", dataset.slug)},
        "dcat:distribution": [
            *(_distribution(dataset, file) for file in files),
            _pages_distribution(dataset),
        ],
    }


def catalogue():
    changed = modified()
    with translation.override("th"):
        return {
            "@context": CONTEXT,
            "@id": url("opendata:catalog"),
            "@type": "dcat:Catalog",
            "dct:title": _both(
                _("Jitarsa open data: volunteer activities of the Ministry of Education")
            ),
            "dct:description": _both(
                _("Published volunteer activities of the ministry's agencies, and the agencies.")
            ),
            "dct:publisher": _publisher(),
            "dct:license": {"@id": LICENCE},
            "dct:language": [{"@id": "http://id.loc.gov/vocabulary/iso639-1/th"}],
            "dct:modified": {"@value": changed.isoformat(), "@type": "xsd:dateTime"},
            "foaf:homepage": {"@id": url("opendata")},
            "dcat:dataset": [_dataset(d, files, changed) for d, files in built_files()],
        }
