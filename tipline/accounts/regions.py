"""Where something happened, at the level that routes a report: China's provincial-level divisions (GB/T 2260
codes), plus "abroad" and "not sure". A report's region is kept in the clear because it decides which unit's queue
receives it; everything finer (address, place) is encrypted with the report."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

UNKNOWN = "000000"
ABROAD = "990000"

REGIONS: list[tuple[str, object]] = [
    ("110000", pgettext_lazy("region", "Beijing")),
    ("120000", pgettext_lazy("region", "Tianjin")),
    ("130000", pgettext_lazy("region", "Hebei")),
    ("140000", pgettext_lazy("region", "Shanxi")),
    ("150000", pgettext_lazy("region", "Inner Mongolia")),
    ("210000", pgettext_lazy("region", "Liaoning")),
    ("220000", pgettext_lazy("region", "Jilin")),
    ("230000", pgettext_lazy("region", "Heilongjiang")),
    ("310000", pgettext_lazy("region", "Shanghai")),
    ("320000", pgettext_lazy("region", "Jiangsu")),
    ("330000", pgettext_lazy("region", "Zhejiang")),
    ("340000", pgettext_lazy("region", "Anhui")),
    ("350000", pgettext_lazy("region", "Fujian")),
    ("360000", pgettext_lazy("region", "Jiangxi")),
    ("370000", pgettext_lazy("region", "Shandong")),
    ("410000", pgettext_lazy("region", "Henan")),
    ("420000", pgettext_lazy("region", "Hubei")),
    ("430000", pgettext_lazy("region", "Hunan")),
    ("440000", pgettext_lazy("region", "Guangdong")),
    ("450000", pgettext_lazy("region", "Guangxi")),
    ("460000", pgettext_lazy("region", "Hainan")),
    ("500000", pgettext_lazy("region", "Chongqing")),
    ("510000", pgettext_lazy("region", "Sichuan")),
    ("520000", pgettext_lazy("region", "Guizhou")),
    ("530000", pgettext_lazy("region", "Yunnan")),
    ("540000", pgettext_lazy("region", "Tibet")),
    ("610000", pgettext_lazy("region", "Shaanxi")),
    ("620000", pgettext_lazy("region", "Gansu")),
    ("630000", pgettext_lazy("region", "Qinghai")),
    ("640000", pgettext_lazy("region", "Ningxia")),
    ("650000", pgettext_lazy("region", "Xinjiang")),
    ("710000", pgettext_lazy("region", "Taiwan")),
    ("810000", pgettext_lazy("region", "Hong Kong")),
    ("820000", pgettext_lazy("region", "Macao")),
    (ABROAD, _("Outside China")),
    (UNKNOWN, _("Not sure / prefer not to say")),
]
REGION_CODES = frozenset(code for code, _label in REGIONS)
