"""The demo agency: a national unit, two provinces (one with two municipal units), their contact entries, some
notices and guidance pages in both languages, and one staff account per role."""

from __future__ import annotations

UNITS = [
    # code, name_zh, name_en, level, parent code, region
    ("national", "国家安全机关（示范）", "National Security Agency (demo)", "national", None, ""),
    (
        "beijing",
        "北京市国家安全局（示范）",
        "Beijing Municipal Security Bureau (demo)",
        "provincial",
        "national",
        "110000",
    ),
    (
        "guangdong",
        "广东省国家安全厅（示范）",
        "Guangdong Provincial Security Department (demo)",
        "provincial",
        "national",
        "440000",
    ),
    (
        "guangzhou",
        "广州市国家安全局（示范）",
        "Guangzhou Municipal Security Bureau (demo)",
        "municipal",
        "guangdong",
        "",
    ),
    (
        "shenzhen",
        "深圳市国家安全局（示范）",
        "Shenzhen Municipal Security Bureau (demo)",
        "municipal",
        "guangdong",
        "",
    ),
]

CONTACTS = {
    "national": (
        "12339",
        "北京市 100000 信箱（示范地址）",
        "PO Box 100000, Beijing (demo address)",
        "https://www.12339.gov.cn",
    ),
    "beijing": ("010-12339", "北京市 100001 信箱（示范地址）", "PO Box 100001, Beijing (demo address)", ""),
    "guangdong": (
        "020-12339",
        "广州市 510000 信箱（示范地址）",
        "PO Box 510000, Guangzhou (demo address)",
        "",
    ),
    "guangzhou": (
        "020-12339",
        "广州市 510001 信箱（示范地址）",
        "PO Box 510001, Guangzhou (demo address)",
        "",
    ),
    "shenzhen": (
        "0755-12339",
        "深圳市 518000 信箱（示范地址）",
        "PO Box 518000, Shenzhen (demo address)",
        "",
    ),
}

STAFF = [
    # username, role, unit code, full name
    ("admin", "administrator", "national", "Demo Administrator"),
    ("editor", "editor", "national", "Demo Editor"),
    ("auditor", "auditor", "national", "Demo Auditor"),
    ("custodian", "identity_custodian", "national", "Demo Identity Custodian"),
    ("intake", "intake_officer", "national", "Demo Intake Officer"),
    ("supervisor", "supervisor", "national", "Demo National Supervisor"),
    ("handler", "handler", "national", "Demo National Handler"),
    ("bj-supervisor", "supervisor", "beijing", "Demo Beijing Supervisor"),
    ("bj-handler", "handler", "beijing", "Demo Beijing Handler"),
    ("gd-supervisor", "supervisor", "guangdong", "Demo Guangdong Supervisor"),
    ("gd-handler", "handler", "guangdong", "Demo Guangdong Handler"),
    ("reward-officer", "reward_officer", "national", "Demo Reward Officer"),
    ("reward-approver", "reward_approver", "national", "Demo Reward Approver"),
]

NOTICES = [
    {
        "slug": "reporting-channels",
        "kind": "notice",
        "pinned": True,
        "days_ago": 2,
        "title_zh": "关于公布国家安全机关举报受理渠道的公告",
        "title_en": "How to report to the national security authorities",
        "summary_zh": "举报电话12339、网络举报平台、信函和来访，均可受理。",
        "summary_en": "Reports are accepted by telephone (12339), online, by letter and in person.",
        "body_zh": (
            "公民和组织发现危害国家安全的行为，可以通过以下渠道举报：\n\n"
            "- **举报电话**：12339\n- **网络举报平台**：本网站“举报”页面\n- **信函**：寄往各地国家安全机关的举报信箱\n"
            "- **来访**：到国家安全机关当面举报\n\n"
            "可以实名举报，也可以匿名举报。国家安全机关对举报人的信息严格保密。"
        ),
        "body_en": (
            "Citizens and organisations who discover acts endangering national security can report them by:\n\n"
            "- **Telephone**: 12339\n- **Online**: the *Report* page of this site\n"
            "- **Letter**: to the postal mailbox of any national security office\n- **In person** at an office\n\n"
            "You may report by name or anonymously. Information about reporters is kept strictly confidential."
        ),
    },
    {
        "slug": "reward-measures",
        "kind": "notice",
        "pinned": False,
        "days_ago": 10,
        "title_zh": "公民举报危害国家安全行为奖励办法解读",
        "title_en": "Rewards for reporting acts endangering national security, explained",
        "summary_zh": "举报线索经查证属实、发挥作用的，可以获得精神或物质奖励。",
        "summary_en": "Reports that are verified and help may be rewarded with a certificate or a payment.",
        "body_zh": (
            "## 哪些举报可以获得奖励\n\n举报的线索应当具体、新颖，并经查证属实、发挥了作用。\n\n"
            "## 奖励方式\n\n奖励包括精神奖励和物质奖励，物质奖励分为四档。\n\n"
            "## 注意\n\n同一线索多人举报的，奖励最先登记的举报人。"
        ),
        "body_en": (
            "## Which reports can be rewarded\n\nThe information must be specific and new, and be verified and "
            "have helped.\n\n## Kinds of reward\n\nA certificate, or a payment in one of four tiers.\n\n"
            "## Note\n\nWhen several people report the same matter, the first one registered is rewarded."
        ),
    },
    {
        "slug": "national-security-education-day",
        "kind": "notice",
        "pinned": False,
        "days_ago": 30,
        "title_zh": "全民国家安全教育日活动通知",
        "title_en": "National Security Education Day events",
        "summary_zh": "4月15日全民国家安全教育日，各地将开展宣传活动。",
        "summary_en": "On 15 April, National Security Education Day, offices across the country hold public events.",
        "body_zh": "每年4月15日为全民国家安全教育日。欢迎公众参加各地举办的宣传教育活动。",
        "body_en": "15 April is National Security Education Day. The public is welcome at the events held across the country.",
    },
]

GUIDANCE = [
    {
        "slug": "recognising-espionage",
        "kind": "guidance",
        "pinned": False,
        "days_ago": 5,
        "title_zh": "如何识别间谍行为",
        "title_en": "How to recognise espionage",
        "summary_zh": "常见的迹象，以及遇到时应该怎么做。",
        "summary_en": "Common signs, and what to do when you see them.",
        "body_zh": (
            "## 常见迹象\n\n- 有人以高额报酬请你提供单位内部资料、照片或数据\n"
            "- 网上“兼职”要求拍摄军事设施、港口或机场\n- 陌生人反复打听你的工作内容和同事情况\n"
            "- 要求你安装不明软件或使用特定通讯工具联系\n\n"
            "## 怎么做\n\n不要答应，不要提供任何资料，保留聊天记录、电话号码和账号，尽快举报。"
        ),
        "body_en": (
            "## Common signs\n\n- Someone offers generous pay for internal documents, photos or data from your workplace\n"
            '- An online "part-time job" asks you to photograph military sites, ports or airports\n'
            "- A stranger keeps asking about your work and colleagues\n"
            "- You are asked to install unknown software or to use a particular messaging app\n\n"
            "## What to do\n\nDo not agree and do not hand anything over. Keep the chat history, phone numbers and "
            "account names, and report as soon as you can."
        ),
    },
    {
        "slug": "protecting-yourself",
        "kind": "guidance",
        "pinned": False,
        "days_ago": 6,
        "title_zh": "举报人如何保护自己",
        "title_en": "How reporters can protect themselves",
        "summary_zh": "匿名举报、保管好回执码、需要时申请保护。",
        "summary_en": "Report anonymously if you wish, keep your receipt code safe, and ask for protection if needed.",
        "body_zh": (
            "- 匿名举报时，不要在内容中写入能识别你身份的信息。\n- 回执码是你查询举报的唯一凭证，请妥善保管。\n"
            "- 如果你或你的近亲属面临危险，可以通过回执码申请保护。"
        ),
        "body_en": (
            "- When reporting anonymously, leave out anything in the text that would identify you.\n"
            "- Your receipt code is the only way back to your report: keep it safe.\n"
            "- If you or your close relatives are in danger, ask for protection with your receipt code."
        ),
    },
]
