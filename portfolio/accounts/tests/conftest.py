from portfolio.testing import editor_user, member_user, staff_user

__all__ = ["editor_user", "member_user", "staff_user"]
