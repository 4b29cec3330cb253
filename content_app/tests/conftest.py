from portfolio.testing import editor_user, fast_password_hashing, member_user, staff_user

__all__ = ["editor_user", "fast_password_hashing", "member_user", "staff_user"]
