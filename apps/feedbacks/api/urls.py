from django.urls import path

from . import views

urlpatterns = [
    path("projects/<uuid:project_id>/assets/", views.AssetListCreate.as_view(), name="project-assets"),
    path("assets/<uuid:asset_id>/", views.AssetDetail.as_view(), name="asset-detail"),
    path("assets/<uuid:asset_id>/versions/", views.VersionListCreate.as_view(), name="asset-versions"),
    path("assets/<uuid:asset_id>/uploads/", views.UploadStart.as_view(), name="asset-uploads"),
    path("uploads/<uuid:upload_id>/", views.UploadDetail.as_view(), name="upload-detail"),
    path("uploads/<uuid:upload_id>/parts/", views.UploadPartUrls.as_view(), name="upload-part-urls"),
    path("uploads/<uuid:upload_id>/parts/<int:number>/", views.UploadPartPut.as_view(), name="upload-part-put"),
    path("uploads/<uuid:upload_id>/complete/", views.UploadComplete.as_view(), name="upload-complete"),
    path("versions/<uuid:version_id>/", views.VersionDetail.as_view(), name="version-detail"),
    path("versions/<uuid:version_id>/feedback/", views.FeedbackListCreate.as_view(), name="version-feedback"),
    path("versions/<uuid:version_id>/feedback/export/", views.FeedbackExport.as_view(), name="version-feedback-export"),
    path("versions/<uuid:version_id>/attention/", views.VersionAttention.as_view(), name="version-attention"),
    path("versions/<uuid:version_id>/attention/me/", views.MyAttention.as_view(), name="version-attention-me"),
    path("versions/<uuid:version_id>/share-links/", views.ShareLinkListCreate.as_view(), name="version-share-links"),
    path("share-links/<uuid:link_id>/", views.ShareLinkDetail.as_view(), name="share-link-detail"),
    path("feedback/<uuid:feedback_id>/", views.FeedbackDetail.as_view(), name="feedback-detail"),
    path("feedback/<uuid:feedback_id>/resolve/", views.FeedbackResolve.as_view(), name="feedback-resolve"),
    path("feedback/<uuid:feedback_id>/reactions/", views.FeedbackReactions.as_view(), name="feedback-reactions"),
    path("share/<str:token>/", views.SharePage.as_view(), name="share-page"),
    path("share/<str:token>/feedback/", views.ShareFeedbackListCreate.as_view(), name="share-feedback"),
    path("share/<str:token>/ws-ticket/", views.ShareWsTicket.as_view(), name="share-ws-ticket"),
    path("share/<str:token>/attention/", views.ShareAttention.as_view(), name="share-attention"),
]
