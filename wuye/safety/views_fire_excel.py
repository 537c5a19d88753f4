"""Excel pages of clause 4.3: import a project's fire equipment and batches of its monthly checks.

Access is the one-record pages' own: the equipment's import is the "登记消防设施" page's (404 unseen
project, 403 where the user may not add equipment there), the checks' import is a recording page (404
unseen, 403 for those who only read: ``can_record_duties``). The registers export from their lists.
"""

from django.views import View
from django.views.generic import FormView

from wuye.core.web_excel import ExcelImportMixin, ExcelTemplateMixin, ParentImportMixin
from wuye.estates.models import Project
from wuye.safety.imports_fire import FireCheckImport, FireEquipmentImport
from wuye.safety.views_excel import ProjectRecordsImportAccess


class FireEquipmentImportAccess(ParentImportMixin):
    import_spec = FireEquipmentImport
    parent_model = Project


class FireEquipmentImportView(ExcelImportMixin, FireEquipmentImportAccess, FormView):
    template_url_name = "fire-equipment-import-template"


class FireEquipmentTemplateView(ExcelTemplateMixin, FireEquipmentImportAccess, View):
    pass


class FireCheckImportAccess(ProjectRecordsImportAccess):
    import_spec = FireCheckImport


class FireCheckImportView(ExcelImportMixin, FireCheckImportAccess, FormView):
    template_url_name = "fire-check-import-template"


class FireCheckTemplateView(ExcelTemplateMixin, FireCheckImportAccess, View):
    pass
