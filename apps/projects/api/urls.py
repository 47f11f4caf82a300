from django.urls import path

from . import views

urlpatterns = [
    path("projects/", views.ProjectListCreate.as_view(), name="project-list"),
    path("projects/<uuid:project_id>/", views.ProjectDetail.as_view(), name="project-detail"),
    path("projects/<uuid:project_id>/transfer/", views.ProjectTransfer.as_view(), name="project-transfer"),
    path("projects/<uuid:project_id>/members/", views.MemberListCreate.as_view(), name="project-members"),
    path("projects/<uuid:project_id>/members/<uuid:user_id>/", views.MemberDetail.as_view(), name="project-member"),
    path("projects/<uuid:project_id>/invitations/", views.InvitationListCreate.as_view(), name="project-invitations"),
    path(
        "projects/<uuid:project_id>/invitations/<uuid:invitation_id>/",
        views.InvitationRevoke.as_view(),
        name="project-invitation",
    ),
    path("invitations/<str:token>/", views.InvitationPreview.as_view(), name="invitation-preview"),
    path("invitations/<str:token>/accept/", views.InvitationAccept.as_view(), name="invitation-accept"),
    path("projects/<uuid:project_id>/phases/", views.PhaseListCreate.as_view(), name="project-phases"),
    path("projects/<uuid:project_id>/phases/reorder/", views.PhaseReorder.as_view(), name="project-phases-reorder"),
    path("phases/<uuid:phase_id>/", views.PhaseDetail.as_view(), name="phase-detail"),
    path("projects/<uuid:project_id>/activity/", views.ActivityList.as_view(), name="project-activity"),
]
