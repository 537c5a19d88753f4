"""Demo owners' surveys (clause 3.7) and management ratings (6.M), with faults 27–29.

Every project has surveyed its owners in every half year since the current enterprise took over: the
older surveys with a handful of paper forms (the region began using the platform three months ago, so
they were typed in then), the two half years of the last year with answers from most households, and the
current half year's survey open for owners to answer online. Each survey asks about management, cleaning
and security (满意 / 基本满意 / 不满意), what to improve (several choices) and other opinions (free text).
Problems the surveys raised became rectification items, fixed in time.

27. Survey missing (书香苑): no survey in the last half year that has ended (3.7.survey_held).
28. Rectification overdue (钢城小区): an item raised by the last survey was due ten days ago, not fixed.
29. Low management rating (玉龙湾小区): in the last survey half the owners were dissatisfied with the
    managers (6.M.management_rating).
"""

import datetime
import random

from wuye.accounts.choices import Role
from wuye.accounts.models import Membership, User
from wuye.compliance.duties import bucket_of, next_bucket
from wuye.core.evidence import Channel, bulk_append_evidence
from wuye.enterprises.choices import PostKind
from wuye.estates.demo.build import create
from wuye.estates.demo.dates import shift
from wuye.estates.demo.plan import PROJECTS
from wuye.estates.demo.plans import ROLLOUT_MONTHS
from wuye.estates.demo.power import at, demo_now
from wuye.estates.models import Household
from wuye.servicedesk.choices_surveys import ResponseSource, SurveyStatus
from wuye.servicedesk.models import (
    Answer,
    Question,
    RectificationClosure,
    RectificationItem,
    Survey,
    SurveyResponse,
    SurveyStatusChange,
)

MISSING = "shuxiang"  # fault 27
OVERDUE = "gangcheng"  # fault 28
LOW_RATING = "yulong"  # fault 29
QUESTIONS = [
    ("您对物业管理人员的工作是否满意？", "rating", "management", [], True),
    ("您对小区环境卫生是否满意？", "rating", "cleaning", [], True),
    ("您对门岗值守和夜间巡逻是否满意？", "rating", "security", [], True),
    (
        "您最希望物业改进哪些方面？",
        "multiple",
        "other",
        ["绿化养护", "停车管理", "维修及时", "收费公开"],
        False,
    ),
    ("其他意见和建议", "text", "other", [], False),
]
OPINIONS = [
    "地下车库照明太暗，希望尽快维修。",
    "楼道小广告多，希望及时清理。",
    "夜间有外来车辆随意停放。",
    "希望公示维修资金使用情况。",
    "垃圾桶周边异味较大，夏天尤其明显。",
]
PROBLEMS = [
    ("地下车库照明不足", "维修主管"),
    ("楼道小广告清理不及时", "保洁领班"),
    ("外来车辆夜间乱停", "秩序维护主管"),
]
DAY = datetime.timedelta(days=1)


def build_surveys(region, seed: int) -> None:
    rng = random.Random(f"{seed}-surveys")
    now = demo_now(region.today)
    rollout = at(shift(region.today, months=-ROLLOUT_MONTHS), 9)
    for plan in PROJECTS:
        project = region.projects[plan.key]
        user = service_account(plan.key, project, region)
        households = list(Household.objects.filter(project=project).order_by("pk"))
        halves = half_years(region.takeovers[plan.key], region.today)
        for index, start in enumerate(halves):
            recent = index >= len(halves) - 2  # the two half years of the last year that have ended
            if plan.key == MISSING and index == len(halves) - 1:
                continue
            survey = held_survey(project, user, start, region.takeovers[plan.key], now, rollout)
            chosen = rng.sample(households, k=int(len(households) * 0.7)) if recent else households[:5]
            low = plan.key == LOW_RATING and index == len(halves) - 1
            answer_survey(survey, chosen, user, rng, low, now, rollout, opinions=recent)
            if recent:
                rectify(
                    survey,
                    user,
                    region.today,
                    now,
                    rollout,
                    rng,
                    late=plan.key == OVERDUE and index == len(halves) - 1,
                )
        current_survey(project, user, region.today, now)
    region.faults += fault_lines(region)


def service_account(key, project, region):
    """The service centre's login that drafts surveys and types in the paper forms."""
    clerk = region.staff.get((key, PostKind.RECEPTION)) or region.staff.get((key, PostKind.PROJECT_MANAGER))
    user = User.objects.create_user(f"{key}-survey", password=None, full_name=clerk.name if clerk else "")
    Membership.objects.create(user=user, role=Role.STAFF, project=project)
    return user


def half_years(takeover: datetime.date, today: datetime.date) -> list[datetime.date]:
    """The starts of the half years owed since the takeover that have ended by today."""
    starts, start = [], bucket_of(takeover, 6)
    while next_bucket(start, 6) <= today:
        starts.append(start)
        start = next_bucket(start, 6)
    return starts


def received(moment, now, rollout):
    """When the server got a record claiming ``moment``: at the rollout if earlier, else an hour later."""
    return min(max(moment + datetime.timedelta(hours=1), rollout), now)


def new_survey(project, user, title, opens_on, closes_on, status):
    survey = create(
        Survey,
        project=project,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        status=status,
        created_by=user,
    )
    Question.objects.bulk_create(
        Question(
            survey=survey, position=i, text=text, kind=kind, topic=topic, options=options, required=required
        )
        for i, (text, kind, topic, options, required) in enumerate(QUESTIONS, start=1)
    )
    return survey


def held_survey(project, user, start, takeover, now, rollout):
    """A survey of the half year from ``start``: ten days in its fourth month (or soon after the takeover)."""
    opens_on = max(shift(start, months=3), takeover + 15 * DAY)
    closes_on = opens_on + 10 * DAY
    half = "上" if start.month == 1 else "下"
    title = f"{start.year}年{half}半年业主满意度调查"
    survey = new_survey(project, user, title, opens_on, closes_on, SurveyStatus.CLOSED)
    moves = [
        (SurveyStatus.DRAFT, SurveyStatus.OPEN, at(opens_on, 8, 30)),
        (SurveyStatus.OPEN, SurveyStatus.CLOSED, at(closes_on, 18)),
    ]
    changes = [
        SurveyStatusChange(survey=survey, project=project, from_status=a, to_status=b, occurred_at=when)
        for a, b, when in moves
    ]
    bulk_append_evidence(
        changes, user=user, channel=Channel.WEB, now=[received(c.occurred_at, now, rollout) for c in changes]
    )
    return survey


def rating_of(index: int, low: bool) -> str:
    """Nine in ten satisfied or basically satisfied, in a fixed pattern; half dissatisfied where low."""
    if low:
        return "dissatisfied" if index % 2 == 0 else "basic"
    return "dissatisfied" if index % 10 == 9 else ("basic" if index % 10 in (3, 6) else "satisfied")


def answer_survey(survey, households, user, rng, low, now, rollout, *, opinions):
    questions = list(survey.questions.order_by("position"))
    responses = []
    for household in households:
        moment = at(survey.opens_on + rng.randint(0, 9) * DAY, rng.randint(9, 19), rng.randint(0, 59))
        responses.append(
            SurveyResponse(
                survey=survey,
                project_id=survey.project_id,
                household=household,
                source=ResponseSource.PAPER,
                respondent_name=f"{household}住户",
                occurred_at=moment,
            )
        )
    bulk_append_evidence(
        responses,
        user=user,
        channel=Channel.WEB,
        now=[received(r.occurred_at, now, rollout) for r in responses],
    )
    answers = []
    for index, response in enumerate(responses):
        for question in questions:
            answer = Answer(
                response=response,
                question=question,
                project_id=survey.project_id,
                occurred_at=response.occurred_at,
            )
            if question.kind == "rating":
                answer.rating = rating_of(index, low and question.topic == "management")
            elif question.kind == "multiple":
                if index % 2:
                    continue
                answer.choices = sorted(
                    rng.sample(question.options, k=rng.randint(1, 2)), key=question.options.index
                )
            elif opinions and index % 5 == 0:
                answer.text = rng.choice(OPINIONS)
            else:
                continue
            answers.append(answer)
    bulk_append_evidence(
        answers, user=user, channel=Channel.WEB, now=[received(a.occurred_at, now, rollout) for a in answers]
    )


def rectify(survey, user, today, now, rollout, rng, *, late):
    """A problem the survey raised: fixed in time, or (fault 28) due ten days ago and still open."""
    problem, responsible = rng.choice(PROBLEMS)
    raised_on = survey.closes_on + 5 * DAY
    due_on = today - 10 * DAY if late else raised_on + 20 * DAY
    item = create(
        RectificationItem,
        survey=survey,
        project=survey.project,
        question=survey.questions.get(position=5),
        problem=problem,
        responsible=responsible,
        raised_on=raised_on,
        due_on=due_on,
        created_by=user,
    )
    if late:
        return
    closed = at(raised_on + rng.randint(3, 15) * DAY, 16)
    closure = RectificationClosure(
        item=item, project=survey.project, note=f"{problem}已整改完毕，业主回访满意。", occurred_at=closed
    )
    bulk_append_evidence([closure], user=user, channel=Channel.WEB, now=received(closed, now, rollout))


def current_survey(project, user, today, now):
    """This half year's survey, open for owners to answer online for two more weeks."""
    start = bucket_of(today, 6)
    opens_on = max(start, today - 7 * DAY)
    half = "上" if start.month == 1 else "下"
    survey = new_survey(
        project,
        user,
        f"{start.year}年{half}半年业主满意度调查",
        opens_on,
        today + 14 * DAY,
        SurveyStatus.OPEN,
    )
    change = SurveyStatusChange(
        survey=survey,
        project=project,
        from_status=SurveyStatus.DRAFT,
        to_status=SurveyStatus.OPEN,
        occurred_at=min(at(opens_on, 8, 30), now),
    )
    bulk_append_evidence([change], user=user, channel=Channel.WEB, now=now)


def fault_lines(region) -> list[str]:
    """The faults 27–29 in words, for seed_demo to print."""
    return [
        f"未征求业主意见：{region.projects[MISSING].name}上一个半年度没有开展业主满意度调查。",
        f"整改逾期：{region.projects[OVERDUE].name}业主调查提出的问题已过整改期限10天仍未整改。",
        f"管理人员评价偏低：{region.projects[LOW_RATING].name}最近一次调查中半数业主对管理人员不满意。",
    ]
