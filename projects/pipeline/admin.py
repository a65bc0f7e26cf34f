from django.contrib import admin

from projects.pipeline import services
from projects.pipeline.models import Project, ProjectDocument, StageChange


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    can_delete = False
    fields = (
        "from_stage",
        "to_stage",
        "changed_by",
        "changed_at",
        "reason",
        "on_date",
        "amount",
        "agreement_type",
        "note",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("__str__", "company", "stage", "owner", "next_action_on", "source")
    list_filter = ("stage", "source", "landing_mode", "expo_year")
    search_fields = ("title_zh_hans", "title_en", "company", "contact_email")
    readonly_fields = ("stage", "stage_changed_at", "source", "created_at", "updated_at")
    exclude = ("title", "summary")
    inlines = [StageChangeInline]

    def save_model(self, request, obj, form, change) -> None:
        # Through the services, as the pages do: indexed for matching, the first stage kept,
        # audited.
        if change:
            services.save_project(project=obj, actor=request.user, changed=form.changed_data)
        else:
            services.create_project(project=obj, actor=request.user, changed=form.changed_data)


@admin.register(ProjectDocument)
class ProjectDocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "project", "uploaded_by", "uploaded_at")
    readonly_fields = ("project", "file", "uploaded_by", "uploaded_at")
