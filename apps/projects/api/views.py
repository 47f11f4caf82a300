from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.base import PagedListView, validated
from apps.core.api.inputs import StrictSerializer
from apps.core.pagination import FeedCursorPagination
from apps.projects import permissions, selectors, services
from apps.projects.models import Invitation, Project, Role
from apps.users.models import User

from ..serializers import ActivityOut, InvitationOut, InvitationPreviewOut, MemberOut, PhaseOut, ProjectOut


class ProjectIn(StrictSerializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=Project.Status.choices, required=False)
    deadline = serializers.DateField(required=False, allow_null=True)


PROJECT_ORDERINGS = ["deadline", "-deadline", "updated_at", "-updated_at", "name", "-name", "created_at", "-created_at"]


class ProjectListCreate(PagedListView):
    serializer_class = ProjectOut

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=Project.Status.choices, required=False)
        search = serializers.CharField(max_length=200, required=False)
        ordering = serializers.ChoiceField(choices=PROJECT_ORDERINGS, required=False)

    def get_queryset(self):
        filters = self.filters
        return selectors.project_search(
            user=self.request.user,
            status=filters.get("status"),
            q=filters.get("search"),
            ordering=filters.get("ordering"),
        )

    @extend_schema(request=ProjectIn, responses={201: ProjectOut})
    def post(self, request):
        project = services.project_create(owner=request.user, **validated(ProjectIn, request.data))
        project = selectors.project_for_user(user=request.user, project_id=project.pk)
        return Response(ProjectOut(project).data, status=status.HTTP_201_CREATED)


class ProjectDetail(APIView):
    @extend_schema(responses=ProjectOut)
    def get(self, request, project_id):
        return Response(ProjectOut(selectors.project_for_user(user=request.user, project_id=project_id)).data)

    @extend_schema(request=ProjectIn(partial=True), responses=ProjectOut)
    def patch(self, request, project_id):
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.MANAGE, project)
        data = validated(ProjectIn, request.data, partial=True)
        services.project_update(project=project, actor=request.user, data=data)
        return Response(ProjectOut(selectors.project_for_user(user=request.user, project_id=project_id)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, project_id):
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.DELETE, project)
        services.project_delete(project=project, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProjectTransfer(APIView):
    class InputSerializer(StrictSerializer):
        user_id = serializers.UUIDField()

    @extend_schema(request=InputSerializer, responses=ProjectOut)
    def post(self, request, project_id):
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.DELETE, project)
        data = validated(self.InputSerializer, request.data)
        membership = selectors.membership_in(project=project, user_id=data["user_id"])
        services.project_transfer(project=project, actor=request.user, new_owner_membership=membership)
        return Response(ProjectOut(selectors.project_for_user(user=request.user, project_id=project_id)).data)


class MemberListCreate(APIView):
    class InputSerializer(StrictSerializer):
        email = serializers.EmailField()
        role = serializers.ChoiceField(choices=Role.choices)

    @extend_schema(responses=MemberOut(many=True))
    def get(self, request, project_id):
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        return Response(MemberOut(selectors.members_of(project=project), many=True).data)

    @extend_schema(request=InputSerializer, responses={201: MemberOut})
    def post(self, request, project_id):
        """Add someone who already has an account; invite anyone else by email."""
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.MANAGE, project)
        data = validated(self.InputSerializer, request.data)
        # Only verified addresses: an unverified account may belong to someone else.
        user = User.objects.filter(email__iexact=data["email"], is_active=True, email_verified=True).first()
        if user is None:
            raise serializers.ValidationError({"email": ["No account uses this email. Send an invitation instead."]})
        membership = services.member_add(project=project, actor=request.user, user=user, role=data["role"])
        return Response(MemberOut(membership).data, status=status.HTTP_201_CREATED)


class MemberDetail(APIView):
    class InputSerializer(StrictSerializer):
        role = serializers.ChoiceField(choices=Role.choices)

    @extend_schema(request=InputSerializer, responses=MemberOut)
    def patch(self, request, project_id, user_id):
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.MANAGE, project)
        membership = selectors.membership_in(project=project, user_id=user_id)
        data = validated(self.InputSerializer, request.data)
        membership = services.member_change_role(
            project=project, actor=request.user, membership=membership, role=data["role"]
        )
        return Response(MemberOut(membership).data)

    @extend_schema(responses={204: None})
    def delete(self, request, project_id, user_id):
        """Remove a member (managers and owners) or leave the project (anyone, yourself)."""
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        if str(user_id) != str(request.user.pk):
            permissions.require(request.user, permissions.MANAGE, project)
        membership = selectors.membership_in(project=project, user_id=user_id)
        services.member_remove(project=project, actor=request.user, membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationListCreate(APIView):
    class InputSerializer(StrictSerializer):
        email = serializers.EmailField()
        role = serializers.ChoiceField(choices=Role.choices)

    @extend_schema(responses=InvitationOut(many=True))
    def get(self, request, project_id):
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.MANAGE, project)
        return Response(InvitationOut(selectors.invitations_of(project=project), many=True).data)

    @extend_schema(request=InputSerializer, responses={201: InvitationOut})
    def post(self, request, project_id):
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.MANAGE, project)
        data = validated(self.InputSerializer, request.data)
        invitation = services.invitation_create(project=project, actor=request.user, **data)
        return Response(InvitationOut(invitation).data, status=status.HTTP_201_CREATED)


class InvitationRevoke(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request, project_id, invitation_id):
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.MANAGE, project)
        invitation = get_object_or_404(Invitation, project=project, pk=invitation_id)
        services.invitation_revoke(invitation=invitation, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationPreview(APIView):
    """What the invitation link shows before accepting (the token is the secret)."""

    permission_classes = [AllowAny]

    @extend_schema(responses=InvitationPreviewOut)
    def get(self, request, token):
        invitation = get_object_or_404(Invitation.objects.select_related("project", "inviter"), token=token)
        return Response(InvitationPreviewOut(invitation).data)


class InvitationAccept(APIView):
    @extend_schema(request=None, responses=ProjectOut)
    def post(self, request, token):
        membership = services.invitation_accept(token=token, user=request.user)
        return Response(
            ProjectOut(selectors.project_for_user(user=request.user, project_id=membership.project_id)).data
        )


class PhaseIn(StrictSerializer):
    name = serializers.CharField(max_length=120)
    start = serializers.DateField()
    end = serializers.DateField()
    order = serializers.IntegerField(min_value=1, max_value=10_000, required=False)

    def validate(self, data):
        start = data.get("start", getattr(self.instance, "start", None))
        end = data.get("end", getattr(self.instance, "end", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end": ["The end must not be before the start."]})
        return data


class PhaseListCreate(APIView):
    @extend_schema(responses=PhaseOut(many=True))
    def get(self, request, project_id):
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        return Response(PhaseOut(selectors.phases_of(project=project), many=True).data)

    @extend_schema(request=PhaseIn, responses={201: PhaseOut})
    def post(self, request, project_id):
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.MANAGE, project)
        phase = services.phase_create(project=project, actor=request.user, **validated(PhaseIn, request.data))
        return Response(PhaseOut(phase).data, status=status.HTTP_201_CREATED)


class PhaseReorder(APIView):
    class InputSerializer(StrictSerializer):
        ids = serializers.ListField(child=serializers.UUIDField(), max_length=500)

    @extend_schema(request=InputSerializer, responses=PhaseOut(many=True))
    def post(self, request, project_id):
        project = selectors.project_for_user(user=request.user, project_id=project_id)
        permissions.require(request.user, permissions.MANAGE, project)
        data = validated(self.InputSerializer, request.data)
        phases = services.phases_reorder(project=project, actor=request.user, phase_ids=data["ids"])
        return Response(PhaseOut(phases, many=True).data)


class PhaseDetail(APIView):
    @extend_schema(request=PhaseIn(partial=True), responses=PhaseOut)
    def patch(self, request, phase_id):
        phase = selectors.phase_for_user(user=request.user, phase_id=phase_id)
        permissions.require(request.user, permissions.MANAGE, phase.project)
        data = validated(PhaseIn, request.data, partial=True, instance=phase)
        return Response(PhaseOut(services.phase_update(phase=phase, actor=request.user, data=data)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, phase_id):
        phase = selectors.phase_for_user(user=request.user, phase_id=phase_id)
        permissions.require(request.user, permissions.MANAGE, phase.project)
        services.phase_delete(phase=phase, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ActivityList(ListAPIView):
    serializer_class = ActivityOut
    pagination_class = FeedCursorPagination
    filter_backends = []

    @extend_schema(parameters=[OpenApiParameter("cursor", str)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        project = selectors.project_for_user(user=self.request.user, project_id=self.kwargs["project_id"])
        return selectors.activity_of(
            project=project, include_internal=permissions.can(self.request.user, permissions.VIEW_INTERNAL, project)
        )
