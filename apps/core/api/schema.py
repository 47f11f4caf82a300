from drf_spectacular.openapi import AutoSchema as BaseAutoSchema


class AutoSchema(BaseAutoSchema):
    """Names serializers nested in views (HackSoft style `LoginView.InputSerializer`) after
    their view — `LoginInput` — so components of different views never collide."""

    def _get_serializer_name(self, serializer, direction, bypass_extensions=False):
        name = super()._get_serializer_name(serializer, direction, bypass_extensions)
        qualname = type(serializer).__qualname__
        if "." not in qualname:
            return name
        view_name, inner = qualname.rsplit(".", 1)
        view_name = view_name.split(".")[-1].removesuffix("View")
        return f"{view_name}{inner.removesuffix('Serializer')}"
