# (data: each sentence stays on one line, so that it reads and diffs as a sentence)
"""The phrase pools of the synthetic report generator (synthetic.py): what witnesses write, in both languages.

Every pool of category behaviour sentences is split by position: sentence i belongs to the held-out part when
``i % 3 == 2`` and to the development part otherwise (see ``synthetic.phrase_split``). The development split of
the generator never uses held-out sentences, so the lexicons can be refined against dev reports without seeing
the wording the held-out reports use. The sentences were written from the agency's public case descriptions
and warnings, before the lexicons were refined, and not edited after evaluating the held-out split.

Slots: {alias} the suspect as the witness knows them, {place} where it happened, {site} a sensitive site,
{org} a front organisation, {amount} money, {time} when, {platform} where contact started, {unit} the
witness's or suspect's workplace, {person} a third person (a relative, a colleague).
"""

from __future__ import annotations

# --- in-scope behaviour, by category and language ---------------------------------------------------------

BEHAVIOUR: dict[str, dict[str, list[str]]] = {
    "espionage_organization": {
        "zh": [
            "{alias}在{platform}上认识我以后，说他背后有一个境外机构，想发展我为他们长期工作。",
            "{alias}每个月给我打{amount}元“顾问费”，要求我定期汇报单位的人员变动情况。",
            "{alias}约我到境外见面，在酒店里对我进行了培训，教我怎么用加密软件联系。",
            "{alias}自称是{org}的负责人，但他布置给我的任务都和我们单位的内部情况有关。",
            "我怀疑{alias}是境外情报机构的人，他让我签了一份协议，之后开始给我下达任务。",
            "{alias}给了我一部专用手机，说以后只能用这部手机和他单线联系，消息阅后即焚。",
            "{alias}说只要我帮他们做事，他们可以每年给我{amount}元，还能安排我出国。",
            "在{place}，{alias}把一个信封交给我，里面是钱和一张写着下一次接头暗号的纸条。",
            "{alias}让我给他起个化名，以后汇报的时候都用化名，不要提真实姓名。",
            "我表哥最近跟一个叫{alias}的人来往很密，收了对方的钱，还说要替他们“办点事”。",
            "{alias}多次让我去{place}跟他见面，每次都换一个地方，还教我怎么确认有没有人跟踪。",
            "{alias}通过{org}给我打钱，要我介绍更多在机关工作的朋友给他认识。",
        ],
        "en": [
            "After we met on {platform}, {alias} said there was an overseas organisation behind him that wanted me to work for them long term.",
            "{alias} pays me {amount} yuan a month as a 'consulting retainer' and wants regular reports on staff changes at my unit.",
            "{alias} invited me abroad and, in a hotel room, trained me to contact him only through an encrypted app.",
            "{alias} claims to run {org}, but every task he gives me is about the inside of my workplace.",
            "I believe {alias} works for a foreign intelligence service; he had me sign an agreement and then started giving me assignments.",
            "{alias} handed me a separate phone and told me to use it only for him, with disappearing messages switched on.",
            "{alias} said that if I did things for them they would pay me {amount} yuan a year and help me move abroad.",
            "At {place}, {alias} gave me an envelope with cash and a note with the code word for our next meeting.",
            "{alias} asked me to pick a false name and to sign every report to him with it.",
            "My cousin has been seeing a man called {alias} a lot, took money from him and says he has to 'run some errands' for them.",
            "{alias} keeps asking me to meet him at {place}, a different spot each time, and showed me how to check whether I was being followed.",
            "{alias} sends me money through {org} and wants me to introduce him to more friends who work in government offices.",
        ],
    },
    "state_secrets": {
        "zh": [
            "{alias}通过{platform}找到我，说愿意付{amount}元买我们{unit}的内部资料。",
            "我同事最近经常把标着密级的文件带回家，还用手机一页一页地拍下来。",
            "{alias}以付费咨询为名，每次问我们{unit}的项目进展、试验数据和人员情况。",
            "{alias}让我把单位电脑里的文件拷贝到U盘里给他，说只是做行业研究。",
            "我发现有人在网上高价收购我们{unit}的设计图纸，联系人是{alias}。",
            "{alias}请我吃饭时一直打听我们{unit}下一步的计划，还问我能不能把会议材料拍给他看看。",
            "{alias}说他是{org}的，想找懂行的人写“调研报告”，可问的内容都是不公开的。",
            "单位有人把涉密笔记本带出了办公区，我看到他在{place}把资料交给了一个陌生人。",
            "{alias}给了我一份问卷，填写内容涉及我们{unit}的装备参数，每份给{amount}元。",
            "有个自称{alias}的猎头问我现在做什么项目，承诺只要提供一些“样本材料”就给高薪。",
            "我听到{person}在电话里跟对方说，资料已经准备好了，下周在{place}交货。",
            "{alias}想让我帮他从我们单位的内网下载一些文件，说给我{amount}元辛苦费。",
        ],
        "en": [
            "{alias} found me on {platform} and offered {amount} yuan for internal material from our {unit}.",
            "A colleague keeps taking documents marked classified home and photographs them page by page with his phone.",
            "Under the cover of 'paid consultations', {alias} asks me every time about our {unit}'s projects, test data and staff.",
            "{alias} asked me to copy files from my office computer onto a USB stick for him, 'just for industry research'.",
            "Someone online is offering a lot of money for the design drawings of our {unit}; the contact is {alias}.",
            "Over dinner {alias} kept asking about the next steps of our {unit} and whether I could photograph the meeting papers for him.",
            "{alias} says he is with {org} and needs experts to write 'research reports', but everything he asks about is unpublished.",
            "Someone took a laptop with classified files out of the office area, and I saw him hand papers to a stranger at {place}.",
            "{alias} gave me a questionnaire about the equipment specifications of our {unit}, paying {amount} yuan per copy.",
            "A headhunter calling himself {alias} asked what project I am on and promised a big salary for a few 'sample materials'.",
            "I overheard {person} say on the phone that the material was ready and would be handed over at {place} next week.",
            "{alias} wants me to download some files from our {unit}'s internal network for him and offered {amount} yuan for the trouble.",
        ],
    },
    "defection": {
        "zh": [
            "{alias}一直劝我在外交部门工作的{person}留在国外不要回来，说可以帮他办绿卡。",
            "有人以美色接近我们单位的一位处长，现在又拿照片要挟他，让他去境外“避一避”。",
            "{alias}对在部队服役的{person}说，只要他出逃，对方会给他一大笔钱和新的身份。",
            "{alias}多次找我们局里的干部谈心，说国外待遇好，劝他带着资料一起走。",
            "我听说{alias}在策反我们{unit}的一名科研骨干，许诺安排他的孩子出国读书。",
            "{alias}抓住了{person}的把柄，逼他申请政治庇护，否则就把事情公开。",
            "{person}是公务员，最近被一个叫{alias}的人拉去参加境外的活动，对方一直劝他别回国了。",
            "{alias}说他能帮驻外人员办永久居留，只要他们愿意“换个阵营”。",
            "{alias}给在机关工作的{person}送了很多钱，还说以后可以安排他移民。",
            "我的领导最近被境外人员盯上，对方说只要他叛逃就给{amount}美元。",
            "{alias}在{place}见了我们单位的一名军官，劝他投靠对方，说会保护他的家人。",
            "{alias}用{person}的债务威逼他，要他利用出差机会滞留国外。",
        ],
        "en": [
            "{alias} keeps urging {person}, who works in the foreign service, to stay abroad and never come back, promising a green card.",
            "Someone used a honey trap on a department head at our unit and is now blackmailing him to go abroad 'to lie low'.",
            "{alias} told {person}, who is serving in the army, that if he flees abroad they will give him a lot of money and a new identity.",
            "{alias} has repeatedly taken an official from our bureau aside, praising life abroad and urging him to leave with documents.",
            "I heard that {alias} is trying to turn a senior researcher at our {unit}, promising to send his children to study abroad.",
            "{alias} has compromising material on {person} and is pressing him to claim political asylum or be exposed.",
            "{person} is a civil servant and was recently taken to events abroad by a man called {alias}, who keeps telling him not to return.",
            "{alias} claims he can get permanent residency for our diplomats posted abroad if they are willing to 'switch sides'.",
            "{alias} gave {person}, who works in a government office, a lot of money and said he could arrange for him to emigrate.",
            "My superior has been targeted by foreigners who offer him {amount} dollars if he defects.",
            "At {place}, {alias} met an officer from our unit and urged him to go over to their side, promising to protect his family.",
            "{alias} is using {person}'s debts to coerce him into staying abroad after his next business trip.",
        ],
    },
    "cyber_espionage": {
        "zh": [
            "我们{unit}的服务器最近出现异常外联，安全设备告警发现有木马在向境外地址回传数据。",
            "单位同事收到一封冒充上级通知的钓鱼邮件，附件打开后电脑就被远程控制了。",
            "我发现有人在扫描我们的政务网系统，日志里有大量来自同一个IP的登录尝试。",
            "我们的工控系统被植入了后门程序，调度数据被人篡改过。",
            "有黑客入侵了我们{unit}的邮箱系统，导出了大量邮件。",
            "单位内网一台终端感染了恶意程序，杀毒软件显示它在连接一个陌生的域名。",
            "{alias}在{platform}上发给我一个链接，说是会议材料，下载后发现是病毒。",
            "我们网站被攻击了好几次，首页还被篡改，攻击源好像是境外的服务器。",
            "防火墙记录显示有人利用漏洞进入了我们的数据库，窃取了用户资料。",
            "有人冒充运维人员，让我们在办公电脑上安装一个“补丁”，装完后电脑一直往外发数据。",
            "我们电力调度系统最近频繁出现不明程序，怀疑被人远程操控。",
            "我收到一个陌生U盘，插上电脑后杀毒软件报出勒索程序。",
        ],
        "en": [
            "Our {unit}'s servers have been making strange outbound connections; the security appliance flagged a trojan sending data to an overseas address.",
            "A colleague got a phishing email pretending to be from our superiors, and after opening the attachment the computer was under remote control.",
            "Someone is scanning our government network; the logs show a flood of login attempts from one IP address.",
            "A backdoor was planted in our industrial control system and the dispatch data has been tampered with.",
            "Hackers broke into the mail server of our {unit} and exported a large amount of email.",
            "A machine on our internal network is infected with malware that keeps connecting to an unknown domain.",
            "{alias} sent me a link on {platform}, saying it was meeting material; what downloaded was a virus.",
            "Our website has been attacked several times and the front page defaced; the attacks seem to come from servers abroad.",
            "Firewall records show that someone used a vulnerability to get into our database and steal user data.",
            "Someone posing as IT support had us install a 'patch' on office computers, and since then they keep sending data out.",
            "Unknown programs keep appearing in our power dispatch system; we suspect someone is controlling it remotely.",
            "I was handed a USB stick by a stranger and when I plugged it in the antivirus flagged ransomware.",
        ],
    },
    "target_indication": {
        "zh": [
            "{alias}在{platform}上找我做兼职，让我每天去{site}附近拍军舰进出港的照片发给他。",
            "我看到一个人在{site}外面用长焦相机拍了很久，还在本子上记录时间。",
            "{alias}让我在地图上标出{site}里几栋建筑的位置，说是给“旅游攻略”用的。",
            "有人在{site}附近放无人机航拍，被发现后马上收起来开车走了。",
            "{alias}每次给我{amount}元，要我把{site}飞机起降的时间和架次报给他。",
            "我的邻居在阳台上架了望远镜，正对着{site}，经常有外地人来他家。",
            "{alias}让我开启共享实时位置，绕着{site}走一圈，说是测试手机信号。",
            "有一伙人在{place}租了一个能看到{site}的房间，窗口一直对着营区拍视频。",
            "{alias}要我把{site}周边的路口、哨位和监控摄像头都拍下来，再标上经纬度。",
            "我在海边钓鱼时，有人问我能不能每天帮他记下码头停了几艘船，给我报酬。",
            "{alias}在{platform}上发布任务，招人去{site}附近“采集街景”，每次给{amount}元。",
            "有一个外国游客在{site}门口来回走，还用手机对着雷达拍照。",
        ],
        "en": [
            "{alias} offered me a part-time job on {platform}: go near {site} every day and send him photos of warships coming and going.",
            "I saw a man outside {site} using a telephoto lens for a long time and writing down times in a notebook.",
            "{alias} asked me to mark the positions of several buildings inside {site} on a map, 'for a travel guide'.",
            "Someone flew a drone over the area near {site} and packed it up and drove off as soon as he was noticed.",
            "{alias} pays me {amount} yuan each time to report the times and numbers of aircraft taking off and landing at {site}.",
            "My neighbour set up binoculars on his balcony pointing straight at {site}, and strangers visit him often.",
            "{alias} asked me to share my live location and walk around {site}, 'to test the phone signal'.",
            "A group rented a room at {place} overlooking {site} and keep filming the barracks from the window.",
            "{alias} wants me to photograph the crossroads, sentry posts and cameras around {site} and add the GPS coordinates.",
            "While I was fishing, someone asked whether I could note down every day how many ships were moored at the pier, for a fee.",
            "{alias} posts jobs on {platform} hiring people to 'collect street views' near {site}, paying {amount} yuan each time.",
            "A foreign tourist kept walking back and forth at the gate of {site}, taking pictures of the radar with his phone.",
        ],
    },
    "other_security": {
        "zh": [
            "有一个境外基金会通过{org}资助当地人搞培训班，内容是煽动对抗政府。",
            "{alias}在{place}附近偷偷安装了一个小型气象观测设备，数据直接传到境外服务器。",
            "有人在{platform}上组织串联，准备在{place}策划非法聚集，背后有境外势力出钱。",
            "{org}的人带着高精度测绘设备在{place}一带测量，没有任何审批手续。",
            "{alias}在我们村收集农作物种子和土壤样本，说要寄到国外实验室。",
            "有人在{place}散发传单，宣传分裂国家的内容。",
            "{org}在国内没有登记，却一直以公益名义在{place}开展活动，收集当地人员信息。",
            "{alias}在{platform}上大量发布抹黑国家的谣言，还拉人进群转发。",
            "一家外资公司在{place}的河道里装了传感器，长期采集水文数据。",
            "{alias}以研究为名采集村民的血样和基因信息，说是给国外机构做项目。",
            "我发现有境外组织在{platform}上招募大学生，给钱让他们写煽动性的文章。",
            "{alias}带着一群人在{place}拍摄宗教场所，并联系境外人员搞渗透活动。",
        ],
        "en": [
            "A foreign foundation funds local training courses through {org}, and the content incites people against the government.",
            "{alias} secretly installed a small weather station near {place} that sends its data straight to a server abroad.",
            "Someone is organising on {platform} to stage an illegal gathering at {place}, with money from foreign forces behind it.",
            "People from {org} have been surveying around {place} with high-precision mapping equipment and no approval at all.",
            "{alias} has been collecting crop seeds and soil samples in our village, saying they go to a lab abroad.",
            "Someone is handing out leaflets at {place} promoting separatism.",
            "{org} is not registered here, yet it keeps running 'charity' activities at {place} and collecting information on local people.",
            "{alias} posts large amounts of disinformation smearing the country on {platform} and pulls people into groups to spread it.",
            "A foreign-owned company installed sensors in the river at {place} and has been collecting hydrological data for a long time.",
            "{alias} collects villagers' blood samples and genetic information 'for research', saying it is for a project of a foreign institution.",
            "I found a foreign organisation recruiting students on {platform}, paying them to write inflammatory articles.",
            "{alias} brought a group to film religious sites at {place} and is in contact with people abroad to infiltrate them.",
        ],
    },
}

# Vague lines any witness may add; they say nothing about the category.
VAGUE = {
    "zh": [
        "他平时行踪很神秘，说话也总是含糊其辞。",
        "我觉得这件事不太对劲，所以想反映一下。",
        "他出手很大方，但说不清钱是从哪里来的。",
        "周围的人都觉得他有点奇怪。",
        "我不知道该不该说，但心里一直不踏实。",
    ],
    "en": [
        "He is very secretive about where he goes and never gives a straight answer.",
        "Something about this does not feel right, so I wanted to tell you.",
        "He spends a lot of money but cannot explain where it comes from.",
        "People around him think he is a bit odd.",
        "I am not sure whether I should say this, but it has been bothering me.",
    ],
}

OPENINGS = {
    "zh": [
        "你好，我想反映一个情况。",
        "我是一名普通市民，",
        "我在{unit}工作，",
        "我是退休职工，平时喜欢在附近散步，",
        "本人实名举报：",
        "匿名反映一件事。",
        "看了你们发布的提醒之后，我想起一件事。",
        "",
    ],
    "en": [
        "Hello, I would like to report something.",
        "I am an ordinary resident here.",
        "I work at a {unit}.",
        "I am retired and often walk around this area.",
        "I am reporting this under my real name.",
        "I prefer to stay anonymous.",
        "After reading your notice I remembered something.",
        "",
    ],
}

CLOSINGS = {
    "zh": ["希望有关部门调查一下。", "请核实。", "如需要我可以提供更多细节。", "谢谢。", "", ""],
    "en": [
        "Please look into this.",
        "Please check.",
        "I can give more details if needed.",
        "Thank you.",
        "",
        "",
    ],
}

# Background that makes a long report long without adding signal.
FILLER = {
    "zh": [
        "那天天气不好，路上人不多。",
        "我本来没在意，后来越想越觉得不对。",
        "我跟他认识大概有半年了，一开始只是普通朋友。",
        "这件事我跟家里人也说过，他们让我向你们反映。",
        "当时我正好下班路过。",
    ],
    "en": [
        "The weather was bad that day and there were few people around.",
        "At first I did not pay attention, but the more I thought about it the stranger it seemed.",
        "I have known him for about half a year; at first we were just friends.",
        "I told my family about it and they said I should tell you.",
        "I happened to be passing by on my way home from work.",
    ],
}

# Priority cues a witness may add.
URGENT = {
    "zh": ["他说明天就要把东西交出去。", "他已经买了下周出境的机票。", "今晚他们还会在那里见面。"],
    "en": [
        "He said he will hand the material over tomorrow.",
        "He has already bought a plane ticket to leave next week.",
        "They are meeting there again tonight.",
    ],
}
ONGOING = {
    "zh": ["这种情况到现在还在持续。", "他每周都会去一次。", "最近又来了好几次。"],
    "en": [
        "This is still going on.",
        "He goes there every week.",
        "He has come back several times recently.",
    ],
}
AFRAID = {
    "zh": ["我担心被他发现后报复我的家人。", "他好像已经跟踪我了，我很害怕。"],
    "en": [
        "I am afraid he will retaliate against my family if he finds out.",
        "I think he has followed me, and I am scared.",
    ],
}

# How an identifier is woven into a sentence; {value} is the identifier as this witness writes it.
IDENTIFIER_CARRIERS = {
    "zh": {
        "phone": [
            "他的电话是{value}。",
            "对方手机号{value}。",
            "联系电话：{value}",
            "他用{value}这个号码给我打过电话。",
        ],
        "wechat": ["{value}", "他让我加他{value}。", "对方{value}。"],
        "qq": ["{value}", "他一直用{value}跟我联系。"],
        "email": ["他的邮箱是{value}。", "对方用{value}给我发过邮件。"],
        "url": ["链接是{value}", "他让我打开{value}。"],
        "domain": ["对方用的域名是{value}。", "数据发往{value}。"],
        "ipv4": ["可疑IP：{value}", "日志显示来源地址{value}。"],
        "ipv6": ["来源地址{value}。"],
        "md5": ["样本MD5：{value}", "文件哈希{value}。"],
        "sha256": ["样本SHA256：{value}"],
        "plate": ["他开的车车牌是{value}。", "车牌号{value}，白色轿车。", "停在那里的车是{value}。"],
    },
    "en": {
        "phone": [
            "His number is {value}.",
            "He called me from {value}.",
            "Phone: {value}",
            "The number he uses is {value}.",
        ],
        "wechat": ["{value}", "He asked me to add him, {value}.", "His contact: {value}."],
        "qq": ["{value}", "He contacts me through {value}."],
        "email": ["His e-mail is {value}.", "The messages came from {value}."],
        "url": ["The link was {value}", "He told me to open {value}."],
        "domain": ["The domain used is {value}.", "The data goes to {value}."],
        "ipv4": ["Suspicious IP: {value}", "The logs show the source address {value}."],
        "ipv6": ["Source address {value}."],
        "md5": ["MD5 of the sample: {value}", "File hash {value}."],
        "sha256": ["SHA256 of the sample: {value}"],
        "plate": [
            "His car's plate is {value}.",
            "Plate {value}, a white saloon.",
            "The car parked there was {value}.",
        ],
    },
}

FILLERS = {
    "alias": {
        "zh": [
            "王先生",
            "李经理",
            "张总",
            "老陈",
            "刘姐",
            "赵老师",
            "Kevin",
            "孙博士",
            "周先生",
            "吴经理",
            "郑女士",
            "Tony",
        ],
        "en": [
            "Mr Wang",
            "Manager Li",
            "Mr Zhang",
            "Old Chen",
            "Ms Liu",
            "Teacher Zhao",
            "Kevin",
            "Dr Sun",
            "Mr Zhou",
            "Manager Wu",
            "Ms Zheng",
            "Tony",
        ],
    },
    "place": {
        "zh": [
            "人民路的咖啡馆",
            "火车站附近的宾馆",
            "滨海公园",
            "开发区一家茶楼",
            "城东的小区",
            "机场附近的酒店",
            "学校对面的餐馆",
            "江边步行街",
        ],
        "en": [
            "a café on People's Road",
            "a hotel near the railway station",
            "Binhai Park",
            "a teahouse in the development zone",
            "a housing estate in the east of the city",
            "a hotel near the airport",
            "a restaurant opposite the school",
            "the riverside walk",
        ],
    },
    "site": {
        "zh": [
            "东港军港",
            "城北的部队营区",
            "西山雷达站",
            "郊区的军用机场",
            "海军码头",
            "某导弹旅驻地",
            "北郊的军事管理区",
        ],
        "en": [
            "the naval port at East Harbour",
            "the army barracks north of the city",
            "the radar station on West Hill",
            "the military airfield outside town",
            "the navy pier",
            "the missile brigade's base",
            "the military zone in the northern suburbs",
        ],
    },
    "org": {
        "zh": [
            "一家咨询公司",
            "某国际交流协会",
            "一家境外调研机构",
            "某文化基金会",
            "一家贸易公司",
            "某环保组织",
        ],
        "en": [
            "a consulting firm",
            "an international exchange association",
            "an overseas research agency",
            "a cultural foundation",
            "a trading company",
            "an environmental group",
        ],
    },
    "unit": {
        "zh": ["研究所", "设计院", "军工企业", "机关单位", "船厂", "航天院", "电力公司"],
        "en": [
            "research institute",
            "design institute",
            "defence company",
            "government office",
            "shipyard",
            "aerospace institute",
            "power company",
        ],
    },
    "platform": {
        "zh": ["领英", "微信", "某招聘网站", "QQ群", "一个兼职群", "社交软件", "学术会议"],
        "en": [
            "LinkedIn",
            "WeChat",
            "a job website",
            "a QQ group",
            "a part-time job group",
            "a social app",
            "an academic conference",
        ],
    },
    "person": {
        "zh": ["我的一位亲戚", "我同事", "我的同学", "我丈夫", "我的邻居", "我朋友"],
        "en": [
            "a relative of mine",
            "my colleague",
            "a classmate of mine",
            "my husband",
            "my neighbour",
            "a friend of mine",
        ],
    },
}

# --- out of scope and junk ------------------------------------------------------------------------------

OUT_OF_SCOPE: dict[str, dict[str, list[str]]] = {
    "police": {
        "zh": [
            "我的电动车昨天在{place}被偷了，监控里能看到小偷。",
            "楼下有人打架，还有人受伤了。",
            "我家被人撬锁入室，丢了首饰和现金。",
            "我朋友已经失踪三天了，联系不上。",
        ],
        "en": [
            "My e-bike was stolen at {place} yesterday and the thief is on camera.",
            "There was a fight downstairs and someone got hurt.",
            "Someone broke into my flat and took jewellery and cash.",
            "My friend has been missing for three days and I cannot reach him.",
        ],
    },
    "citizen_service": {
        "zh": [
            "小区楼下的广场舞每天晚上噪音太大，物业也不管。",
            "我们这条路的路灯坏了两个月没人修。",
            "隔壁装修天天施工到深夜，严重扰民。",
            "小区门口乱停车，消防通道被堵住了。",
        ],
        "en": [
            "The square dancing below our building is far too noisy every night and property management does nothing.",
            "The street lights on our road have been broken for two months.",
            "The renovation next door goes on until midnight every day.",
            "Cars park all over the entrance of our residential compound and block the fire lane.",
        ],
    },
    "consumer": {
        "zh": [
            "我在网购平台买的手机是假货，商家不给退款。",
            "健身房老板卷款跑路，会员卡里的钱退不回来。",
            "快递一直不送到，售后也不处理。",
            "超市卖过期食品，我要投诉。",
        ],
        "en": [
            "The phone I bought from an online shop is counterfeit and the merchant refuses a refund.",
            "The gym owner ran off with our money and my membership card is worthless.",
            "My delivery never arrived and customer service ignores me.",
            "The supermarket sells expired food and I want to complain.",
        ],
    },
    "anti_fraud": {
        "zh": [
            "我在网上刷单被骗了{amount}元，对方让我一直转账。",
            "有人冒充客服说我的账户有风险，让我把钱转到安全账户。",
            "我在一个投资平台充了钱，现在提不出来，怀疑是诈骗。",
            "网恋对象让我投资，结果被骗了好几万。",
        ],
        "en": [
            "I was scammed out of {amount} yuan by an online order-brushing job; they kept asking me to transfer more.",
            "Someone pretending to be customer service said my account was at risk and told me to move money to a safe account.",
            "I put money into an investment platform and now cannot withdraw it, I think it is a scam.",
            "Someone I met online talked me into investing and I lost tens of thousands.",
        ],
    },
    "spam": {
        "zh": [
            "每天都接到好几个推销电话，烦死了。",
            "最近一直收到贷款广告的垃圾短信。",
            "有个号码一直打骚扰电话，响一声就挂。",
        ],
        "en": [
            "I get several telemarketing calls every day.",
            "I keep getting spam texts advertising loans.",
            "One number keeps making nuisance calls that hang up after one ring.",
        ],
    },
    "illegal_content": {
        "zh": [
            "有个网站一直推送色情内容，还诱导充值。",
            "某个群里有人组织网络赌博。",
            "有人在网上人肉我的朋友，还网暴她。",
        ],
        "en": [
            "A website keeps pushing pornographic content and asks for payments.",
            "Someone in a chat group is running online gambling.",
            "People online are doxxing my friend and cyberbullying her.",
        ],
    },
    "discipline": {
        "zh": [
            "我们镇的一个干部收受贿赂，帮人违规审批。",
            "某局长公款吃喝，还公车私用。",
            "村主任挪用扶贫款，群众意见很大。",
        ],
        "en": [
            "An official in our town takes bribes to push approvals through.",
            "A bureau chief uses public funds for banquets and the official car for private trips.",
            "The village head embezzled poverty-relief funds.",
        ],
    },
    "labour": {
        "zh": [
            "公司已经三个月没发工资了，老板一直拖着。",
            "我在工地受了工伤，老板不认。",
            "单位不签劳动合同，还不交社保。",
        ],
        "en": [
            "My company has not paid wages for three months.",
            "I was injured at work on a building site and the boss denies it.",
            "My employer will not sign a labour contract or pay social insurance.",
        ],
    },
}

JUNK = {
    "test": ["测试", "测试一下", "test", "testing 123", "试试看能不能提交", "just testing the form"],
    "ad": [
        "代开各类发票，价格优惠，加微信 fp{number}",
        "无抵押贷款，秒到账，零风险，咨询热线 400-{number}",
        "兼职日结，在家就能做，高回报，私聊",
        "Limited time offer! Cheap loans, no risk, click the link www.{word}-loans.top",
        "Best price watches, buy now, free gift, DM me",
        "办证刻章，包过，诚招代理",
    ],
    "abuse": ["你们都是废物", "傻逼", "去死吧", "fuck you idiots", "stupid website"],
    "gibberish": [
        "啊啊啊啊啊啊啊啊啊",
        "sdfkjhsdkjfhskjdfh kjhsdkfjh qwpoeiruty zxmcnvb",
        "11111111111111",
        "。。。。。。",
        "jjjjjjjjjjjjj",
        "asdkjh qwlkej zxcmnb poiqwe",
    ],
}

# Words swapped into a Chinese report to make it mixed, as bilingual writers do.
CODE_SWITCH = {
    "微信": "WeChat",
    "公司": "company",
    "兼职": "part-time job",
    "资料": "documents",
    "照片": "photos",
    "报酬": "payment",
    "服务器": "server",
    "经理": "manager",
    "项目": "project",
    "链接": "link",
    "会议": "meeting",
}

# Homophones and near-forms that Chinese typists confuse.
ZH_TYPOS = {
    "的": "得",
    "在": "再",
    "已": "以",
    "做": "作",
    "像": "象",
    "账": "帐",
    "那": "哪",
    "他": "她",
    "里": "理",
    "到": "道",
}

# Per-witness variation: the same idea in other words, so that two witnesses never write one sentence alike.
SYNONYMS = {
    "zh": {
        "最近": ["这段时间", "近来", "最近"],
        "经常": ["常常", "总是", "经常"],
        "我发现": ["我注意到", "我看到", "我发现"],
        "一直": ["一直", "老是", "总是"],
        "多次": ["好几次", "多次", "反复"],
        "我同事": ["我们单位一个同事", "我的一个同事", "我同事"],
        "有人": ["有个人", "有一个人", "有人"],
        "说": ["说", "讲", "声称"],
        "还": ["还", "并且", "而且还"],
        "单位": ["单位", "公司"],
    },
    "en": {
        "recently": ["lately", "recently", "in recent weeks"],
        "often": ["frequently", "often", "regularly"],
        "Someone": ["Somebody", "A person", "Someone"],
        "someone": ["somebody", "a person", "someone"],
        "keeps": ["keeps", "continues", "keeps on"],
        "a lot of": ["lots of", "a great deal of", "a lot of"],
        "I saw": ["I noticed", "I spotted", "I saw"],
        "asked me": ["told me", "wanted me", "asked me"],
        "said": ["said", "claimed", "told me"],
    },
}
TIME_PREFIXES = {
    "zh": [
        "上周，",
        "前几天，",
        "去年年底，",
        "三月初，",
        "大概两个月前，",
        "上个月中旬，",
        "今年春节后，",
        "",
        "",
        "",
    ],
    "en": [
        "Last week, ",
        "A few days ago, ",
        "Around two months ago, ",
        "Early this month, ",
        "Last spring, ",
        "",
        "",
        "",
    ],
}
# What people add to an out-of-scope complaint: their own circumstances.
OUT_OF_SCOPE_DETAILS = {
    "zh": [
        "已经好几次了。",
        "我打过电话但是一直没人处理。",
        "希望尽快解决。",
        "地点在{place}。",
        "损失大概{amount}元。",
        "家里老人孩子都受影响。",
        "前后已经拖了好几个月。",
        "我手里有照片可以证明。",
    ],
    "en": [
        "It has happened several times.",
        "I called before but nobody dealt with it.",
        "Please sort it out quickly.",
        "It is at {place}.",
        "I lost about {amount} yuan.",
        "My elderly parents are affected too.",
        "This has dragged on for weeks.",
        "I have photos as proof.",
    ],
}
