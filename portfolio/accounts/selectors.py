from django.contrib.auth import get_user_model


def _only(queryset):
    # An identifier shared by two accounts names neither.
    matches = list(queryset[:2])
    return matches[0] if len(matches) == 1 else None


def _nameable(identifier: str) -> bool:
    # No account is named with NUL or a lone surrogate, and PostgreSQL refuses both in
    # a query: the login throttle looks the identifier up before any validation.
    return "\x00" not in identifier and not any(0xD800 <= ord(c) < 0xE000 for c in identifier)


def account_by_identifier(identifier: str):
    """The account a sign-in identifier names: the username itself, else (for an
    address) the one account whose email matches case-insensitively; None otherwise."""
    if not _nameable(identifier):
        return None
    user_model = get_user_model()
    manager = user_model._default_manager
    account = manager.filter(**{user_model.USERNAME_FIELD: identifier}).first()
    if account is None and "@" in identifier:
        account = _only(manager.filter(email__iexact=identifier))
    return account


def account_id_for_identifier(identifier: str):
    """The id of the account an identifier means, in any letter case; None when it
    names none. For throttling: every spelling of one account shares its bucket."""
    account = account_by_identifier(identifier)
    if account is None and _nameable(identifier):
        user_model = get_user_model()
        lookup = {f"{user_model.USERNAME_FIELD}__iexact": identifier}
        account = _only(user_model._default_manager.filter(**lookup))
    return account.pk if account is not None else None
