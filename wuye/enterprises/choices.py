from django.db import models
from django.utils.translation import gettext_lazy as _


class LicenceKind(models.TextChoices):
    BUSINESS = "business", _("营业执照")
    QUALIFICATION = "qualification", _("物业服务资质证书")
    # Before 三证合一 (国办发〔2015〕50号) these were separate; kept for old records only.
    TAX = "tax", _("税务登记证（旧）")
    ORGANISATION_CODE = "organisation_code", _("组织机构代码证（旧）")
    OTHER = "other", _("其他许可")


class PostKind(models.TextChoices):
    PROJECT_MANAGER = "project_manager", _("项目经理")
    ELECTRICIAN = "electrician", _("电工")
    ELEVATOR_SAFETY = "elevator_safety", _("电梯安全管理员")
    FIRE_OPERATOR = "fire_operator", _("消防设施操作员")
    PLUMBER = "plumber", _("水暖工")
    MAINTENANCE = "maintenance", _("维修工")
    SECURITY = "security", _("秩序维护员")
    RECEPTION = "reception", _("客服接待")
    CLEANER = "cleaner", _("保洁员")
    GREENER = "greener", _("绿化工")
    ACCOUNTANT = "accountant", _("财务人员")


class CertificateKind(models.TextChoices):
    PROJECT_MANAGER = "project_manager", _("物业项目经理证书")
    ELECTRICIAN = "electrician", _("特种作业操作证（电工）")
    ELEVATOR_SAFETY = "elevator_safety", _("特种设备安全管理人员证（电梯）")
    FIRE_OPERATOR = "fire_operator", _("消防设施操作员证")
    BOILER = "boiler", _("特种设备作业人员证（锅炉）")
    TITLE = "title", _("职称证书")
    OTHER = "other", _("其他证书")


class EmploymentStatus(models.TextChoices):
    ACTIVE = "active", _("在职")
    ENDED = "ended", _("离职")


class EndReason(models.TextChoices):
    RESIGNED = "resigned", _("本人辞职")
    CONTRACT_EXPIRED = "contract_expired", _("合同期满")
    AGREED = "agreed", _("协商解除")
    DISMISSED_FOR_CAUSE = "dismissed_for_cause", _("过失性辞退（劳动合同法第39条）")
    DISMISSED_WITH_NOTICE = "dismissed_with_notice", _("无过失性辞退（劳动合同法第40条）")
    REDUNDANCY = "redundancy", _("经济性裁员（劳动合同法第41条）")
    RETIRED = "retired", _("退休")
    OTHER = "other", _("其他")
