from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portfolio.accounts.serializers import (
    LoginInputSerializer,
    LoginOutputSerializer,
    RefreshInputSerializer,
    TokenPairOutputSerializer,
    UserOutputSerializer,
)
from portfolio.accounts.services import auth_login, auth_logout, auth_refresh
from portfolio.accounts.throttles import LoginIpThrottle, LoginUsernameThrottle
from portfolio.api.views import PublicApi, validated


class LoginApi(PublicApi):
    throttle_classes = [LoginIpThrottle, LoginUsernameThrottle]

    @extend_schema(
        operation_id="auth_login",
        request=LoginInputSerializer,
        responses=LoginOutputSerializer,
        summary="Sign in with username (or email) and password; returns a JWT pair.",
    )
    def post(self, request):
        result = auth_login(**validated(LoginInputSerializer, request.data), request=request)
        return Response(LoginOutputSerializer(result).data)


class RefreshApi(PublicApi):
    @extend_schema(
        operation_id="auth_refresh",
        request=RefreshInputSerializer,
        responses=TokenPairOutputSerializer,
        summary="Trade a refresh token for a new pair; the one sent stops working.",
    )
    def post(self, request):
        refresh = validated(RefreshInputSerializer, request.data)["refresh"]
        return Response(auth_refresh(refresh=refresh))


class LogoutApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="auth_logout",
        request=RefreshInputSerializer,
        responses={200: None},
        summary="Revoke a refresh token (the access token expires on its own).",
    )
    def post(self, request):
        refresh = validated(RefreshInputSerializer, request.data)["refresh"]
        auth_logout(refresh=refresh, user=request.user)
        response = Response(None)
        response.envelope_message = gettext("Signed out.")
        return response


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="auth_me", responses=UserOutputSerializer)
    def get(self, request):
        return Response(UserOutputSerializer(request.user).data)
