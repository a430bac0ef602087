from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor: helpers every app may use (Thai dates, text, spreadsheets, storage,
    request helpers, the date and text template filters). It imports no app of ours."""

    name = "core"
