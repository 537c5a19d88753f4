"""Chinese personal names as they are found in Inner Mongolia, drawn from a seeded random generator.

Most people carry a Han surname and given name; about one in six has a Mongolian given name, either
alone (巴特尔) or after one of the surnames Mongols commonly registered (包, 白, 云, 奇, 宝, 敖).
"""

import random

# The most frequent Han surnames, most common first (so a weighted draw looks like a real roster).
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶"
    "闫余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹常武乔贺"
)
MONGOLIAN_SURNAMES = "包白云奇宝敖"


def _words(text: str) -> list[str]:
    return text.split()


HAN_MALE = _words(
    "建国 志强 海涛 伟 磊 军 勇 杰 涛 鹏 浩 宇航 俊杰 文博 国庆 建华 晓东 立新 振华 明 刚 斌 超 鑫 亮"
    " 旭东 永胜 长青 春雷 德胜 文斌 志刚 晓峰 国栋 宏伟 子轩 浩然 一鸣 家豪 鹏飞 海军 卫东 建军 利民"
)
HAN_FEMALE = _words(
    "秀英 桂兰 丽 静 敏 燕 艳 娟 霞 玲 芳 婷 雪 丹 丽华 海燕 淑珍 晓燕 雅琴 欣怡 梓涵 佳怡 春梅 红梅"
    " 玉兰 美玲 慧 颖 晓红 丽娜 秀兰 凤霞 文静 思雨 雨桐 金花 瑞霞 彩云"
)
MONGOLIAN_MALE = _words(
    "巴特尔 额尔敦 呼和 那日苏 宝音 阿拉坦 布和 朝鲁 苏和 孟和 巴图 毕力格 格日勒图 特木尔"
)
MONGOLIAN_FEMALE = _words("乌云 其其格 斯琴 苏日娜 萨仁 高娃 娜仁 图雅 塔娜 乌兰 萨日娜 托娅")


class PersonNames:
    """Draws distinct full names; ``draw()`` returns (name, is_male) so ID numbers can match the sex."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def draw(self) -> tuple[str, bool]:
        while True:
            name, is_male = self._candidate()
            if name not in self.used:
                self.used.add(name)
                return name, is_male

    def name(self) -> str:
        return self.draw()[0]

    def _candidate(self) -> tuple[str, bool]:
        rng = self.rng
        is_male = rng.random() < 0.55
        if rng.random() < 0.17:
            given = rng.choice(MONGOLIAN_MALE if is_male else MONGOLIAN_FEMALE)
            surname = rng.choice(MONGOLIAN_SURNAMES) if rng.random() < 0.5 else ""
            return surname + given, is_male
        # Earlier surnames in the list are more frequent: a triangular draw favours low indexes.
        surname = SURNAMES[int(rng.triangular(0, len(SURNAMES), 0))]
        return surname + rng.choice(HAN_MALE if is_male else HAN_FEMALE), is_male


# Mobile prefixes of the three carriers (移动, 联通, 电信) that Inner Mongolia numbers commonly use.
MOBILE_PREFIXES = ("134", "135", "139", "147", "150", "151", "158", "130", "131", "155", "156", "133", "153")


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def landline(rng: random.Random, area_code: str) -> str:
    """A 7-digit local number behind the city's trunk code (Inner Mongolia's local numbers have 7 digits)."""
    return f"{area_code}-{rng.randint(2, 8)}{rng.randrange(10**6):06d}"
