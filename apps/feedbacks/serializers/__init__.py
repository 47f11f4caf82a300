"""Output serializers shared by the API views and the event payloads the services publish
(input serializers live in the views that use them): `versions` (assets, versions, uploads,
share links) and `feedback` (comments)."""
