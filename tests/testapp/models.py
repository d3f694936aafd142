from wagtail.models import Page


class HomePage(Page):
    """The root page an integrator's site has; the package's index pages live under it."""
