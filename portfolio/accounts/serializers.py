from django.contrib.auth import get_user_model
from rest_framework import serializers

from portfolio.api.serializers import StrictSerializer


class LoginInputSerializer(StrictSerializer):
    username = serializers.CharField(max_length=254, help_text="The username or the email.")
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class RefreshInputSerializer(StrictSerializer):
    refresh = serializers.CharField(max_length=4096)


class UserOutputSerializer(serializers.ModelSerializer):
    id = serializers.CharField(read_only=True)
    groups = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "email", "is_staff", "is_superuser", "groups"]


class TokenPairOutputSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class LoginOutputSerializer(TokenPairOutputSerializer):
    user = UserOutputSerializer()
