"""The site's settings plus the bench's yardstick page (/bench/bare/, bench/urls.py).

bench/pages.py serves the site with these; production never loads bench/ (.dockerignore
leaves it out of the image).
"""

from jitarsa.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
