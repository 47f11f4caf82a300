from .assets import AssetDetail, AssetListCreate, VersionDetail, VersionListCreate
from .attention import MyAttention, ShareAttention, VersionAttention
from .feedback import FeedbackDetail, FeedbackExport, FeedbackListCreate, FeedbackReactions, FeedbackResolve
from .sharing import ShareFeedbackListCreate, ShareLinkDetail, ShareLinkListCreate, SharePage, ShareWsTicket
from .uploads import UploadComplete, UploadDetail, UploadPartPut, UploadPartUrls, UploadStart

__all__ = [
    "AssetDetail",
    "AssetListCreate",
    "FeedbackDetail",
    "FeedbackExport",
    "FeedbackListCreate",
    "FeedbackReactions",
    "FeedbackResolve",
    "MyAttention",
    "ShareAttention",
    "ShareFeedbackListCreate",
    "ShareLinkDetail",
    "ShareLinkListCreate",
    "SharePage",
    "ShareWsTicket",
    "UploadComplete",
    "UploadDetail",
    "UploadPartPut",
    "UploadPartUrls",
    "UploadStart",
    "VersionAttention",
    "VersionDetail",
    "VersionListCreate",
]
