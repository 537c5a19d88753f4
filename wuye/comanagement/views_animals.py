"""Pages of animals (5.2): a project's pet register (search, filters, pages, Excel) with its notices and
unauthorised animals, and for the company the forms that add them. Read where the project is readable
(an owner sees his own pets and his project's notices), 404 elsewhere; forms are the company's."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuye.comanagement.forms_animals import AnimalNoticeForm, PetFilter, PetForm, UnauthorisedAnimalForm
from wuye.comanagement.models import AnimalNotice, Pet, UnauthorisedAnimal
from wuye.comanagement.views_common import form_page, project_for_company, readable_project
from wuye.core.actions import save_record
from wuye.core.views import ScopedListView
from wuye.core.web import FragmentMixin
from wuye.core.web_excel import ExcelExportMixin
from wuye.estates.permissions import can_record_duties

EXPORT_COLUMNS = [
    (gettext_lazy("房屋"), lambda pet: str(pet.household)),
    (gettext_lazy("种类"), lambda pet: pet.get_kind_display()),
    (gettext_lazy("品种、毛色等"), "description"),
    (gettext_lazy("登记入册日期"), "recorded_on"),
    (gettext_lazy("养犬登记证号"), "licence_number"),
    (gettext_lazy("狂犬病疫苗接种日期"), "rabies_vaccinated_on"),
    (gettext_lazy("督促办理登记日期"), "urged_on"),
    (gettext_lazy("迁出或死亡日期"), "gone_on"),
]
RECENT = 5


class AnimalsView(ExcelExportMixin, FragmentMixin, ScopedListView):
    model = Pet
    filterset_class = PetFilter
    template_name = "comanagement/animals/animals.html"
    fragment_template_name = "comanagement/animals/_pet_results.html"
    excel_columns = EXPORT_COLUMNS

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.project = readable_project(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    @property
    def excel_title(self):
        return _("%(project)s宠物登记表") % {"project": self.project.name}

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(project=self.project)
            .select_related("household__building")
            .order_by("household__building__name", "household__number", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            project=self.project,
            can_manage=can_record_duties(user, self.project.pk),
            notices=AnimalNotice.objects.visible_to(user).filter(project=self.project)[:RECENT],
            animals=UnauthorisedAnimal.objects.visible_to(user)
            .filter(project=self.project)
            .select_related("household__building")[:RECENT],
        )
        return context


def register_url(project) -> str:
    return reverse("animals-list", args=[project.pk])


def add_page(request, pk, model, form_class, *, title, done, files=False):
    project = project_for_company(request, pk)
    instance = model(project=project)
    form = form_class(request.POST or None, request.FILES or None, instance=instance)

    def save():
        if not can_record_duties(request.user, project.pk):
            raise PermissionDenied
        save_record(request.user, instance)

    return form_page(request, form, save, title=title, parent=project, back=register_url(project), done=done)


@login_required
def notice_create(request, pk):
    return add_page(
        request, pk, AnimalNotice, AnimalNoticeForm, title=_("登记饲养动物告知"), done=_("告知已登记。")
    )


@login_required
def pet_create(request, pk):
    return add_page(request, pk, Pet, PetForm, title=_("登记宠物"), done=_("宠物已登记。"))


@login_required
def animal_create(request, pk):
    return add_page(
        request, pk, UnauthorisedAnimal, UnauthorisedAnimalForm, title=_("登记擅自饲养"), done=_("已登记。")
    )
