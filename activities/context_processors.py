from agencies.roles import can_post


def staff_area(request):
    """Whether to show the staff-area link; asked only when a template looks (a lambda),
    so public pages for anonymous visitors never query the user's groups."""
    user = getattr(request, "user", None)
    return {"can_post": (lambda: can_post(user)) if user is not None else False}
